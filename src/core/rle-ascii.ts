import { onesView, onesWords, writeRun } from './ones';

const SPACE = 32;
const ZERO = 48;

/*
 * decodeRle's fast path. The text goes through in chunks of at most CHUNK
 * characters cut at spaces (one chunk for real 1024² cells, 5–10 k
 * characters); each chunk is encoded to bytes with one `encodeInto`, parsed
 * and checked into a list of runs, and then the runs are written.
 *
 * Measured on the 915 real 1024² masks (npm run bench, µs per mask, Node 20,
 * of ~17 in all with ~6.4 for clearing the buffer): `encodeInto` ~0.8
 * (parsing with `charCodeAt` on the CSV's sliced strings cost ~7 more); the
 * parse ~4, with a sentinel after the chunk so the digit loops need no bounds
 * test, and the pairs unrolled (start, then length) so there is no parity
 * test per number; the writes ~5 (see ./ones). The byte and run buffers are
 * fixed (hence the chunks) and the loops read them through local constants:
 * buffers grown on demand, or read from the module scope inside the loops,
 * each cost ~1.5 µs more per mask.
 */

/** Characters per chunk (a chunk may be shorter: it ends before a space). */
const CHUNK = 1 << 14;
const encoder: TextEncoder | null =
  typeof TextEncoder === 'function' ? new TextEncoder() : null;
/** The ASCII bytes of the chunk being parsed, plus two sentinels. */
const chunkBytes = new Uint8Array(CHUNK + 2);
/**
 * The runs of the chunk being parsed: 0-based start, exclusive end, … A run
 * takes 4 characters at least (`"1 1 "`), so (CHUNK + 1) / 2 entries suffice.
 */
const chunkRuns = new Int32Array((CHUNK >> 1) + 2);
/** Set by {@link parseChunk}: where the next chunk starts, relative to this one. */
let consumed = 0;
/** 1-based last pixel of the last run parsed (0 before the first). */
let previousEnd = 0;

/**
 * Parse the `m` bytes of a chunk made only of ASCII digits and spaces whose
 * runs are all valid (1-based starts after {@link previousEnd}, increasing,
 * not overlapping, positive lengths, inside `total` pixels) into
 * {@link chunkRuns}. A pair cut by the end of a chunk that is not the last is left
 * for the next chunk, which starts at {@link consumed}.
 *
 * @returns How many entries of `chunkRuns` are set (twice the runs), or -1 on
 *   anything else.
 */
function parseChunk(m: number, last: boolean, total: number): number {
  const bytes = chunkBytes;
  const runs = chunkRuns;
  // Sentinels: a space ends the last number (no `i < m` test in the digit
  // loops; the chunk is cut before a space, so this one is true), a zero byte
  // (neither digit nor space) ends the space loops.
  bytes[m] = SPACE;
  bytes[m + 1] = 0;
  let end0 = previousEnd;
  let count = 0;
  let i = 0;
  let pair = 0;
  for (;;) {
    while (bytes[i] === SPACE) {
      i++;
    }
    if (i >= m) {
      pair = m;
      break;
    }
    pair = i;
    let digit = bytes[i] - ZERO;
    if (digit >>> 0 > 9) {
      return -1;
    }
    let start = digit;
    i++;
    while ((digit = bytes[i] - ZERO) >>> 0 <= 9) {
      start = start * 10 + digit;
      i++;
    }
    if (bytes[i] !== SPACE) {
      return -1;
    }
    do {
      i++;
    } while (bytes[i] === SPACE);
    if (i >= m) {
      if (last) {
        return -1; // an odd count of numbers
      }
      break; // the length is in the next chunk, which starts at this start
    }
    digit = bytes[i] - ZERO;
    if (digit >>> 0 > 9) {
      return -1;
    }
    let length = digit;
    i++;
    while ((digit = bytes[i] - ZERO) >>> 0 <= 9) {
      length = length * 10 + digit;
      i++;
    }
    if (bytes[i] !== SPACE) {
      return -1;
    }
    const end = start + length - 1;
    // start > end0 ≥ 0 also refuses a start of 0.
    if (start <= end0 || length === 0 || end > total) {
      return -1;
    }
    runs[count] = start - 1;
    runs[count + 1] = end;
    count += 2;
    end0 = end;
  }
  consumed = pair;
  previousEnd = end0;
  return count;
}

/** Write the first `count` entries of {@link chunkRuns} into `mask`. */
function writeRuns(mask: Uint8Array, count: number): void {
  const runs = chunkRuns;
  const view = onesView(mask);
  const words = onesWords(mask);
  for (let k = 0; k < count; k += 2) {
    writeRun(mask, view, words, runs[k], runs[k + 1]);
  }
}

/**
 * Decode a string made only of ASCII digits and spaces whose runs are all
 * valid, writing its runs into the zeroed `mask`. Returns `false` on anything
 * else: the caller then walks the string with `forEachRun`, which accepts or
 * rejects it exactly as before. Nothing is written then, unless the text was
 * longer than one chunk: then the runs of the chunks before are written, a
 * valid prefix that the walker writes again identically.
 */
export function decodeAsciiRuns(
  text: string,
  total: number,
  mask: Uint8Array
): boolean {
  if (encoder === null) {
    return false;
  }
  const n = text.length;
  previousEnd = 0;
  let from = 0;
  while (from < n) {
    let to = n;
    if (n - from > CHUNK) {
      to = text.lastIndexOf(' ', from + CHUNK);
      if (to <= from) {
        return false; // no space to cut at: a token longer than a chunk
      }
    }
    const m = to - from;
    const { read, written } = encoder.encodeInto(
      m === n ? text : text.substring(from, to),
      chunkBytes
    );
    if (read !== m || written !== m) {
      return false; // not ASCII: never valid
    }
    const last = to === n;
    const count = parseChunk(m, last, total);
    if (count < 0 || (!last && consumed === 0)) {
      return false;
    }
    writeRuns(mask, count);
    from += consumed;
  }
  return true;
}
