/**
 * The alt text of an RCA histogram's picture (the picture is the chart as
 * shown, `chartPicture` in `common/svg-picture.ts`); the kernel's static
 * picture says the same words (`rca_alt_text` in Python).
 */
import { IRcaPayload } from './payload';
import { IRcaState, scoreColumn } from './state';
import { summarize } from './summary';

/** Datasets, rows, the threshold and what it keeps, in words. */
export function rcaAltText(payload: IRcaPayload, state: IRcaState): string {
  const kept = payload.datasets
    .map(d => {
      const s = summarize(d, state.score, state.threshold);
      const share =
        s.keptShare === null
          ? 'no values'
          : `${(s.keptShare * 100).toFixed(1)}% kept`;
      return `${d.name} ${d.rows.toLocaleString('en-US')} rows, ${share}`;
    })
    .join('; ');
  return `Histogram of ${scoreColumn(state.score)} per dataset at threshold ${state.threshold.toFixed(3)}: ${kept}.`;
}
