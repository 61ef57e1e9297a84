/**
 * The alt text of a histogram's picture (the picture is the chart as shown,
 * `chartPicture` in `common/svg-picture.ts`); the kernel's static picture
 * says the same words (`histogram_alt_text` in
 * `jupyterlab_chexmask/histogram/picture.py`).
 */
import { formatCount } from '../common';
import { IHistogramPayload } from './payload';
import { IHistogramState, keepSign, thresholdText } from './state';
import { summarizeGroup } from './summary';

/** The column, the grouping, the threshold and what it keeps per group, in words. */
export function histogramAltText(
  payload: IHistogramPayload,
  state: IHistogramState
): string {
  const kept = payload.groups
    .map(g => {
      const s = summarizeGroup(payload, g, state.edge, state.keep);
      const share =
        s.keptShare === null
          ? 'no values'
          : `${formatCount(s.kept)} kept (${(s.keptShare * 100).toFixed(1)}%)`;
      return `${g.name} ${formatCount(g.rows)} rows, ${share}`;
    })
    .join('; ');
  const by = payload.by ? ` by ${payload.by}` : '';
  return `Histogram of ${payload.column}${by}, keeping ${payload.column} ${keepSign(state.keep)} ${thresholdText(payload, state)}: ${kept}.`;
}
