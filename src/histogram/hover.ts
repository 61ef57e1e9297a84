/**
 * The tooltip of a histogram: the hovered drawn bin's range, and its count
 * and share of each visible group's values (the tooltip element is
 * `common/tooltip.ts`).
 */
import { binShareLines, IBinTooltip } from '../common';
import { formatEdge } from './grid';
import { IHistogramPayload } from './payload';
import { drawnBins, IHistogramState, visibleGroups } from './state';

/** The tooltip of drawn bin `bin` (counted from the first drawn bin). */
export function histogramTooltip(
  payload: IHistogramPayload,
  state: IHistogramState,
  bin: number
): IBinTooltip {
  const low = (drawnBins(payload, state).first + bin) * state.factor;
  const high = low + state.factor;
  const lines = binShareLines(
    visibleGroups(payload, state),
    low - payload.start,
    high - payload.start
  );
  return {
    title: `[${formatEdge(low, payload.exponent)}, ${formatEdge(high, payload.exponent)})`,
    lines
  };
}
