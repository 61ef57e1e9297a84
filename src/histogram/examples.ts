/**
 * Example rows under a histogram: `cm.histogram(..., examples=k)` carries
 * up to k rows per group per band of fine bins (`examples-payload.ts`).
 * Clicking a bar, or "Rows just under the threshold", shows the sampled
 * rows of the visible groups in that range as a gallery under the chart
 * (the gallery shared with the RCA view, `../gallery/examples.ts`).
 */
import { button, h } from '../common';
import { examplesGallery, ExamplesGallery, IExamplesHost } from '../gallery';
import { examplesIn } from './examples-payload';
import { formatEdge } from './grid';
import type { IHistogramPayload } from './payload';
import { IHistogramState, visibleGroups } from './state';

/** What the panel needs from the histogram view. */
export interface IHistogramExamplesHost extends IExamplesHost {
  payload: IHistogramPayload;
  state: IHistogramState;
}

/**
 * The panel under the chart: "Rows just under the threshold" and the
 * gallery of the range chosen (a clicked bar's, or the drawn bar's width
 * just under the threshold).
 */
export class HistogramExamplesPanel {
  readonly node: HTMLElement;
  private readonly _gallery: ExamplesGallery;

  constructor(private readonly _host: IHistogramExamplesHost) {
    this._gallery = new ExamplesGallery(
      _host,
      'jp-chexmask-histogram-examples'
    );
    const under = button(
      'Rows just under the threshold',
      'Show example rows in the bar-wide range just under the threshold',
      () => this.showUnder()
    );
    under.classList.add('jp-chexmask-histogram-under');
    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      h('div', { className: 'jp-chexmask-control-row' }, [under]),
      this._gallery.node
    ]);
  }

  /** Show the rows of the drawn bar holding lattice bin `bin`. */
  showBar(bin: number): void {
    const factor = this._host.state.factor;
    const from = Math.floor(bin / factor) * factor;
    this.showRange(from, from + factor);
  }

  /** Show the rows in the drawn bar's width just under the threshold. */
  showUnder(): void {
    const { edge, factor } = this._host.state;
    this.showRange(edge - factor, edge);
  }

  /** Show the sampled rows of the visible groups with fine bins in `[from, to)`. */
  showRange(from: number, to: number): void {
    const { payload, state } = this._host;
    const label = `[${formatEdge(from, payload.exponent)}, ${formatEdge(to, payload.exponent)})`;
    this._gallery.show({
      band: `${from}_${to}`,
      label,
      payload: examplesGallery(
        `Example rows with ${payload.column} in ${label}`,
        [payload.column],
        examplesIn(visibleGroups(payload, state), from, to)
      ),
      fileName: `chexmask-histogram-examples-${payload.column}-${label}`
    });
  }

  /** Repaint the gallery's tiles with new settings. */
  restyle(): void {
    this._gallery.restyle();
  }

  dispose(): void {
    this._gallery.dispose();
  }
}
