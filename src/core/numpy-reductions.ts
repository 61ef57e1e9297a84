/*
 * numpy's float64 reductions, operation for operation, so that the core's
 * agreement metrics equal the Python side (and medpy) to the last bit:
 * `sum`/`mean` add pairwise as numpy's `pairwise_sum` does, and the 95th
 * percentile interpolates as numpy's default ("linear") method.
 */

/** numpy's block below which `pairwise_sum` adds with eight accumulators. */
const PAIRWISE_BLOCK = 128;

/**
 * `values[from .. from + n)` summed in numpy's pairwise order
 * (`pairwise_sum` in numpy's `loops_utils.h`).
 */
export function numpySum(
  values: ArrayLike<number>,
  from = 0,
  n = values.length - from
): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) {
      res += values[from + i];
    }
    return res;
  }
  if (n <= PAIRWISE_BLOCK) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) {
      r[j] = values[from + j];
    }
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) {
        r[j] += values[from + i + j];
      }
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) {
      res += values[from + i];
    }
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(values, from, n2) + numpySum(values, from + n2, n - n2);
}

/** numpy's `mean` of a float64 array (its pairwise sum over the count); NaN when empty. */
export function numpyMean(values: ArrayLike<number>): number {
  return values.length ? numpySum(values) / values.length : NaN;
}

/**
 * numpy's `percentile(values, q)` with the default linear method, for values
 * already sorted ascending: the virtual index `(n − 1) · q/100`, and numpy's
 * `_lerp` between its neighbours (from the upper one when the weight is ≥ ½).
 */
export function numpyPercentileSorted(
  sorted: ArrayLike<number>,
  q: number
): number {
  const n = sorted.length;
  if (!n) {
    return NaN;
  }
  const virtual = (n - 1) * (q / 100);
  if (virtual >= n - 1) {
    return sorted[n - 1];
  }
  const lo = Math.floor(virtual);
  const t = virtual - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
