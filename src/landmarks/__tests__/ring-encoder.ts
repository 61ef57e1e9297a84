/**
 * The encoder of the landmark code of version 2 (see `../ring-code.ts`),
 * for tests only: the extension decodes, the kernel encodes.
 */
import { LANDMARK_COUNT, ORGANS } from '../../core';

/** Numbers per row: 120 landmarks × 2 coordinates. */
const ROW_NUMBERS = 2 * LANDMARK_COUNT;

/** Base64's standard alphabet, the code's characters. */
export const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * How each of a row's 240 numbers is coded: 0 the first coordinate of its
 * ring (as it is), 1 the second (its step), 2 the others (change of step).
 */
const KINDS = (() => {
  const kinds = new Uint8Array(ROW_NUMBERS).fill(2);
  for (const organ of ORGANS) {
    kinds.fill(0, 2 * organ.start, 2 * organ.start + 2);
    kinds.fill(1, 2 * organ.start + 2, 2 * organ.start + 4);
  }
  return kinds;
})();

/**
 * Pack rows' landmarks as version 2 does (the inverse of
 * `decodeLandmarks`), for the tests: the kernel packs them in Python. Every coordinate must be
 * an integer from −32,768 to 32,767, 240 a row.
 */
export function encodeLandmarks(coords: ArrayLike<number>): string {
  if (coords.length % ROW_NUMBERS !== 0) {
    throw new RangeError(
      `${coords.length} coordinates are not whole rows of ${ROW_NUMBERS}`
    );
  }
  const chars: string[] = [];
  for (let o = 0; o < coords.length; o++) {
    const v = coords[o];
    if (!Number.isInteger(v) || v < -32768 || v > 32767) {
      throw new RangeError(`coordinate ${o} (${v}) is not a 16-bit integer`);
    }
    const kind = KINDS[o % ROW_NUMBERS];
    const step =
      kind === 0
        ? v
        : kind === 1
          ? v - coords[o - 2]
          : v - 2 * coords[o - 2] + coords[o - 4];
    let zigzag = step < 0 ? -2 * step - 1 : 2 * step;
    while (zigzag >= 32) {
      chars.push(BASE64[32 | (zigzag % 32)]);
      zigzag = Math.floor(zigzag / 32);
    }
    chars.push(BASE64[zigzag]);
  }
  return chars.join('');
}
