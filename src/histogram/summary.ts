/**
 * What a histogram's table and alt text say about each group at a threshold,
 * from its fine-bin counts: kept (exact at a fine-bin edge), mean (exact),
 * median (the centre of the fine bin holding it), extremes.
 */
import { KeepSide, keptAtEdge, quantileIndex } from '../common/fine-bins';
import type { ISeriesSummary } from '../common/summary-table';
import { edgeValue } from './grid';
import { IHistogramGroup, IHistogramPayload } from './payload';

/** One group's row of the table at a threshold (out of range: infinite, or outside the bins). */
export interface IGroupSummary extends ISeriesSummary {
  min: number | null;
  max: number | null;
}

/**
 * Summarise a group at the threshold on lattice edge `edge`, keeping the
 * values `≥` it (`above`) or `<` it (`below`).
 */
export function summarizeGroup(
  payload: IHistogramPayload,
  group: IHistogramGroup,
  edge: number,
  keep: KeepSide
): IGroupSummary {
  const kept = keptAtEdge(group.counts, edge - payload.start, keep);
  const middle = quantileIndex(group.counts, 0.5);
  const k = payload.start + (middle ?? 0);
  return {
    name: group.name,
    rows: group.rows,
    missing: group.missing,
    outOfRange: group.outOfRange,
    kept,
    keptShare: group.count ? kept / group.count : null,
    mean: group.count ? group.sum / group.count : null,
    median:
      middle === null
        ? null
        : (edgeValue(k, payload.exponent) +
            edgeValue(k + 1, payload.exponent)) /
          2,
    min: group.min,
    max: group.max
  };
}

/**
 * The lattice edge the view starts its threshold at: the payload's
 * threshold, snapped to the nearest edge, else the lower edge of the fine
 * bin holding the median of every group's values together (the first edge
 * when there are none); within the fine bins.
 */
export function initialEdge(
  payload: IHistogramPayload,
  snap: (value: number) => number
): number {
  if (payload.threshold !== null) {
    return snap(payload.threshold);
  }
  const all = new Array<number>(payload.bins).fill(0);
  for (const g of payload.groups) {
    g.counts.forEach((c, i) => {
      all[i] += c;
    });
  }
  return payload.start + (quantileIndex(all, 0.5) ?? 0);
}
