import { checkMaskSize } from './dimensions';
import { ChexmaskFormatError, describeType, quoteForMessage } from './errors';
import { decodeAsciiRuns } from './rle-ascii';

/**
 * CheXmask's run-length encoding: `"start length start length …"`, starts
 * 1-based, pixels flattened row-major (index = row × Width + col), runs
 * strictly increasing and never overlapping. Not COCO RLE, not Kaggle RLE.
 */

/** A run-length mask cell as it arrives: a string, or empty (`null`, NaN). */
export type RleValue = string | null | undefined;

/**
 * Called once per run with its 0-based first pixel and its length.
 * The run is already checked to lie inside the mask.
 */
export type RunVisitor = (start0: number, length: number) => void;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const MINUS = 45;
const ZERO = 48;

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

/**
 * Walk the runs of a CheXmask RLE string, checking every rule of the format
 * as it goes, in one pass and without building intermediate arrays (a 50 MB
 * cell costs one scan, not a split into millions of strings).
 *
 * Empty, blank, `null` and `undefined` values are an all-zero mask (no runs).
 *
 * @param rle - The RLE cell.
 * @param height - Mask height in pixels (already checked).
 * @param width - Mask width in pixels (already checked).
 * @param field - The column name used in error messages.
 * @param visit - Called once per valid run.
 * @returns The number of runs.
 * @throws ChexmaskFormatError naming `field` for any malformed value.
 */
export function forEachRun(
  rle: unknown,
  height: number,
  width: number,
  field: string,
  visit?: RunVisitor
): number {
  if (rle === null || rle === undefined) {
    return 0;
  }
  if (typeof rle === 'number' && Number.isNaN(rle)) {
    // pandas' NaN for an empty cell, after a JSON round trip that kept it.
    return 0;
  }
  if (typeof rle !== 'string') {
    throw new ChexmaskFormatError(
      field,
      `must be a string of "start length" pairs, got ${describeType(rle)}`
    );
  }
  const total = height * width;
  const n = rle.length;
  const longest = maxRleLength(total);
  if (n > longest) {
    // Refused before any scan: a 50 MB cell of blanks or digits for a small
    // mask would otherwise cost a pass per use (check, runs, decode).
    throw new ChexmaskFormatError(
      field,
      `is ${n} characters long, more than any ${height}×${width} mask can take (${longest})`
    );
  }
  let i = 0;
  let count = 0;
  let start = 0;
  let previousEnd = 0; // 1-based last pixel of the previous run
  for (;;) {
    while (i < n && isSpace(rle.charCodeAt(i))) {
      i++;
    }
    if (i >= n) {
      break;
    }
    const tokenStart = i;
    const negative = rle.charCodeAt(i) === MINUS;
    if (negative) {
      i++;
    }
    let value = 0;
    let digits = 0;
    while (i < n) {
      const digit = rle.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      digits++;
      i++;
    }
    if (digits === 0 || (i < n && !isSpace(rle.charCodeAt(i)))) {
      throw new ChexmaskFormatError(
        field,
        `number ${count + 1} is not an integer: ${quoteForMessage(tokenAt(rle, tokenStart))}`
      );
    }
    if (negative) {
      value = -value;
    }
    const run = (count >> 1) + 1;
    if ((count & 1) === 0) {
      start = value;
      if (start < 1) {
        throw new ChexmaskFormatError(
          field,
          `run ${run} starts at ${start}, but starts are 1-based and must be at least 1`
        );
      }
      if (start <= previousEnd) {
        throw new ChexmaskFormatError(
          field,
          `run ${run} (start ${start}) does not come after run ${run - 1}, which ends at pixel ${previousEnd}: runs must increase and not overlap`
        );
      }
    } else {
      const length = value;
      if (length <= 0) {
        throw new ChexmaskFormatError(
          field,
          `run ${run} (start ${start}) has length ${length}, but lengths must be positive`
        );
      }
      const end = start + length - 1;
      if (end > total) {
        throw new ChexmaskFormatError(
          field,
          `run ${run} (start ${start}, length ${length}) ends past the ${total} pixels of a ${height}×${width} mask`
        );
      }
      if (visit) {
        visit(start - 1, length);
      }
      previousEnd = end;
    }
    count++;
  }
  if ((count & 1) === 1) {
    throw new ChexmaskFormatError(
      field,
      `has an odd count of numbers (${count}): a mask is "start length" pairs`
    );
  }
  return count >> 1;
}

