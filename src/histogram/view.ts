/**
 * The histogram view: any numeric column of a table, per group, as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ChartView } from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { HistogramExamplesPanel } from './examples';
import { HistogramFigure } from './figure';
import { latticeIndex } from './grid';
import { IHistogramPayload, parseHistogramPayload } from './payload';
import { histogramAltText } from './picture';
import { IHistogramState, initialHistogramState } from './state';

/** CSS class of the histogram view. */
export const HISTOGRAM_VIEW_CLASS = 'jp-chexmask-HistogramView';

/**
 * Histograms of one numeric column per group, with a threshold that can be
 * dragged, typed or moved by keyboard, the side it keeps, and a live table
 * of what it keeps (see {@link HistogramFigure}). Re-binning to any nice
 * width is exact (fine-bin counts only add). Exports: the chart as PNG and
 * SVG, its counts as CSV. When the payload has example rows, a click on a
 * bar shows that bar's rows as a gallery under the chart.
 */
export class HistogramView extends ChartView<
  IHistogramPayload,
  IHistogramState,
  HistogramFigure
> {
  /** The example rows under the chart, when the payload has them. */
  private _examples: HistogramExamplesPanel | null = null;
  private readonly _prefix = `jp-chexmask-histogram-${Private.nextId()}`;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, HISTOGRAM_VIEW_CLASS, 'this histogram');
  }

  protected build(payload: IHistogramPayload): void {
    super.build(payload);
    if (this.built && this.state && payload.groups.some(g => g.examples)) {
      this._buildExamples(payload, this.built, this.state);
    }
  }

  protected clear(): void {
    this._examples?.dispose();
    this._examples = null;
    super.clear();
  }

  protected onSettings(settings: IChexmaskSettings): void {
    super.onSettings(settings);
    this._examples?.restyle();
  }

  protected parse(data: unknown): IHistogramPayload {
    return parseHistogramPayload(data);
  }

  protected initialState(payload: IHistogramPayload): IHistogramState {
    return initialHistogramState(payload);
  }

  protected figure(
    payload: IHistogramPayload,
    state: IHistogramState
  ): HistogramFigure {
    return new HistogramFigure(payload, state, this.node);
  }

  protected describe(
    payload: IHistogramPayload,
    state: IHistogramState
  ): string {
    return histogramAltText(payload, state);
  }

  protected fileName(): string {
    return `chexmask-histogram-${this.payload?.column ?? ''}`;
  }

  /** The panel under the chart; a click on the bars shows that bar's examples. */
  private _buildExamples(
    payload: IHistogramPayload,
    figure: HistogramFigure,
    state: IHistogramState
  ): void {
    const panel = new HistogramExamplesPanel({
      options: this.options,
      settings: this.settings,
      dataset: this.node.dataset,
      prefix: this._prefix,
      payload,
      state
    });
    this._examples = panel;
    this.node.appendChild(panel.node);
    figure.chart.node.addEventListener('click', event => {
      const target = event.target as Element;
      if (!target.closest('.jp-chexmask-threshold-handle')) {
        const value = figure.chart.valueAt(event);
        if (Number.isFinite(value)) {
          panel.showBar(latticeIndex(value, payload.exponent));
        }
      }
    });
  }
}

namespace Private {
  let counter = 0;

  /** A number unique to each histogram view on the page (DOM ids of example tiles). */
  export function nextId(): number {
    return ++counter;
  }
}
