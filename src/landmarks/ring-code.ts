/**
 * The landmark code of version 2 of the landmark payload (see `packed.ts`):
 * every row's 120 landmarks in one string of base64 characters.
 *
 * The code: the numbers in the order of a Landmarks cell (row after row,
 * x0, y0, x1, y1, …). Within each organ's ring and each axis, the first
 * coordinate is written as it is, the second as its step from the first and
 * every further one as the change of step (x[k] − 2·x[k−1] + x[k−2]): rings
 * are smooth, so most are small. Each number is zigzag-coded (0, −1, 1, −2…
 * → 0, 1, 2, 3…) and written in base64 characters of 6 bits, the low 5 bits
 * first, the 6th bit (32) set on every character of the number but its last:
 * 1 character from −16 to 15, at most 4 (16-bit coordinates need no more).
 */
import { ChexmaskFormatError, LANDMARK_COUNT, ORGANS } from '../core';

/** Numbers per row: 120 landmarks × 2 coordinates. */
const ROW_NUMBERS = 2 * LANDMARK_COUNT;

/** The most characters one number takes (20 bits: any 16-bit ring's changes of step). */
export const MAX_NUMBER_CHARS = 4;

/** The fewest characters of a row (one per number); the most is {@link MAX_NUMBER_CHARS} times this. */
export const PACKED_ROW_MIN_CHARS = ROW_NUMBERS;

/**
 * Decode packed landmarks (see the module's comment): `rowCount` rows of
 * 240 coordinates, as numbers.
 *
 * @throws ChexmaskFormatError naming `landmarks` (and the row, where there
 *   is one) for a character outside base64's standard alphabet, a number of
 *   more than {@link MAX_NUMBER_CHARS} characters, a coordinate outside 16
 *   bits, text that ends inside a row or goes on after the last.
 */
export function decodeLandmarks(text: string, rowCount: number): Float64Array {
  const steps = Private.numbers(text, rowCount * ROW_NUMBERS);
  const out = new Float64Array(steps.length);
  // Each ring and axis: the first coordinate, then steps, then changes of step.
  for (let r = 0; r < rowCount; r++) {
    const base = r * ROW_NUMBERS;
    for (const { start, end } of ORGANS) {
      for (let axis = 0; axis < 2; axis++) {
        let o = base + 2 * start + axis;
        let value = steps[o];
        let step = 0;
        for (let k = start; ;) {
          if (value < -32768 || value > 32767) {
            throw Private.outOfRange(r, 2 * k + axis, value);
          }
          out[o] = value;
          if (++k === end) {
            break;
          }
          o += 2;
          step = k === start + 1 ? steps[o] : step + steps[o];
          value += step;
        }
      }
    }
  }
  return out;
}

namespace Private {
  export const ALPHABET =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  /** Each UTF-16 code unit's 6-bit value, 255 for a character outside the alphabet. */
  export const VALUES = (() => {
    const table = new Uint8Array(65536).fill(255);
    for (let i = 0; i < ALPHABET.length; i++) {
      table[ALPHABET.charCodeAt(i)] = i;
    }
    return table;
  })();

  /**
   * The `count` numbers of packed landmarks, zigzag-decoded: 5 bits a
   * character, low bits first, while bit 6 is set (most take one).
   *
   * @throws ChexmaskFormatError naming `landmarks` (see `decodeLandmarks`).
   */
  export function numbers(text: string, count: number): Int32Array {
    const rowCount = count / ROW_NUMBERS;
    const numbers = new Int32Array(count);
    const length = text.length;
    let c = 0;
    for (let o = 0; o < count; o++) {
      if (c >= length) {
        throw endsInside(Math.floor(o / ROW_NUMBERS), rowCount);
      }
      let v = VALUES[text.charCodeAt(c++)];
      let zigzag = v;
      if (v >= 32) {
        if (v === 255) {
          throw badCharacter(text, c - 1);
        }
        zigzag = v & 31;
        for (let shift = 5; v >= 32; shift += 5) {
          if (shift === 5 * MAX_NUMBER_CHARS) {
            throw tooLong(Math.floor(o / ROW_NUMBERS), c - 1);
          }
          if (c >= length) {
            throw endsInside(Math.floor(o / ROW_NUMBERS), rowCount);
          }
          v = VALUES[text.charCodeAt(c++)];
          if (v === 255) {
            throw badCharacter(text, c - 1);
          }
          zigzag |= (v & 31) << shift;
        }
      }
      numbers[o] = (zigzag >>> 1) ^ -(zigzag & 1);
    }
    if (c !== length) {
      const more = length - c;
      throw new ChexmaskFormatError(
        'landmarks',
        `goes on for ${more.toLocaleString('en-US')} character${more === 1 ? '' : 's'} after the last of its ${rowCount.toLocaleString('en-US')} rows`
      );
    }
    return numbers;
  }

  /** The error for a character outside the alphabet, at `index`. */
  export function badCharacter(
    text: string,
    index: number
  ): ChexmaskFormatError {
    return new ChexmaskFormatError(
      'landmarks',
      `character ${(index + 1).toLocaleString('en-US')} is not base64: ${JSON.stringify(text.charAt(index))}`
    );
  }

  /** The error for text that stops inside row `r`. */
  export function endsInside(r: number, rowCount: number): ChexmaskFormatError {
    return new ChexmaskFormatError(
      'landmarks',
      `ends inside row ${r.toLocaleString('en-US')} (counting from 0) of ${rowCount.toLocaleString('en-US')}`
    );
  }

  /** The error for a number still going on at its last possible character, `index`. */
  export function tooLong(r: number, index: number): ChexmaskFormatError {
    return new ChexmaskFormatError(
      'landmarks',
      `has a number of more than ${MAX_NUMBER_CHARS} characters at character ${(index + 1).toLocaleString('en-US')} (row ${r.toLocaleString('en-US')}, counting from 0)`
    );
  }

  /** The error for row `r`'s coordinate `i` decoding to `value`, beyond 16 bits. */
  export function outOfRange(
    r: number,
    i: number,
    value: number
  ): ChexmaskFormatError {
    return new ChexmaskFormatError(
      'landmarks',
      `row ${r.toLocaleString('en-US')} (counting from 0), landmark ${Math.floor(i / 2)}'s ${i % 2 ? 'y' : 'x'} decodes to ${value.toLocaleString('en-US')}, outside −32,768 to 32,767`
    );
  }
}
