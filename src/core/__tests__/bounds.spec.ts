/**
 * Work on hostile values is bounded by what can be valid, not by the size
 * of the value: a 50 MB landmark token is refused after 64 characters.
 */
import { parseLandmarks, parseRow } from '..';
import { formatError } from '../../__tests__/format-error';

describe('bounded work on huge landmark values', () => {
  it('refuses a 50 MB token without reading it', () => {
    const token = '9'.repeat(50_000_000);
    // Flatten the string first, so only the parse is timed.
    expect(token.charCodeAt(token.length - 1)).toBe(57);
    const started = performance.now();
    const error = formatError(() => parseLandmarks(token));
    expect(performance.now() - started).toBeLessThan(50);
    expect(error.message).toBe(
      'Landmarks: number 1 is not a number: "999999999999999999999999…"'
    );
  });

  it('still reads a 64-character number and refuses a 65-character one', () => {
    const long = '1.' + '0'.repeat(62);
    const points = parseLandmarks(
      [long, ...new Array<string>(239).fill('2')].join(',')
    );
    expect(points[0]).toEqual([1, 2]);
    expect(
      formatError(() =>
        parseLandmarks(
          [long + '0', ...new Array<string>(239).fill('2')].join(',')
        )
      ).message
    ).toMatch(/number 1 is not a number/);
  });
});

describe('blank cells', () => {
  it('are missing however long, and a long cell with a run is not copied to find out', () => {
    const row = parseRow({
      Heart: ' \t\n'.repeat(100_000),
      'Left Lung': '1 1',
      Height: 4,
      Width: 4
    });
    expect(row.masks.heart).toBeNull();
    const padded = ' '.repeat(1000) + '1 1';
    expect(parseRow({ Heart: padded, Height: 4, Width: 4 }).masks.heart).toBe(
      padded
    );
  });
});
