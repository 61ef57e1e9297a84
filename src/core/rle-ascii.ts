import { onesView, onesWords, writeRun } from './ones';

const SPACE = 32;
const ZERO = 48;

/*
 * decodeRle's fast path. The text goes through in chunks of at most CHUNK
 * characters cut at spaces (one chunk for real 1024² cells, 5–10 k
 * characters); each chunk is encoded to bytes with one `encodeInto`, and each
 * run is written as soon as its pair is parsed and checked.
 *
 * Measured on the 915 real 1024² masks (npm run bench, µs per mask, Node 20,
 * of ~16 in all with ~6 for clearing the buffer): `encodeInto` ~0.4
 * (parsing with `charCodeAt` on the CSV's sliced strings cost ~7 more); the
 * writes of the ~109 k bytes of ones ~6 (see ./ones; the bench's bound row,
 * the clear plus these writes alone, is ~2× the clear); the parse the rest,
 * with a sentinel after the chunk so the digit loops need no bounds test, and
 * the pairs unrolled (start, then length) so there is no parity test per
 * number. Writing each run as it is parsed, instead of listing a chunk's
 * runs and writing them after, saved ~0.5–0.8 µs a mask. The byte buffer is
 * fixed (hence the chunks) and the loop reads it through a local constant: a
 * buffer grown on demand, or read from the module scope inside the loop, cost
 * ~1.5 µs more per mask.
 */

/** Characters per chunk (a chunk may be shorter: it ends before a space). */
const CHUNK = 1 << 14;
const encoder: TextEncoder | null =
  typeof TextEncoder === 'function' ? new TextEncoder() : null;
/** The ASCII bytes of the chunk being parsed, plus two sentinels. */
const chunkBytes = new Uint8Array(CHUNK + 2);
/** Set by {@link decodeChunk}: where the next chunk starts, relative to this one. */
let consumed = 0;
/** 1-based last pixel of the last run written (0 before the first). */
let previousEnd = 0;

/**
 * Parse the `m` bytes of a chunk made only of ASCII digits and spaces, and
 * write each of its runs into `mask` once the run is checked (a 1-based start
 * after {@link previousEnd}, a positive length, inside `total` pixels). A
 * pair cut by the end of a chunk that is not the last is left for the next
 * chunk, which starts at {@link consumed}.
 *
 * @returns `false` at the first byte or run that breaks a rule (the runs
 *   before it are written: a valid prefix), else `true`.
 */
function decodeChunk(
  m: number,
  last: boolean,
  total: number,
  mask: Uint8Array,
  view: DataView,
  words: Float64Array | null
): boolean {
  const bytes = chunkBytes;
  // Sentinels: a space ends the last number (no `i < m` test in the digit
  // loops; the chunk is cut before a space, so this one is true), a zero byte
  // (neither digit nor space) ends the space loops.
  bytes[m] = SPACE;
  bytes[m + 1] = 0;
  let end0 = previousEnd;
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
      return false;
    }
    let start = digit;
    i++;
    while ((digit = bytes[i] - ZERO) >>> 0 <= 9) {
      start = start * 10 + digit;
      i++;
    }
    if (bytes[i] !== SPACE) {
      return false;
    }
    do {
      i++;
    } while (bytes[i] === SPACE);
    if (i >= m) {
      if (last) {
        return false; // an odd count of numbers
      }
      break; // the length is in the next chunk, which starts at this start
    }
    digit = bytes[i] - ZERO;
    if (digit >>> 0 > 9) {
      return false;
    }
    let length = digit;
    i++;
    while ((digit = bytes[i] - ZERO) >>> 0 <= 9) {
      length = length * 10 + digit;
      i++;
    }
    if (bytes[i] !== SPACE) {
      return false;
    }
    const end = start + length - 1;
    // start > end0 ≥ 0 also refuses a start of 0.
    if (start <= end0 || length === 0 || end > total) {
      return false;
    }
    writeRun(mask, view, words, start - 1, end);
    end0 = end;
  }
  consumed = pair;
  previousEnd = end0;
  return true;
}

/**
 * Decode a string made only of ASCII digits and spaces whose runs are all
 * valid, writing its runs into the zeroed `mask`. Returns `false` on anything
 * else: the caller then walks the string with `forEachRun`, which accepts or
 * rejects it exactly as before. The runs written before the fault are a
 * valid prefix, which the walker writes again identically.
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
  const view = onesView(mask);
  const words = onesWords(mask);
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
    if (
      !decodeChunk(m, last, total, mask, view, words) ||
      (!last && consumed === 0)
    ) {
      return false;
    }
    from += consumed;
  }
  return true;
}
