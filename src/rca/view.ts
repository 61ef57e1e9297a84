/**
 * The RCA view: histograms of the RCA quality scores per dataset as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ChartView } from '../common';
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
 * only add). Exports: the chart as PNG and SVG, its counts as CSV.
 */
export class RcaHistogramView extends ChartView<
  IRcaPayload,
  IRcaState,
  RcaHistogram
> {
  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, RCA_VIEW_CLASS, 'this RCA histogram');
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
  }
}
