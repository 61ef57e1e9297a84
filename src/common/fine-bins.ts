/**
 * Arithmetic on fine-bin counts that every histogram shares (the RCA view's
 * bins over [0, 1], the generic histogram's decimal grid): merging
 * neighbouring bins, counting what a threshold on a bin edge keeps, and the
 * bin that holds a quantile. All exact: counts only add.
 */

/** Which side of a threshold a histogram keeps. */
export type KeepSide = 'above' | 'below';

/**
 * Merge every `factor` neighbouring fine bins (exact: counts only add).
 * `factor` must divide the number of bins.
 */
export function rebin(counts: ReadonlyArray<number>, factor: number): number[] {
  if (!Number.isInteger(factor) || factor < 1 || counts.length % factor !== 0) {
    throw new RangeError(`cannot merge ${counts.length} bins by ${factor}`);
  }
  return rebinAligned(counts, factor, 0);
}

/**
 * Merge fine bins into coarse bins of `factor` fine bins each, aligned on a
 * lattice that starts below the first fine bin: fine bin `i` is number
 * `offset + i` of the lattice and goes to coarse bin
 * `floor((offset + i) / factor) - floor(offset / factor)`. The first and
 * last coarse bins may hold fewer fine bins than `factor`.
 */
export function rebinAligned(
  counts: ReadonlyArray<number>,
  factor: number,
  offset: number
): number[] {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new RangeError(`cannot merge bins by ${factor}`);
  }
  const first = Math.floor(offset / factor);
  const n = counts.length
    ? Math.floor((offset + counts.length - 1) / factor) - first + 1
    : 0;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < counts.length; i++) {
    out[Math.floor((offset + i) / factor) - first] += counts[i];
  }
  return out;
}

/**
 * The values kept by a threshold on the lower edge of fine bin `edge`:
 * `above` keeps the bins from it on (values ≥ the edge), `below` the bins
 * before it (values < the edge). Exact, whatever the values in a bin.
 */
export function keptAtEdge(
  counts: ReadonlyArray<number>,
  edge: number,
  keep: KeepSide = 'above'
): number {
  const from = keep === 'above' ? Math.max(0, edge) : 0;
  const to = keep === 'above' ? counts.length : Math.min(counts.length, edge);
  let kept = 0;
  for (let i = from; i < to; i++) {
    kept += counts[i];
  }
  return kept;
}

/**
 * The index of the fine bin holding the `q`-quantile (the value of rank
 * `max(1, ceil(q × n))`, the "inverted CDF" quantile) of the binned
 * values, or `null` when there are none.
 */
export function quantileIndex(
  counts: ReadonlyArray<number>,
  q: number
): number | null {
  let n = 0;
  for (const c of counts) {
    n += c;
  }
  if (n === 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= rank) {
      return i;
    }
  }
  return counts.length - 1;
}
