import type { ISeriesSummary } from '../common/summary-table';
import { keptAtThreshold, quantileBin } from './bins';
import { IRcaDataset } from './payload';

/** Which score a view shows. */
export type RcaScore = 'mean' | 'max';

/** The live table row of one dataset at a threshold (out of range: Dice scores outside [0, 1]). */
export interface IRcaSummary extends ISeriesSummary {
  /** The 5th percentile, exact to the bin: the middle of the bin that holds it. */
  p5: number | null;
  swapped: number;
}

/** Summarise one dataset's score at a threshold (a fine-bin edge). */
export function summarize(
  dataset: IRcaDataset,
  score: RcaScore,
  threshold: number
): IRcaSummary {
  const h = dataset[score];
  const kept = keptAtThreshold(h.counts, threshold);
  const mid = (q: number): number | null => {
    const bin = quantileBin(h.counts, q);
    return bin ? (bin.low + bin.high) / 2 : null;
  };
  return {
    name: dataset.name,
    rows: dataset.rows,
    missing: h.missing,
    outOfRange: h.outOfRange,
    kept,
    keptShare: h.count ? kept / h.count : null,
    mean: h.count ? h.sum / h.count : null,
    median: mid(0.5),
    p5: mid(0.05),
    swapped: dataset.swapped
  };
}
