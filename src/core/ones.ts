/**
 * Writing runs of ones into a 0/1 mask fast. Shared by the RLE decoder and
 * the polygon fill. Measured with `npm run bench` (540 runs of ~200 bytes per
 * real 1024² mask, Node 20): one `Uint8Array.fill` call, a C++ builtin, costs
 * ~17 ns whatever its length; a byte loop ~1 ns a byte; eight bytes at a time
 * through a `DataView` ~8 ns for the whole run. The old word loop (aligned
 * `Float64Array` middle, byte loops for the unaligned ends) cost twice as much
 * as this one, mostly in the byte loops at both ends.
 */

/** The float64 whose eight bytes are all 0x01 (a normal number, stored bit-exactly). */
const ONES_WORD = new Float64Array(new Uint8Array(8).fill(1).buffer)[0];

/**
 * From this length on, one native fill (a memset) beats the word loop
 * despite its call cost: only long runs of big or nearly full masks.
 */
const NATIVE_FILL = 1024;

/** A `DataView` over the same bytes as `mask`, for {@link writeRun}. */
export function onesView(mask: Uint8Array): DataView {
  return new DataView(mask.buffer, mask.byteOffset, mask.byteLength);
}

/**
 * Set `mask[from..to)` to 1. Runs of 8 bytes or more are written as 8-byte
 * words through `view` (which must be {@link onesView} of `mask`): the first
 * word at `from`, the last one ending at `to`, overlapping the words between
 * where the length is not a multiple of 8, so there is no byte loop and no
 * alignment step (a `DataView` store may be unaligned). The caller keeps
 * `0 <= from <= to <= mask.length`.
 */
export function writeRun(
  mask: Uint8Array,
  view: DataView,
  from: number,
  to: number
): void {
  const length = to - from;
  if (length < 8) {
    for (let p = from; p < to; p++) {
      mask[p] = 1;
    }
    return;
  }
  if (length >= NATIVE_FILL) {
    mask.fill(1, from, to);
    return;
  }
  if (length < 32) {
    const last = to - 8;
    for (let p = from; p < last; p += 8) {
      view.setFloat64(p, ONES_WORD, true);
    }
    view.setFloat64(last, ONES_WORD, true);
    return;
  }
  // 32 bytes a step, then the last 32 bytes (overlapping the last step).
  const last = to - 32;
  for (let p = from; p < last; p += 32) {
    view.setFloat64(p, ONES_WORD, true);
    view.setFloat64(p + 8, ONES_WORD, true);
    view.setFloat64(p + 16, ONES_WORD, true);
    view.setFloat64(p + 24, ONES_WORD, true);
  }
  view.setFloat64(last, ONES_WORD, true);
  view.setFloat64(last + 8, ONES_WORD, true);
  view.setFloat64(last + 16, ONES_WORD, true);
  view.setFloat64(last + 24, ONES_WORD, true);
}
