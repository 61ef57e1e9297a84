/**
 * Version 2 of the landmark payload (`schema/payloads/landmarks.v2.json`):
 * the rows as columns, and every row's 120 landmarks packed into one string,
 * base64 of little-endian 16-bit integers, row after row (x0, y0, x1, y1, …).
 * The kernel writes it for large plots: 10,000 rows' landmarks are 6.4 MB
 * instead of 10 MB of text in 10,000 objects, which JupyterLab decodes and
 * copies several times on the main thread when the output arrives, and they
 * need no parsing (the text took 115–175 ms to parse in the worker).
 */
import {
  ChexmaskFormatError,
  describeType,
  LANDMARK_COUNT,
  MAX_MASK_PIXELS,
  meanSigma
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

/** Base64 characters per row: 240 coordinates × 2 bytes = 480 bytes, no padding. */
export const PACKED_ROW_CHARS = ((2 * LANDMARK_COUNT * 2) / 3) * 4;

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
  /** Every row's landmarks, base64 (see the module's comment). */
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
  const expected = rowCount * PACKED_ROW_CHARS;
  if (typeof landmarks !== 'string') {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be text (every row's landmarks as base64 of 16-bit integers), got ${describeType(landmarks)}`
    );
  }
  if (landmarks.length !== expected) {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be ${expected.toLocaleString('en-US')} base64 characters (${rowCount.toLocaleString('en-US')} rows × ${LANDMARK_COUNT} landmarks × 2 coordinates, 16-bit each), got ${landmarks.length.toLocaleString('en-US')}`
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
 * Decode packed landmarks: `rowCount` rows of 240 coordinates, as numbers.
 *
 * @throws ChexmaskFormatError naming `landmarks` for a wrong length or a
 *   character outside base64's alphabet (padding never occurs: a row is 480
 *   bytes).
 */
export function decodeLandmarks(text: string, rowCount: number): Float64Array {
  const expected = rowCount * PACKED_ROW_CHARS;
  if (text.length !== expected) {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be ${expected.toLocaleString('en-US')} base64 characters, got ${text.length.toLocaleString('en-US')}`
    );
  }
  const values = Private.VALUES;
  const out = new Float64Array(rowCount * 2 * LANDMARK_COUNT);
  // Every 8 characters are 6 bytes: three 16-bit coordinates.
  for (let c = 0, o = 0; c < text.length; c += 8, o += 3) {
    let hi = 0;
    let lo = 0;
    for (let k = 0; k < 4; k++) {
      const v = values[text.charCodeAt(c + k) & 0xffff];
      const w = values[text.charCodeAt(c + 4 + k) & 0xffff];
      if (v === 255 || w === 255) {
        throw Private.badCharacter(text, c + k + (v === 255 ? 0 : 4));
      }
      hi = (hi << 6) | v;
      lo = (lo << 6) | w;
    }
    // hi: bytes 0–2, lo: bytes 3–5 (24 bits each, big-endian within).
    const b0 = hi >>> 16;
    const b1 = (hi >>> 8) & 0xff;
    const b2 = hi & 0xff;
    const b3 = lo >>> 16;
    const b4 = (lo >>> 8) & 0xff;
    const b5 = lo & 0xff;
    out[o] = (((b1 << 8) | b0) << 16) >> 16;
    out[o + 1] = (((b3 << 8) | b2) << 16) >> 16;
    out[o + 2] = (((b5 << 8) | b4) << 16) >> 16;
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
 * an integer from −32,768 to 32,767.
 */
export function encodeLandmarks(coords: ArrayLike<number>): string {
  const bytes = new Uint8Array(coords.length * 2);
  for (let i = 0; i < coords.length; i++) {
    const v = coords[i];
    if (!Number.isInteger(v) || v < -32768 || v > 32767) {
      throw new RangeError(`coordinate ${i} (${v}) is not a 16-bit integer`);
    }
    bytes[2 * i] = v & 0xff;
    bytes[2 * i + 1] = (v >> 8) & 0xff;
  }
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n =
      (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    text +=
      Private.ALPHABET[n >>> 18] +
      Private.ALPHABET[(n >>> 12) & 63] +
      (i + 1 < bytes.length ? Private.ALPHABET[(n >>> 6) & 63] : '=') +
      (i + 2 < bytes.length ? Private.ALPHABET[n & 63] : '=');
  }
  return text;
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

  /** The error for a character outside the alphabet, at `index`. */
  export function badCharacter(
    text: string,
    index: number
  ): ChexmaskFormatError {
    const char = text.charAt(index);
    return new ChexmaskFormatError(
      'landmarks',
      `character ${(index + 1).toLocaleString('en-US')} is not base64: ${JSON.stringify(char)}${
        char === '=' ? ' (a row is 480 bytes: there is never padding)' : ''
      }`
    );
  }
}
