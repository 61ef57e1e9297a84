/**
 * Writing runs of ones into a 0/1 mask fast. One `Uint8Array.fill` call (a
 * C++ builtin) costs ~45 ns, more than writing a ~200-byte run as 8-byte
 * words through a `Float64Array` view of the same bytes (measured with
 * `npm run bench`). Shared by the RLE decoder and the polygon fill.
 */

/** The float64 whose eight bytes are all 0x01 (a normal number, stored bit-exactly). */
const ONES_WORD = new Float64Array(new Uint8Array(8).fill(1).buffer)[0];

/** A `Float64Array` over the same bytes as `mask`, or `null` when it is not 8-byte aligned. */
export function wordView(mask: Uint8Array): Float64Array | null {
  return mask.byteOffset % 8 === 0
    ? new Float64Array(mask.buffer, mask.byteOffset, mask.length >> 3)
    : null;
}

/**
 * From this length on, one native fill (a memset, tens of GB/s) beats a word
 * loop despite its ~45 ns call cost: long gaps between organs, not runs.
 */
const NATIVE_FILL = 512;

/** The float64s whose eight bytes are all 0x00 and all 0x01. */
const WORDS = [0, ONES_WORD];

/**
 * Set `mask[from..to)` to `value` (0 or 1): short runs byte by byte,
 * medium ones in 8-byte words when `words` views the same bytes (cheaper
 * than a `Uint8Array.fill` call, a C++ builtin, per run: measured with
 * `npm run bench`), long ones with one native fill.
 */
export function writeRun(
  mask: Uint8Array,
  words: Float64Array | null,
  from: number,
  to: number,
  value: 0 | 1
): void {
  if (to - from < 24) {
    for (let p = from; p < to; p++) {
      mask[p] = value;
    }
    return;
  }
  if (words === null || to - from >= NATIVE_FILL) {
    mask.fill(value, from, to);
    return;
  }
  const word = WORDS[value];
  while ((from & 7) !== 0) {
    mask[from++] = value;
  }
  let w = from >> 3;
  const wordEnd = to >> 3;
  for (; w + 4 <= wordEnd; w += 4) {
    words[w] = word;
    words[w + 1] = word;
    words[w + 2] = word;
    words[w + 3] = word;
  }
  for (; w < wordEnd; w++) {
    words[w] = word;
  }
  for (let p = wordEnd << 3; p < to; p++) {
    mask[p] = value;
  }
}
