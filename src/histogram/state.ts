/**
 * What the user chooses in a histogram. One object per payload: it outlives
 * the view's builds (a view painted again after scrolling back keeps it)
 * and a new payload starts from {@link initialHistogramState} again.
 */
import type { HistogramLayout, KeepSide } from '../common';
import {
  drawnRange,
  edgeValue,
  formatEdge,
  nearestEdge,
  widthFor
} from './grid';
import type { IHistogramGroup, IHistogramPayload } from './payload';
import { initialEdge } from './summary';

/** The state of a histogram. */
export interface IHistogramState {
  layout: HistogramLayout;
  logScale: boolean;
  /** Fine bins per drawn bin: a nice width (1, 2, 5, 10, …). */
  factor: number;
  /** The threshold, as a lattice edge (its value is `edgeValue(edge, exponent)`). */
  edge: number;
  /** Which side of the threshold is kept. */
  keep: KeepSide;
  /** Names of the groups hidden from the chart. */
  hidden: Set<string>;
}

/** The drawn bins of a payload's view when the view does not say: about this many. */
export const DEFAULT_SHOWN_BINS = 50;

/**
 * The state of a freshly rendered histogram: groups overlaid on a linear
 * axis, all shown, the nice width nearest the payload's `shownBins` (else
 * 50) drawn bins, and the payload's threshold and side (else the median).
 */
export function initialHistogramState(
  payload: IHistogramPayload
): IHistogramState {
  return {
    layout: 'overlaid',
    logScale: false,
    factor: widthFor(
      payload.start,
      payload.bins,
      payload.shownBins ?? DEFAULT_SHOWN_BINS
    ),
    edge: initialEdge(payload, v => snapEdge(payload, v)),
    keep: payload.keep,
    hidden: new Set()
  };
}

/** The lattice edge nearest a threshold value, within the fine bins. */
export function snapEdge(payload: IHistogramPayload, value: number): number {
  const k = Number.isFinite(value)
    ? nearestEdge(value, payload.exponent)
    : value > 0
      ? payload.start + payload.bins
      : payload.start;
  return Math.min(payload.start + payload.bins, Math.max(payload.start, k));
}

/** The threshold's value. */
export function thresholdValue(
  payload: IHistogramPayload,
  state: IHistogramState
): number {
  return edgeValue(state.edge, payload.exponent);
}

/** The threshold as text, with the decimals of the fine bins. */
export function thresholdText(
  payload: IHistogramPayload,
  state: IHistogramState
): string {
  return formatEdge(state.edge, payload.exponent);
}

/** "≥" or "<": how the kept values compare with the threshold. */
export function keepSign(keep: KeepSide): string {
  return keep === 'above' ? '≥' : '<';
}

/** The groups the chart shows, in payload order. */
export function visibleGroups(
  payload: IHistogramPayload,
  state: IHistogramState
): IHistogramGroup[] {
  return payload.groups.filter(g => !state.hidden.has(g.name));
}

/** The drawn bins at the state's width: the first's lattice index (in widths) and how many. */
export function drawnBins(
  payload: IHistogramPayload,
  state: IHistogramState
): { first: number; count: number } {
  return drawnRange(payload.start, payload.bins, state.factor);
}

/** The x range of the drawn bins: the first's lower edge, the last's upper. */
export function drawnDomain(
  payload: IHistogramPayload,
  state: IHistogramState
): [number, number] {
  const { first, count } = drawnBins(payload, state);
  return [
    edgeValue(first * state.factor, payload.exponent),
    edgeValue((first + count) * state.factor, payload.exponent)
  ];
}