/**
 * The longest RLE text a mask of `total` pixels can take: every other pixel
 * a run of one (the most runs there can be), each number with the most
 * digits, single spaces as the format has them, plus 1024 characters of
 * slack. A 1024² mask allows about 8.4 MB; real cells are 5–10 k characters.
 */
export function maxRleLength(total: number): number {
  const digits = String(total).length;
  const runs = Math.ceil(total / 2);
  return runs * (2 * digits + 2) + 1024;
}

/** The whitespace-delimited token starting at `from`, bounded for messages. */
function tokenAt(text: string, from: number): string {
  let end = from;
  while (
    end < text.length &&
    end - from < 32 &&
    !isSpace(text.charCodeAt(end))
  ) {
    end++;
  }
  return text.slice(from, end);
}

/**
 * Decode a CheXmask RLE cell into a row-major 0/1 mask.
 *
 * @param rle - The RLE string; empty, blank, `null` or `undefined` decode to all zeros.
 * @param height - Mask height (`Height` column).
 * @param width - Mask width (`Width` column).
 * @param out - Optional buffer of `height × width` bytes to reuse; it is zeroed first.
 * @param field - Column name for error messages (default `RLE`).
 * @returns `out`, or a new `Uint8Array`, holding 1 inside the mask and 0 outside.
 * @throws ChexmaskFormatError for a malformed value or size (checked before
 *   any allocation). With `out`, a malformed value may leave it partly written.
 */
export function decodeRle(
  rle: RleValue,
  height: number,
  width: number,
  out?: Uint8Array,
  field = 'RLE'
): Uint8Array {
  checkMaskSize(height, width);
  const total = height * width;
  if (out && out.length !== total) {
    throw new RangeError(
      `out has ${out.length} bytes, a ${height}×${width} mask needs ${total}`
    );
  }
  // Clearing with one native fill (a memset) and then writing the runs beats
  // clearing the gaps between runs in the same sweep (measured: npm run bench).
  const mask = out ? out.fill(0) : new Uint8Array(total);
  if (
    typeof rle !== 'string' ||
    rle.length > maxRleLength(total) ||
    !decodeAsciiRuns(rle, total, mask)
  ) {
    // Whatever the fast path does not take (null, NaN, tabs or newlines, any
    // error) goes through the checking walker, which decodes it or throws its
    // exact error. Runs the fast path wrote before giving up are a valid
    // prefix (each run is written once checked), written again identically.
    forEachRun(rle, height, width, field, (start0, length) => {
      mask.fill(1, start0, start0 + length);
    });
  }
  return mask;
}

/**
 * Encode a row-major mask as CheXmask RLE, byte-identical to the official
 * encoder (`np.where` on the padded flat mask, 1-based starts, single spaces).
 * Any non-zero byte counts as inside. An empty mask encodes as `""`.
 */
export function encodeRle(
  mask: ArrayLike<number>,
  height: number,
  width: number
): string {
  checkMaskSize(height, width);
  const total = height * width;
  if (mask.length !== total) {
    throw new RangeError(
      `mask has ${mask.length} values, a ${height}×${width} mask needs ${total}`
    );
  }
  const runs = runsOfMask(mask);
  const parts: string[] = new Array(runs.length >> 1);
  for (let k = 0; k < runs.length; k += 2) {
    parts[k >> 1] = `${runs[k] + 1} ${runs[k + 1]}`;
  }
  return parts.join(' ');
}

/** The runs (0-based `[start, length, …]`) of the non-zero pixels of a mask. */
export function runsOfMask(mask: ArrayLike<number>): Int32Array {
  const runs: number[] = [];
  const total = mask.length;
  let i = 0;
  while (i < total) {
    if (mask[i] === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < total && mask[i] !== 0) {
      i++;
    }
    runs.push(start, i - start);
  }
  return Int32Array.from(runs);
}
