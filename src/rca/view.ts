/**
 * The RCA view: histograms of the RCA quality scores per dataset as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { chartPicture, chartSvg, PayloadView } from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { RcaHistogram } from './histogram';
import { IRcaPayload, parseRcaPayload } from './payload';
import { rcaAltText } from './picture';
import { initialRcaState, IRcaState } from './state';

/** CSS class of the RCA view. */
export const RCA_VIEW_CLASS = 'jp-chexmask-RcaView';

/**
 * Histograms of the RCA quality scores per dataset, with a threshold that
 * can be dragged, typed or moved by keyboard and a live table of what it
 * keeps (see {@link RcaHistogram}). Re-binning is exact (fine-bin counts
 * only add).
 */
export class RcaHistogramView extends PayloadView<IRcaPayload, RcaHistogram> {
  /** What the user chose; kept across builds of the same payload. */
  private _state: IRcaState | null = null;
  private _payload: IRcaPayload | null = null;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, RCA_VIEW_CLASS, 'this RCA histogram');
  }

  protected parse(data: unknown): IRcaPayload {
    return parseRcaPayload(data);
  }

  protected build(payload: IRcaPayload): void {
    this._payload = payload;
    // A view painted again after scrolling back keeps what the user set.
    this._state ??= initialRcaState(
      payload,
      this.settings.current.rcaThreshold
    );
    const histogram = new RcaHistogram(payload, this._state, this.node);
    this.present(histogram);
    histogram.start();
  }

  /** The chart as shown (datasets, layout, threshold), for exports. */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this.built ? chartPicture(this.built.chart.node, this.node) : null;
  }

  protected readonly exportsSvg = true;

  /** The chart as shown, as a standalone SVG over the theme's background. */
  protected async svgDocument(): Promise<string | null> {
    return this.built ? chartSvg(this.built.chart.node, this.node) : null;
  }

  protected readonly exportsCsv = true;

  /** The drawn bins' counts of the visible datasets. */
  protected async csvDocument(): Promise<string | null> {
    return this.built ? this.built.csv() : null;
  }

  protected fileName(): string {
    return 'chexmask-rca-histogram';
  }

  protected altText(): string {
    return this._payload && this._state
      ? rcaAltText(this._payload, this._state)
      : '';
  }

  /** The picture changes with the layout, scale, bins and hidden datasets. */
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

  protected onSettings(settings: IChexmaskSettings): void {
    if (this.built && this._state && !this._state.thresholdTouched) {
      this.built.setThreshold(settings.rcaThreshold, true);
    }
  }
}
