/**
 * A built RCA histogram: caption, controls, dataset legend, chart with its
 * tooltip, and the live table, as one object (a `common` chart figure), so
 * a built view's parts are never half there. It redraws on every state
 * change and on resizes.
 */
import {
  ChartFigure,
  FigureAxis,
  IBinTooltip,
  IHistogramSeries,
  rebin
} from '../common';
import { snapToEdge } from './bins';
import { RcaControls } from './controls';
import { binTooltip } from './hover';
import { IRcaPayload } from './payload';
import { IRcaState, scoreColumn, visibleDatasets } from './state';
import { summarize } from './summary';
import { RcaTable } from './table';

/** The histogram of one payload (see the module's comment). */
export class RcaHistogram extends ChartFigure<IRcaState> {
  private readonly _table: RcaTable;
  private readonly _controls: RcaControls;

  /**
   * @param _payload - The checked payload.
   * @param state - The view's state.
   * @param node - The view's node: its width is the chart's, and it
   *   carries `data-threshold` and `data-threshold-ms` for tests.
   */
  constructor(
    private readonly _payload: IRcaPayload,
    state: IRcaState,
    node: HTMLElement
  ) {
    super(
      state,
      node,
      _payload.datasets.map(d => d.name),
      {
        prefix: 'rca',
        seriesAttribute: 'dataset',
        thresholdLabel: 'RCA threshold',
        keyStep: () => 1 / _payload.bins,
        formatThreshold: t => t.toFixed(3)
      }
    );
    const payload = _payload;
    this._controls = new RcaControls(
      payload,
      state,
      this.colors,
      this.handlers
    );
    this._table = new RcaTable(
      payload.datasets.map(d => d.name),
      this.colors
    );
    const rows = payload.datasets.reduce((n, d) => n + d.rows, 0);
    this.layout({
      title: payload.title,
      caption: `${rows.toLocaleString('en-US')} rows in ${payload.datasets.length} dataset(s); ${payload.bins} fine bins over [0, 1]`,
      controls: this._controls,
      table: this._table
    });
  }

  protected axis(): FigureAxis {
    return {
      domain: [0, 1],
      threshold: this.state.threshold,
      keep: 'above',
      xLabel: scoreColumn(this.state.score)
    };
  }

  series(): IHistogramSeries[] {
    const state = this.state;
    return visibleDatasets(this._payload, state).map(d => ({
      name: d.name,
      color: this.colors.get(d.name) ?? '',
      counts: rebin(d[state.score].counts, state.factor)
    }));
  }

  /**
   * A new threshold (snapped to a fine-bin edge): move the line, refresh
   * the table. One from the settings does not count as the user's.
   */
  setThreshold(value: number, fromSettings = false): void {
    this.state.thresholdTouched ||= !fromSettings;
    super.setThreshold(value);
  }

  /** Edges with enough decimals to differ. */
  protected edgeTexts(): string[] {
    const n = this._payload.bins / this.state.factor;
    const digits = Math.max(3, Math.ceil(Math.log10(n)));
    return Array.from({ length: n + 1 }, (_, i) => (i / n).toFixed(digits));
  }

  protected moveThreshold(value: number): void {
    this.state.threshold = snapToEdge(value, this._payload.bins);
    this.chart.setThreshold(this.state.threshold);
    this.showThreshold();
  }

  protected tooltip(bin: number): IBinTooltip {
    return binTooltip(this._payload, this.state, bin);
  }

  protected showThreshold(): void {
    const state = this.state;
    this._controls.setThreshold(state.threshold);
    this._table.update(
      this._payload.datasets.map(d =>
        summarize(d, state.score, state.threshold)
      ),
      state.threshold,
      state.score === 'mean' ? 'Mean' : 'Max'
    );
    this.node.dataset.threshold = state.threshold.toFixed(3);
  }
}
