/**
 * The histogram view: any numeric column of a table, per group, as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { chartPicture, chartSvg, PayloadView } from '../common';
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
 * width is exact (fine-bin counts only add).
 */
export class HistogramView extends PayloadView<
  IHistogramPayload,
  HistogramFigure
> {
  /** What the user chose; kept across builds of the same payload. */
  private _state: IHistogramState | null = null;
  private _payload: IHistogramPayload | null = null;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, HISTOGRAM_VIEW_CLASS, 'this histogram');
  }

  protected parse(data: unknown): IHistogramPayload {
    return parseHistogramPayload(data);
  }

  protected build(payload: IHistogramPayload): void {
    this._payload = payload;
    // A view painted again after scrolling back keeps what the user set.
    this._state ??= initialHistogramState(payload);
    const figure = new HistogramFigure(payload, this._state, this.node);
    this.present(figure);
    figure.start();
  }

  /** The chart as shown (groups, layout, threshold), for exports. */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this.built ? chartPicture(this.built.chart.node, this.node) : null;
  }

  protected readonly exportsSvg = true;

  /** The chart as shown, as a standalone SVG over the theme's background. */
  protected async svgDocument(): Promise<string | null> {
    return this.built ? chartSvg(this.built.chart.node, this.node) : null;
  }

  protected readonly exportsCsv = true;

  /** The drawn bins' counts of the visible groups. */
  protected async csvDocument(): Promise<string | null> {
    return this.built ? this.built.csv() : null;
  }

  protected fileName(): string {
    return `chexmask-histogram-${this._payload?.column ?? ''}`;
  }

  protected altText(): string {
    return this._payload && this._state
      ? histogramAltText(this._payload, this._state)
      : '';
  }

  /** The picture changes with the layout, scale, width, side and hidden groups. */
  protected pictureKey(): string {
    const state = this._state;
    return JSON.stringify([
      state && { ...state, hidden: [...state.hidden] },
      this.built?.width ?? 0,
      this.altText()
    ]);
  }

  protected forget(): void {
    this._state = null;
  }
}
