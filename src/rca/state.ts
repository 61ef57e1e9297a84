/**
 * What the user chooses in an RCA histogram. One object per payload: it
 * outlives the view's builds (a view painted again after scrolling back
 * keeps it) and a new payload starts from {@link initialRcaState} again.
 */
import { rebinFactors, snapToEdge } from './bins';
import type { HistogramLayout } from '../common';
import type { IRcaDataset, IRcaPayload } from './payload';
import type { RcaScore } from './summary';

/** The state of an RCA histogram. */
export interface IRcaState {
  score: RcaScore;
  layout: HistogramLayout;
  logScale: boolean;
  /** Fine bins merged per drawn bin (divides the payload's bins). */
  factor: number;
  /** The threshold, on a fine-bin edge. */
  threshold: number;
  /** Names of the datasets hidden from the chart. */
  hidden: Set<string>;
  /** Whether the user moved the threshold (then settings no longer move it). */
  thresholdTouched: boolean;
}

/**
 * The state of a freshly rendered histogram: Mean scores overlaid on a
 * linear axis, every dataset shown, the settings' threshold, and the bin
 * width nearest 100 bins (fine enough to see shape, coarse enough to read).
 */
export function initialRcaState(
  payload: IRcaPayload,
  rcaThreshold: number
): IRcaState {
  const factors = rebinFactors(payload.bins);
  const factor = factors.reduce((best, f) =>
    Math.abs(payload.bins / f - 100) < Math.abs(payload.bins / best - 100)
      ? f
      : best
  );
  return {
    score: 'mean',
    layout: 'overlaid',
    logScale: false,
    factor,
    threshold: snapToEdge(rcaThreshold, payload.bins),
    hidden: new Set(),
    thresholdTouched: false
  };
}

/** The datasets the chart shows, in payload order. */
export function visibleDatasets(
  payload: IRcaPayload,
  state: IRcaState
): IRcaDataset[] {
  return payload.datasets.filter(d => !state.hidden.has(d.name));
}

/** The column name of the score shown, e.g. "Dice RCA (Mean)". */
export function scoreColumn(score: RcaScore): string {
  return score === 'mean' ? 'Dice RCA (Mean)' : 'Dice RCA (Max)';
}
