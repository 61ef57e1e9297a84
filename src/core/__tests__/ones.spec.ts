/**
 * writeRun (the decoder's and the polygon fill's writer) sets exactly
 * `mask[from..to)`, for every short and medium run, on masks that start on
 * an 8-byte boundary (aligned words between the ends) and on masks that do
 * not (everything through the DataView).
 */
import { onesView, onesWords, writeRun } from '../ones';

describe('writeRun', () => {
  it.each([0, 1, 3, 8])(
    'sets exactly [from, to) on a mask at byte offset %i',
    offset => {
      const size = 1200;
      const backing = new Uint8Array(size + offset + 16);
      const mask = backing.subarray(offset, offset + size);
      expect(onesWords(mask) === null).toBe(offset % 8 !== 0);
      const expected = new Uint8Array(size);
      for (let from = 0; from < 24; from++) {
        for (const length of [
          0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 200, 1023, 1024, 1100
        ]) {
          const to = Math.min(size, from + length);
          backing.fill(0);
          writeRun(mask, onesView(mask), onesWords(mask), from, to);
          expected.fill(0).fill(1, from, to);
          expect(Buffer.from(mask).equals(Buffer.from(expected))).toBe(true);
          // Nothing written outside the mask's own bytes.
          expect(backing.subarray(0, offset).every(v => v === 0)).toBe(true);
          expect(backing.subarray(offset + size).every(v => v === 0)).toBe(
            true
          );
        }
      }
    }
  );
});
