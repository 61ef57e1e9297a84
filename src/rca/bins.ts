/**
 * Fine-bin arithmetic of RCA histograms: the binning rule shared with the
 * kernel side, exact re-binning, kept counts at a threshold and quantiles,
 * all exact to the bin resolution.
 */
import { keptAtEdge, quantileIndex, rebin } from '../common/fine-bins';

/**
 * The fine bin of a value in [0, 1]: `floor(v × bins)`, corrected so that
 * `i / bins ≤ v < (i + 1) / bins` holds in float64; 1.0 goes to the last
 * bin. The Python aggregator uses the same rule, so a threshold on a bin
 * edge keeps exactly the values `≥` it.
 */
export function binIndex(value: number, bins: number): number {
  if (value >= 1) {
    return bins - 1;
  }
  let i = Math.floor(value * bins);
  if (i / bins > value) {
    i--;
  } else if ((i + 1) / bins <= value) {
    i++;
  }
  return Math.min(bins - 1, Math.max(0, i));
}

/** Count values into `bins` fine bins; NaN and values outside [0, 1] are skipped. */
export function binValues(
  values: ArrayLike<number | null>,
  bins: number
): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== null && v >= 0 && v <= 1) {
      counts[binIndex(v, bins)]++;
    }
  }
  return counts;
}

/** Merging fine bins is shared with every histogram (`common/fine-bins.ts`). */
export { rebin };

/** The merge factors that divide `bins`, for a bin-width control. */
export function rebinFactors(bins: number): number[] {
  const factors: number[] = [];
  for (let f = 1; f <= bins; f++) {
    if (bins % f === 0 && bins / f >= 5) {
      factors.push(f);
    }
  }
  return factors;
}

/** The fine-bin edge nearest to a threshold: thresholds snap to edges. */
export function snapToEdge(threshold: number, bins: number): number {
  return edgeIndex(threshold, bins) / bins;
}

/**
 * The index of the fine-bin edge nearest to a threshold, at most `bins - 1`:
 * 1.0 shares the last bin with [1 - 1/bins, 1), so the edge at 1 could not be
 * counted exactly and is not offered.
 */
export function edgeIndex(threshold: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.round(threshold * bins)));
}

/** Values `≥ threshold` (a fine-bin edge): exact. */
export function keptAtThreshold(
  counts: ReadonlyArray<number>,
  threshold: number
): number {
  return keptAtEdge(counts, edgeIndex(threshold, counts.length));
}

/**
 * The fine bin holding the `q`-quantile (rank `ceil(q × n)`, at least 1) of
 * the binned values, as its `[low, high)` interval, or `null` when empty.
 */
export function quantileBin(
  counts: ReadonlyArray<number>,
  q: number
): { low: number; high: number } | null {
  const bins = counts.length;
  const i = quantileIndex(counts, q);
  return i === null ? null : { low: i / bins, high: (i + 1) / bins };
}
