import { checkMaskSize } from './dimensions';
import { ChexmaskFormatError, describeType, quoteForMessage } from './errors';

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
  let mask: Uint8Array;
  if (out) {
    if (out.length !== total) {
      throw new RangeError(
        `out has ${out.length} bytes, a ${height}×${width} mask needs ${total}`
      );
    }
    out.fill(0);
    mask = out;
  } else {
    mask = new Uint8Array(total);
  }
  if (typeof rle !== 'string' || !decodeAsciiRuns(rle, total, mask)) {
    // Whatever the fast path does not take (null, NaN, tabs or newlines, any
    // error) goes through the checking walker, which decodes it or throws its
    // exact error. Runs already written by the fast path are a valid prefix,
    // written again identically.
    forEachRun(rle, height, width, field, (start0, length) => {
      mask.fill(1, start0, start0 + length);
    });
  }
  return mask;
}

/*
 * decodeRle's fast path. Measured on the 915 real 1024² masks (npm run bench,
 * per mask): parsing with `charCodeAt` on the CSV's sliced strings cost
 * ~45 µs, one bulk `TextEncoder.encodeInto` and parsing the bytes ~17 µs; the
 * ~540 `Uint8Array.fill` calls (a C++ builtin, ~45 ns a call) cost more than
 * writing the ~200-byte runs as 8-byte words; and the callback is gone.
 */

const encoder: TextEncoder | null =
  typeof TextEncoder === 'function' ? new TextEncoder() : null;
/** Reused ASCII bytes of the cell being decoded (not kept above 4 MiB). */
let scratch = new Uint8Array(0);
const SCRATCH_KEEP = 1 << 22;
/** The float64 whose eight bytes are all 0x01 (a normal number, stored bit-exactly). */
const ONES_WORD = new Float64Array(new Uint8Array(8).fill(1).buffer)[0];

/**
 * Decode a string made only of ASCII digits and spaces whose runs are all
 * valid, writing its runs into the zeroed `mask`. Returns `false`, possibly
 * after writing a valid prefix, on anything else: the caller then walks the
 * string with {@link forEachRun}, which accepts or rejects it exactly as before.
 */
function decodeAsciiRuns(
  text: string,
  total: number,
  mask: Uint8Array
): boolean {
  const n = text.length;
  if (encoder === null) {
    return false;
  }
  let bytes = scratch;
  if (bytes.length < n) {
    bytes = new Uint8Array(n);
    if (n <= SCRATCH_KEEP) {
      scratch = bytes;
    }
  }
  const { read, written } = encoder.encodeInto(text, bytes);
  if (read !== n || written !== n) {
    return false; // not ASCII: never valid, let forEachRun say why
  }
  const words =
    mask.byteOffset % 8 === 0
      ? new Float64Array(mask.buffer, mask.byteOffset, mask.length >> 3)
      : null;
  let i = 0;
  let count = 0;
  let start = 0;
  let previousEnd = 0; // 1-based last pixel of the previous run
  while (i < n) {
    let c = bytes[i];
    if (c === SPACE) {
      i++;
      continue;
    }
    let value = c - ZERO;
    if (value < 0 || value > 9) {
      return false;
    }
    i++;
    while (i < n) {
      c = bytes[i];
      const digit = c - ZERO;
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      i++;
    }
    if (i < n && c !== SPACE) {
      return false;
    }
    if ((count & 1) === 0) {
      if (value <= previousEnd) {
        return false; // also a start of 0
      }
      start = value;
    } else {
      const end = start + value - 1;
      if (value === 0 || end > total) {
        return false;
      }
      writeOnes(mask, words, start - 1, end);
      previousEnd = end;
    }
    count++;
  }
  return (count & 1) === 0;
}

/** Set `mask[from..to)` to 1, in 8-byte words when `words` views the same bytes. */
function writeOnes(
  mask: Uint8Array,
  words: Float64Array | null,
  from: number,
  to: number
): void {
  if (to - from < 24 || words === null) {
    if (to - from < 24) {
      for (let p = from; p < to; p++) {
        mask[p] = 1;
      }
    } else {
      mask.fill(1, from, to);
    }
    return;
  }
  while ((from & 7) !== 0) {
    mask[from++] = 1;
  }
  let w = from >> 3;
  const wordEnd = to >> 3;
  for (; w + 4 <= wordEnd; w += 4) {
    words[w] = ONES_WORD;
    words[w + 1] = ONES_WORD;
    words[w + 2] = ONES_WORD;
    words[w + 3] = ONES_WORD;
  }
  for (; w < wordEnd; w++) {
    words[w] = ONES_WORD;
  }
  for (let p = wordEnd << 3; p < to; p++) {
    mask[p] = 1;
  }
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
  const parts: string[] = [];
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
    parts.push(`${start + 1} ${i - start}`);
  }
  return parts.join(' ');
}

/**
 * The runs of a CheXmask RLE cell as `[start0, length, start0, length, …]`
 * (0-based starts), checked like {@link decodeRle}. Painting and hit-testing
 * work on runs directly: a 1024² lung is ~500 runs, not a million bytes.
 */
export function parseRuns(
  rle: RleValue,
  height: number,
  width: number,
  field = 'RLE'
): Int32Array {
  checkMaskSize(height, width);
  const runs: number[] = [];
  forEachRun(rle, height, width, field, (start0, length) => {
    runs.push(start0, length);
  });
  return Int32Array.from(runs);
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

/** Whether 0-based pixel `index` lies in one of `runs` (binary search). */
export function runsContain(runs: Int32Array, index: number): boolean {
  let lo = 0;
  let hi = (runs.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = runs[2 * mid];
    if (index < start) {
      hi = mid - 1;
    } else if (index >= start + runs[2 * mid + 1]) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

/** Pixels covered by runs. */
export function runsArea(runs: Int32Array): number {
  let n = 0;
  for (let k = 1; k < runs.length; k += 2) {
    n += runs[k];
  }
  return n;
}
