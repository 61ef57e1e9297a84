/**
 * A built RCA histogram: caption, controls, dataset legend, chart with its
 * tooltip, and the live table, as one object, so a built view's parts are
 * never half there. It redraws on every state change and on resizes.
 */
import { schemeTableau10 } from 'd3';
import {
  binCountsCsv,
  binHover,
  h,
  HistogramChart,
  IHistogramSeries,
  rebin,
  Tooltip,
  WidthFollower
} from '../common';
import { snapToEdge } from './bins';
import { RcaControls } from './controls';
import { binTooltip } from './hover';
import { IRcaPayload } from './payload';
import { IRcaState, scoreColumn, visibleDatasets } from './state';
import { summarize } from './summary';
import { RcaTable } from './table';

/**
 * The histogram of one payload (see the module's comment). It reads and
 * changes the view's state, which outlives it.
 */
export class RcaHistogram {
  /** The view's children, in order. */
  readonly nodes: Array<HTMLElement | SVGSVGElement>;
  /** The chart, for pictures and exports. */
  readonly chart: HistogramChart;
  private readonly _table: RcaTable;
  private readonly _controls: RcaControls;
  private readonly _tooltip = new Tooltip();
  private readonly _colors = new Map<string, string>();
  private readonly _width: WidthFollower;

  /**
   * @param _payload - The checked payload.
   * @param _state - The view's state.
   * @param _node - The view's node: its width is the chart's, and it
   *   carries `data-threshold` and `data-threshold-ms` for tests.
   */
  constructor(
    private readonly _payload: IRcaPayload,
    private readonly _state: IRcaState,
    private readonly _node: HTMLElement
  ) {
    const payload = _payload;
    payload.datasets.forEach((d, i) =>
      this._colors.set(d.name, schemeTableau10[i % 10])
    );
    this._controls = new RcaControls(payload, _state, this._colors, {
      change: patch => this.update(patch),
      threshold: value => this.setThreshold(value)
    });
    this.chart = new HistogramChart({
      prefix: 'rca',
      seriesAttribute: 'dataset',
      thresholdLabel: 'RCA threshold',
      onThreshold: t => this.setThreshold(t),
      onHover: binHover(
        this._tooltip,
        () => this.chart.node,
        bin => binTooltip(this._payload, this._state, bin)
      ),
      keyStep: () => 1 / this._payload.bins,
      formatThreshold: t => t.toFixed(3)
    });
    this._table = new RcaTable(
      payload.datasets.map(d => d.name),
      this._colors
    );
    const rows = payload.datasets.reduce((n, d) => n + d.rows, 0);
    this.nodes = [
      ...(payload.title
        ? [h('div', { className: 'jp-chexmask-title', text: payload.title })]
        : []),
      h('div', {
        className: 'jp-chexmask-rca-caption',
        text: `${rows.toLocaleString('en-US')} rows in ${payload.datasets.length} dataset(s); ${payload.bins} fine bins over [0, 1]`
      }),
      this._controls.node,
      this._controls.legend,
      h('div', { className: 'jp-chexmask-rca-chart-box' }, [
        this.chart.node,
        this._tooltip.node
      ]),
      this._table.node
    ];
    this._width = new WidthFollower(_node, () => this.draw());
  }

  /** The width the chart was last drawn at (part of the picture's key). */
  get width(): number {
    return this._width.width;
  }

  /** Draw now and follow the view's width from now on. */
  start(): void {
    this.draw();
    this._width.start();
  }

  /** Change the state and redraw. */
  update(patch: Partial<IRcaState>): void {
    Object.assign(this._state, patch);
    this.draw();
  }

  /** Full redraw of the chart, then the threshold. */
  draw(): void {
    const state = this._state;
    this.chart.draw({
      width: this._width.measure(),
      layout: state.layout,
      logScale: state.logScale,
      domain: [0, 1],
      threshold: state.threshold,
      keep: 'above',
      xLabel: scoreColumn(state.score),
      series: this.series()
    });
    this._showThreshold();
  }

  /** The visible datasets' counts of the score shown, in the drawn bins. */
  series(): IHistogramSeries[] {
    const state = this._state;
    return visibleDatasets(this._payload, state).map(d => ({
      name: d.name,
      color: this._colors.get(d.name) ?? '',
      counts: rebin(d[state.score].counts, state.factor)
    }));
  }

  /** The drawn bins of the visible datasets as CSV (edges with enough decimals to differ). */
  csv(): string {
    const n = this._payload.bins / this._state.factor;
    const digits = Math.max(3, Math.ceil(Math.log10(n)));
    const edges = Array.from({ length: n + 1 }, (_, i) =>
      (i / n).toFixed(digits)
    );
    return binCountsCsv(edges, this.series());
  }

  /**
   * A new threshold (snapped to a fine-bin edge): move the line, refresh
   * the table. One from the settings does not count as the user's.
   */
  setThreshold(value: number, fromSettings = false): void {
    const started = performance.now();
    const state = this._state;
    state.threshold = snapToEdge(value, this._payload.bins);
    state.thresholdTouched = state.thresholdTouched || !fromSettings;
    this.chart.setThreshold(state.threshold);
    this._showThreshold();
    this._node.dataset.thresholdMs = (performance.now() - started).toFixed(3);
  }

  /** Stop following the view's width. */
  dispose(): void {
    this._width.dispose();
  }

  private _showThreshold(): void {
    const state = this._state;
    this._controls.setThreshold(state.threshold);
    this._table.update(
      this._payload.datasets.map(d =>
        summarize(d, state.score, state.threshold)
      ),
      state.threshold,
      state.score === 'mean' ? 'Mean' : 'Max'
    );
    this._node.dataset.threshold = state.threshold.toFixed(3);
  }
}
