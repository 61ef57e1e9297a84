/**
 * Payload versions: a newer version says so; anything else is worded from
 * the value itself, bounded, without `JSON.stringify` (which says `null` for
 * NaN and overflows on deep nesting).
 */
import { checkPayloadVersion } from '../payload';
import { MIME_ROW } from '../../row/payload';
import { formatError } from '../../__tests__/format-error';
import { deeplyNested } from '../../__tests__/nesting';

describe('payload version', () => {
  it('reads version 1 and names a newer one', () => {
    expect(() => checkPayloadVersion(1, MIME_ROW)).not.toThrow();
    const error = formatError(() => checkPayloadVersion(2, MIME_ROW));
    expect(error.field).toBe('version');
    expect(error.message).toMatch(/newer than this extension/);
  });

  it.each([
    ['absent', undefined, /got nothing$/],
    ['null', null, /got null$/],
    ['NaN', NaN, /got NaN$/],
    ['Infinity', Infinity, /got Infinity$/],
    ['-Infinity', -Infinity, /got -Infinity$/],
    ['1.5', 1.5, /got 1\.5$/],
    ['0', 0, /got 0$/],
    ['the text "1"', '1', /got the text "1"$/],
    ['50 MB of text', 'x'.repeat(50_000_000), /got the text "x{24}…"$/],
    ['true', true, /got true$/],
    ['an array', [1], /got an array$/],
    ['10⁵ levels of nesting', deeplyNested(100_000, 'array'), /got an array$/]
  ])('words %s', (_name, version, message) => {
    const error = formatError(() => checkPayloadVersion(version, MIME_ROW));
    expect(error.field).toBe('version');
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(200);
  });
});
