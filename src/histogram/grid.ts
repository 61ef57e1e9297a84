/**
 * The fine grid of a histogram payload: a decimal lattice. Fine bins are
 * `10^exponent` wide and aligned on its multiples, so edges are round
 * numbers, any nice coarser width (1, 2 or 5 × a power of ten at least as
 * wide) is a whole number of fine bins, and histograms of parts of a table
 * with the same exponent merge exactly.
 *
 * Edge `k` of the lattice is `k / 10^-exponent` for a negative exponent and
 * `k × 10^exponent` otherwise, in float64 (`10^n` as the literal `1e<n>`,
 * correctly rounded; the division is too, so edge 700 at exponent -3 is the
 * double nearest to 0.7). A value `v` lies in fine bin `k` when
 * `edge(k) ≤ v < edge(k + 1)`: the kernel (`jupyterlab_chexmask/histogram/grid.py`)
 * bins with the same rule, so a threshold on an edge keeps exactly the
 * values `≥` it (or `<` it).
 */

/** The smallest and largest exponent a payload may have. */
export const MIN_EXPONENT = -300;
export const MAX_EXPONENT = 300;

/** `10^n` for a whole `n` in the exponent range, correctly rounded. */
export function powerOfTen(n: number): number {
  return Number(`1e${n}`);
}

/** The value of lattice edge `k` at `exponent` (see the module's comment). */
export function edgeValue(k: number, exponent: number): number {
  return exponent < 0 ? k / powerOfTen(-exponent) : k * powerOfTen(exponent);
}

/** The lattice index of the fine bin holding `value` (a finite number). */
export function latticeIndex(value: number, exponent: number): number {
  let k = Math.floor(
    exponent < 0 ? value * powerOfTen(-exponent) : value / powerOfTen(exponent)
  );
  if (edgeValue(k, exponent) > value) {
    k--;
  } else if (edgeValue(k + 1, exponent) <= value) {
    k++;
  }
  return k;
}

/** The lattice edge nearest to `value` (a tie goes up). */
export function nearestEdge(value: number, exponent: number): number {
  const k = latticeIndex(value, exponent);
  const below = value - edgeValue(k, exponent);
  const above = edgeValue(k + 1, exponent) - value;
  return above <= below ? k + 1 : k;
}

/** Decimals that write every edge exactly: 3 at exponent -3, none from 0 up. */
export function decimalsOf(exponent: number): number {
  return Math.max(0, -exponent);
}

/** Lattice edge `k` as text with exactly the decimals of its exponent. */
export function formatEdge(k: number, exponent: number): string {
  return edgeValue(k, exponent).toFixed(Math.min(100, decimalsOf(exponent)));
}

/**
 * Count values into the fine bins `[start, start + bins)`: what the kernel
 * does, for tests and for tools that build payloads in JavaScript. NaN and
 * null are missing; infinite values and values outside the bins are out of
 * range.
 */
export function binValues(
  values: ArrayLike<number | null>,
  exponent: number,
  start: number,
  bins: number
): { counts: number[]; missing: number; outOfRange: number } {
  const counts = new Array<number>(bins).fill(0);
  let missing = 0;
  let outOfRange = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || Number.isNaN(v)) {
      missing++;
      continue;
    }
    const k = Number.isFinite(v) ? latticeIndex(v, exponent) - start : -1;
    if (k >= 0 && k < bins) {
      counts[k]++;
    } else {
      outOfRange++;
    }
  }
  return { counts, missing, outOfRange };
}

/** The nice widths of drawn bins, in fine bins: 1, 2, 5, 10, 20, 50, … */
export function niceFactors(limit: number): number[] {
  const factors: number[] = [];
  for (let p = 1; p <= limit; p *= 10) {
    for (const m of [1, 2, 5]) {
      if (m * p <= limit) {
        factors.push(m * p);
      }
    }
  }
  return factors;
}

/** The drawn bins of width `factor` (aligned on the lattice) that cover the fine bins. */
export function drawnRange(
  start: number,
  bins: number,
  factor: number
): { first: number; count: number } {
  const first = Math.floor(start / factor);
  const last = Math.floor((start + bins - 1) / factor);
  return { first, count: last - first + 1 };
}

/**
 * The widths a user may choose: nice factors that draw from 2 to 2,000
 * bins over the fine grid (all of them when the grid is that small).
 */
export function widthChoices(start: number, bins: number): number[] {
  const all = niceFactors(Math.max(1, bins * 10));
  const usable = all.filter(f => {
    const n = drawnRange(start, bins, f).count;
    return n >= 2 && n <= 2000;
  });
  return usable.length ? usable : [1];
}

/** The width among the choices whose drawn bins are nearest to `target` in number. */
export function widthFor(start: number, bins: number, target: number): number {
  const choices = widthChoices(start, bins);
  let best = choices[0];
  for (const f of choices) {
    const n = drawnRange(start, bins, f).count;
    const bestN = drawnRange(start, bins, best).count;
    if (Math.abs(Math.log(n / target)) < Math.abs(Math.log(bestN / target))) {
      best = f;
    }
  }
  return best;
}
