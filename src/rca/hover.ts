/**
 * The tooltip of an RCA histogram: the hovered bin's range, and its count
 * and share of each visible dataset's values (the tooltip element is
 * `common/tooltip.ts`).
 */
import { binShareLines, IBinTooltip } from '../common';
import { IRcaPayload } from './payload';
import { IRcaState, visibleDatasets } from './state';

/** The tooltip of drawn (merged) bin `bin` in the state's layout. */
export function binTooltip(
  payload: IRcaPayload,
  state: IRcaState,
  bin: number
): IBinTooltip {
  const coarse = payload.bins / state.factor;
  const low = bin / coarse;
  const high = (bin + 1) / coarse;
  const lines = binShareLines(
    visibleDatasets(payload, state).map(d => ({
      name: d.name,
      counts: d[state.score].counts,
      count: d[state.score].count
    })),
    bin * state.factor,
    (bin + 1) * state.factor
  );
  return { title: `[${low.toFixed(3)}, ${high.toFixed(3)})`, lines };
}
