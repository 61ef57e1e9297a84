/**
 * Error messages quote untrusted values bounded and without recursion: a
 * 50 MB cell or 10⁵ levels of nesting must not become a 50 MB message or a
 * stack overflow (which a view would show as an untyped RangeError).
 */
import { describeType, describeValue, parseRow } from '..';
import { formatError } from '../../__tests__/format-error';
import { deeplyNested } from '../../__tests__/nesting';

describe('describing untrusted values', () => {
  it('names an absent value "nothing", not "a undefined"', () => {
    expect(describeType(undefined)).toBe('nothing');
    expect(describeValue(undefined)).toBe('nothing');
    expect(formatError(() => parseRow(undefined)).message).toBe(
      'row: must be an object keyed by column name, got nothing'
    );
  });

  it.each([
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    [0.25, '0.25'],
    [false, 'false'],
    [null, 'null'],
    ['x'.repeat(10_000_000), 'the text "xxxxxxxxxxxxxxxxxxxxxxxx…"'],
    ['a\nb', 'the text "a\\nb"'],
    [[1, 2], 'an array'],
    [deeplyNested(100_000, 'array'), 'an array'],
    [deeplyNested(100_000, 'object'), 'an object']
  ])('describes a value (%#)', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
