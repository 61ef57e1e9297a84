/**
 * The static picture of an RCA histogram and its alt text. The picture is
 * the chart as shown (datasets, layout, threshold) over the theme's
 * background; the kernel's static picture says the same words
 * (`rca_alt_text` in Python).
 */
import { standaloneSvg, svgPicture, themeBackground } from '../common';
import { IRcaPayload } from './payload';
import { IRcaState, scoreColumn } from './state';
import { summarize } from './summary';

/** The chart as a picture for `image/png` and the PNG export. */
export function chartPicture(
  chart: SVGSVGElement,
  view: Element
): Promise<HTMLCanvasElement> {
  return svgPicture(chart, themeBackground(view));
}

/** The chart as a standalone SVG document over the theme's background. */
export function chartSvg(chart: SVGSVGElement, view: Element): string {
  return standaloneSvg(chart, themeBackground(view)).text;
}

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
