/**
 * Version 2 of the landmark payload (`schema/payloads/landmarks.v2.json`):
 * the rows as columns, and every row's 120 landmarks packed into one string.
 * The kernel writes it for large plots: JupyterLab decodes and copies an
 * output several times on the main thread when it arrives (JSON.parse, then
 * JSON.stringify + JSON.parse for its output model, again for the table of
 * contents…), so the message's size is main-thread time. 10,000 rows'
 * landmarks as raw text are 10 MB, as 16-bit integers in base64 6.4 MB, and
 * coded as below about 2.6–2.9 MB; none of them need parsing on the page.
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
import {
  ChexmaskFormatError,
  describeType,
  LANDMARK_COUNT,
  MAX_MASK_PIXELS,
  meanSigma,
  ORGANS
} from '../core';
import { isWholeNumber, MAX_TEXT, optionalText } from '../common/payload';
import type { IParsedLandmarkRow } from './payload';
import {
  checkRowCount,
  checkSize,
  groupText,
  GroupTally,
  idText,
  maskSide,
  sigmaCell
} from './row-fields';

/** Numbers per row: 120 landmarks × 2 coordinates. */
const ROW_NUMBERS = 2 * LANDMARK_COUNT;

/** The most characters one number takes (20 bits: any 16-bit ring's changes of step). */
export const MAX_NUMBER_CHARS = 4;

/** The fewest characters of a row (one per number); the most is {@link MAX_NUMBER_CHARS} times this. */
export const PACKED_ROW_MIN_CHARS = ROW_NUMBERS;

/**
 * A version-2 payload's rows, checked around their content: the count, the
 * columns' lengths and the packed landmarks' length. A column that is null
 * or absent gives every row null.
 */
export interface ILandmarkColumns {
  rowCount: number;
  ids: readonly unknown[] | null;
  datasets: readonly unknown[] | null;
  groups: readonly unknown[] | null;
  heights: readonly unknown[] | null;
  widths: readonly unknown[] | null;
  /** Every row's landmarks, coded (see the module's comment). */
  landmarks: string;
  sigma: readonly unknown[] | null;
}

/** The optional columns of version 2, by field name. */
const COLUMNS = [
  'ids',
  'datasets',
  'groups',
  'heights',
  'widths',
  'sigma'
] as const;

/**
 * Check a version-2 payload's rows around their content: cheap whatever
 * the payload's size (lengths only), so the rows can be parsed elsewhere.
 *
 * @throws ChexmaskFormatError naming the field at fault.
 */
