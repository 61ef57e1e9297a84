/**
 * The RCA view: histograms of the RCA quality scores per dataset as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ChartView } from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { RcaExamplesPanel } from './examples';
import { RcaHistogram } from './histogram';
import { IRcaPayload, parseRcaPayload } from './payload';
import { rcaAltText } from './picture';
import {
  initialRcaState,
  IRcaState,
  scoreColumn,
  visibleDatasets
} from './state';

/** CSS class of the RCA view. */
export const RCA_VIEW_CLASS = 'jp-chexmask-RcaView';

/**
 * Histograms of the RCA quality scores per dataset, with a threshold that
 * can be dragged, typed or moved by keyboard and a live table of what it
 * keeps (see {@link RcaHistogram}). Re-binning is exact (fine-bin counts
 * only add). Exports: the chart as PNG and SVG, its counts as CSV. Under
 * the chart: the threshold as a pandas filter, and the payload's example
 * rows of a score band as a gallery (click a bar).
 */
export class RcaHistogramView extends ChartView<
  IRcaPayload,
  IRcaState,
  RcaHistogram
> {
  /** The pandas filter and the example rows under the chart. */
  private _examples: RcaExamplesPanel | null = null;
  private readonly _prefix = `jp-chexmask-rca-${Private.nextId()}`;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, RCA_VIEW_CLASS, 'this RCA histogram');
  }

  protected build(payload: IRcaPayload): void {
    super.build(payload);
    if (this.built && this.state) {
      this._buildExamples(payload, this.built, this.state);
    }
  }

  protected clear(): void {
    this._examples?.dispose();
    this._examples = null;
    super.clear();
  }

  protected parse(data: unknown): IRcaPayload {
    return parseRcaPayload(data);
  }

  protected initialState(payload: IRcaPayload): IRcaState {
    return initialRcaState(payload, this.settings.current.rcaThreshold);
  }

  protected figure(payload: IRcaPayload, state: IRcaState): RcaHistogram {
    return new RcaHistogram(payload, state, this.node);
  }

  protected describe(payload: IRcaPayload, state: IRcaState): string {
    return rcaAltText(payload, state);
  }

  protected fileName(): string {
    return 'chexmask-rca-histogram';
  }

  protected onSettings(settings: IChexmaskSettings): void {
    if (this.built && this.state && !this.state.thresholdTouched) {
      this.built.setThreshold(settings.rcaThreshold, true);
    }
    this._examples?.restyle();
  }

  /** The panel under the chart; a click on the bars shows that band's examples. */
  private _buildExamples(
    payload: IRcaPayload,
    histogram: RcaHistogram,
    state: IRcaState
  ): void {
    const panel = new RcaExamplesPanel({
      options: this.options,
      settings: this.settings,
      dataset: this.node.dataset,
      prefix: this._prefix,
      datasets: () =>
        visibleDatasets(payload, state).flatMap(d =>
          d.examples ? [{ name: d.name, examples: d.examples }] : []
        ),
      threshold: () => ({
        column: scoreColumn(state.score),
        value: Number(state.threshold.toFixed(6))
      })
    });
    this._examples = panel;
    this.node.appendChild(panel.node);
    if (payload.datasets.some(d => d.examples)) {
      histogram.chart.node.addEventListener('click', event => {
        const target = event.target as Element;
        if (!target.closest('.jp-chexmask-threshold-handle')) {
          const score = histogram.chart.scoreAt(event);
          panel.showBand(Math.min(19, Math.floor(score / 0.05)));
        }
      });
    }
  }
}

namespace Private {
  let counter = 0;

  /** A number unique to each RCA view on the page (DOM ids of example tiles). */
  export function nextId(): number {
    return ++counter;
  }
}
