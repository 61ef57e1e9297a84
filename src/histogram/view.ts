/**
 * The histogram view: any numeric column of a table, per group, as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ChartView } from '../common';
import { SettingsModel } from '../settings';
import { HistogramFigure } from './figure';
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
 * SVG, its counts as CSV.
 */
export class HistogramView extends ChartView<
  IHistogramPayload,
  IHistogramState,
  HistogramFigure
> {
  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, HISTOGRAM_VIEW_CLASS, 'this histogram');
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
}