export function checkLandmarkColumns(
  payload: Record<string, unknown>,
  groupBy: string | null
): ILandmarkColumns {
  const { rowCount, landmarks } = payload;
  if (!isWholeNumber(rowCount, 1)) {
    throw new ChexmaskFormatError(
      'rowCount',
      `must be the number of rows, a whole number of at least 1, got ${
        typeof rowCount === 'number' ? String(rowCount) : describeType(rowCount)
      }`
    );
  }
  checkRowCount(rowCount, 'rowCount');
  if (typeof landmarks !== 'string') {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be text (every row's landmarks coded in base64 characters), got ${describeType(landmarks)}`
    );
  }
  const fewest = rowCount * PACKED_ROW_MIN_CHARS;
  if (
    landmarks.length < fewest ||
    landmarks.length > fewest * MAX_NUMBER_CHARS
  ) {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be ${fewest.toLocaleString('en-US')} to ${(fewest * MAX_NUMBER_CHARS).toLocaleString('en-US')} base64 characters (${rowCount.toLocaleString('en-US')} rows × ${LANDMARK_COUNT} landmarks × 2 coordinates, 1 to ${MAX_NUMBER_CHARS} characters each), got ${landmarks.length.toLocaleString('en-US')}`
    );
  }
  const columns: Record<string, readonly unknown[] | null> = {};
  for (const name of COLUMNS) {
    const value = payload[name];
    // Groups are ignored, whatever they hold, without a grouping.
    if (
      value === undefined ||
      value === null ||
      (name === 'groups' && groupBy === null)
    ) {
      columns[name] = null;
    } else if (!Array.isArray(value) || value.length !== rowCount) {
      throw new ChexmaskFormatError(
        name,
        `must be an array of one value per row (${rowCount.toLocaleString('en-US')}) or null, got ${
          Array.isArray(value)
            ? `${value.length.toLocaleString('en-US')} values`
            : describeType(value)
        }`
      );
    } else {
      columns[name] = value;
    }
  }
  return {
    rowCount,
    landmarks,
    ids: columns.ids,
    datasets: columns.datasets,
    groups: columns.groups,
    heights: columns.heights,
    widths: columns.widths,
    sigma: columns.sigma
  };
}

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

/**
 * Parse a version-2 payload's rows: the packed landmarks, then each row's
 * fields in order, so the first bad one is named (`heights[12]`).
 *
 * @throws ChexmaskFormatError naming the field at fault.
 */
export function parsePackedRows(
  columns: ILandmarkColumns,
  groupBy: string | null
): IParsedLandmarkRow[] {
  const { rowCount } = columns;
  const coords = decodeLandmarks(columns.landmarks, rowCount);
  const stride = 2 * LANDMARK_COUNT;
  const ids = columns.ids ?? Private.nulls(rowCount);
  const datasets = columns.datasets ?? Private.nulls(rowCount);
  const heights = columns.heights ?? Private.nulls(rowCount);
  const widths = columns.widths ?? Private.nulls(rowCount);
  const sigmas = columns.sigma ?? Private.nulls(rowCount);
  const groups = groupBy === null ? null : columns.groups;
  const byDataset = groupBy === 'dataset' && groups === null;
  const tally = new GroupTally();
  const seen = new Set<string | null>();
  const rows: IParsedLandmarkRow[] = new Array(rowCount);
  // Each value takes a fast path when it is plainly valid (10,000 rows are
  // checked in one go in the worker, cold); anything else goes through the
  // full check, which names the field or returns the value as it reads it.
  for (let i = 0; i < rowCount; i++) {
    const id = Private.plainText(ids[i]) ?? idText(ids[i], `ids[${i}]`);
    const dataset =
      Private.plainText(datasets[i]) ??
      optionalText(datasets[i], `datasets[${i}]`);
    const height =
      Private.side(heights[i]) ?? maskSide(heights[i], `heights[${i}]`);
    const width =
      Private.side(widths[i]) ?? maskSide(widths[i], `widths[${i}]`);
    if (height * width > MAX_MASK_PIXELS) {
      checkSize(height, width, `heights[${i}]`, `widths[${i}]`);
    }
    const raw = sigmas[i];
    const sigma =
      raw === null || raw === undefined ? null : sigmaCell(raw, `sigma[${i}]`);
    let group: string | null = null;
    if (groups !== null) {
      group =
        Private.plainText(groups[i]) ?? groupText(groups[i], `groups[${i}]`);
      if (!seen.has(group)) {
        seen.add(group);
        tally.add(group, `groups[${i}]`);
      }
    } else if (byDataset) {
      group = dataset;
      if (!seen.has(group)) {
        seen.add(group);
        tally.add(group, `datasets[${i}]`);
      }
    }
    rows[i] = {
      id,
      dataset,
      group,
      height,
      width,
      coords: coords.subarray(i * stride, (i + 1) * stride),
      sigma,
      meanSigma: sigma && meanSigma(sigma),
      row: null
    };
  }
  return rows;
}

/**
 * Pack rows' landmarks as version 2 does (the inverse of
 * {@link decodeLandmarks}): for tests and tools. Every coordinate must be
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
    const kind = Private.KINDS[o % ROW_NUMBERS];
    const step =
      kind === 0
        ? v
        : kind === 1
          ? v - coords[o - 2]
          : v - 2 * coords[o - 2] + coords[o - 4];
    let zigzag = step < 0 ? -2 * step - 1 : 2 * step;
    while (zigzag >= 32) {
      chars.push(Private.ALPHABET[32 | (zigzag % 32)]);
      zigzag = Math.floor(zigzag / 32);
    }
    chars.push(Private.ALPHABET[zigzag]);
  }
  return chars.join('');
}

namespace Private {
  /** A column of nulls, for one that is absent. */
  export function nulls(count: number): null[] {
    return new Array<null>(count).fill(null);
  }

  /** Text that needs no check or cut, as it is; else `null` (left to the full check). */
  export function plainText(value: unknown): string | null {
    return typeof value === 'string' && value.length <= MAX_TEXT ? value : null;
  }

  /** A side given as a positive whole number; else `null` (left to the full check). */
  export function side(value: unknown): number | null {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1
      ? value
      : null;
  }

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
   * How each of a row's 240 numbers is coded: 0 the first coordinate of its
   * ring (as it is), 1 the second (its step), 2 the others (change of step).
   */
  export const KINDS = (() => {
    const kinds = new Uint8Array(ROW_NUMBERS).fill(2);
    for (const organ of ORGANS) {
      kinds.fill(0, 2 * organ.start, 2 * organ.start + 2);
      kinds.fill(1, 2 * organ.start + 2, 2 * organ.start + 4);
    }
    return kinds;
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
