/**
 * Work on hostile values is bounded by what can be valid, not by the size
 * of the value: a 50 MB landmark token is refused after 64 characters.
 */
import { parseLandmarks, parseRow } from '..';
import { formatError } from '../../__tests__/format-error';

describe('bounded work on huge landmark values', () => {
  it('refuses a long token after 64 characters', () => {
    const error = formatError(() => parseLandmarks('9'.repeat(60_000)));
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

describe('landmark text longer than its numbers can take', () => {
  it('is refused before scanning, and real layouts fit with room to spare', () => {
    const huge = [','.repeat(50_000_000), '9'.repeat(50_000_000)];
    huge.forEach(text => text.charCodeAt(text.length - 1)); // flat, as JSON.parse makes them
    const started = performance.now();
    // The length rule answers, not the scanner (which would report a missing
    // or overlong number): the text was refused before it was read.
    for (const text of huge) {
      expect(formatError(() => parseLandmarks(text)).message).toBe(
        'Landmarks: is 50000000 characters long, more than 240 numbers (120 points × 2) can take (62464)'
      );
    }
    console.log(
      `two 50 MB landmark texts refused in ${(performance.now() - started).toFixed(2)} ms`
    );
    // numpy's print of 120 points padded to 20 characters a number.
    const padded =
      '[' +
      Array.from(
        { length: 120 },
        (_, i) => `[${String(i).padStart(20)} ${String(-i).padStart(20)}]`
      ).join('\n ') +
      ']';
    expect(parseLandmarks(padded)[119]).toEqual([119, -119]);
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
