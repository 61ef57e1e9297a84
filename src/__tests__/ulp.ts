/**
 * Test helper: the neighbouring float64 of a finite number, one ulp towards
 * +∞ (`step` 1) or −∞ (`step` -1), for values just either side of a bin edge.
 */
export function ulp(v: number, step: -1 | 1): number {
  if (v === 0) {
    return step * Number.MIN_VALUE;
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  // The bits of a positive number grow with it; of a negative one, with its size.
  view.setBigUint64(0, v > 0 === step > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
