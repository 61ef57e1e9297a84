/**
 * A built histogram: caption, controls, group legend, chart with its
 * tooltip, and the live table, as one object, so a built view's parts are
 * never half there. It redraws on every state change and on resizes; a
 * threshold change only moves the line and rewrites the table's text.
 */
import { schemeTableau10 } from 'd3';
import {
  binCountsCsv,
  binHover,
  formatCount,
  h,
  HistogramChart,
  IHistogramSeries,
  rebinAligned,
  Tooltip,
  WidthFollower
} from '../common';
import { HistogramControls } from './controls';
import { edgeValue, formatEdge } from './grid';
import { histogramTooltip } from './hover';
import { IHistogramPayload } from './payload';
import {
  drawnBins,
  drawnDomain,
  IHistogramState,
  keepSign,
  snapEdge,
  thresholdText,
  visibleGroups
} from './state';
import { summarizeGroup } from './summary';
import { HistogramTable } from './table';

/**
 * The histogram of one payload (see the module's comment). It reads and
 * changes the view's state, which outlives it.
 */
export class HistogramFigure {
  /** The view's children, in order. */
  readonly nodes: Array<HTMLElement | SVGSVGElement>;
  /** The chart, for pictures and exports. */
  readonly chart: HistogramChart;
  private readonly _table: HistogramTable;
  private readonly _controls: HistogramControls;
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
    private readonly _payload: IHistogramPayload,
    private readonly _state: IHistogramState,
    private readonly _node: HTMLElement
  ) {
    const payload = _payload;
    payload.groups.forEach((g, i) =>
      this._colors.set(g.name, schemeTableau10[i % 10])
    );
    this._controls = new HistogramControls(payload, _state, this._colors, {
      change: patch => this.update(patch),
      threshold: value => this.setThreshold(value)
    });
    this.chart = new HistogramChart({
      prefix: 'histogram',
      seriesAttribute: 'group',
      thresholdLabel: `${payload.column} threshold`,
      onThreshold: t => this.setThreshold(t),
      onHover: binHover(
        this._tooltip,
        () => this.chart.node,
        bin => histogramTooltip(this._payload, this._state, bin)
      ),
      keyStep: () => edgeValue(1, this._payload.exponent),
      formatThreshold: t => formatEdge(snapEdge(payload, t), payload.exponent)
    });
    this._table = new HistogramTable(payload, this._colors);
    this.nodes = [
      ...(payload.title
        ? [h('div', { className: 'jp-chexmask-title', text: payload.title })]
        : []),
      h('div', {
        className: 'jp-chexmask-histogram-caption',
        text: Private.caption(payload)
      }),
      this._controls.node,
      this._controls.legend,
      h('div', { className: 'jp-chexmask-histogram-chart-box' }, [
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
  update(patch: Partial<IHistogramState>): void {
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
      domain: drawnDomain(this._payload, state),
      threshold: edgeValue(state.edge, this._payload.exponent),
      keep: state.keep,
      xLabel: this._payload.column,
      series: this.series()
    });
    this._showThreshold();
  }

  /** The visible groups' counts in the drawn bins. */
  series(): IHistogramSeries[] {
    const { start } = this._payload;
    return visibleGroups(this._payload, this._state).map(g => ({
      name: g.name,
      color: this._colors.get(g.name) ?? '',
      counts: rebinAligned(g.counts, this._state.factor, start)
    }));
  }

  /** The drawn bins of the visible groups as CSV (edges with the fine bins' decimals). */
  csv(): string {
    const { first, count } = drawnBins(this._payload, this._state);
    const edges = Array.from({ length: count + 1 }, (_, i) =>
      formatEdge((first + i) * this._state.factor, this._payload.exponent)
    );
    return binCountsCsv(edges, this.series());
  }

  /** A new threshold value, snapped to the nearest fine-bin edge: move the line, refresh the table. */
  setThreshold(value: number): void {
    const started = performance.now();
    const payload = this._payload;
    this._state.edge = snapEdge(payload, value);
    this.chart.setThreshold(edgeValue(this._state.edge, payload.exponent));
    this._showThreshold();
    this._node.dataset.thresholdMs = (performance.now() - started).toFixed(3);
  }

  /** Stop following the view's width. */
  dispose(): void {
    this._width.dispose();
  }

  private _showThreshold(): void {
    const payload = this._payload;
    const state = this._state;
    const text = thresholdText(payload, state);
    this._controls.setThreshold(text);
    this._table.update(
      payload.groups.map(g =>
        summarizeGroup(payload, g, state.edge, state.keep)
      ),
      `Kept (${payload.column} ${keepSign(state.keep)} ${text})`
    );
    this._node.dataset.threshold = text;
    this._node.dataset.keep = state.keep;
  }
}

namespace Private {
  /** Rows, groups, missing values and the fine bins, in one line. */
  export function caption(payload: IHistogramPayload): string {
    const sum = (key: 'rows' | 'missing' | 'outOfRange'): number =>
      payload.groups.reduce((n, g) => n + g[key], 0);
    const groups = payload.by
      ? `${payload.groups.length} group(s) by ${payload.by}`
      : `${payload.groups.length} group(s)`;
    const { exponent, start, bins } = payload;
    const parts = [
      `${formatCount(sum('rows'))} rows of ${payload.column} in ${groups}`,
      `${formatCount(sum('missing'))} missing`,
      `fine bins of ${formatEdge(1, exponent)} over [${formatEdge(start, exponent)}, ${formatEdge(start + bins, exponent)})`
    ];
    const outside = sum('outOfRange');
    if (outside) {
      parts.splice(2, 0, `${formatCount(outside)} outside the bins`);
    }
    return parts.join('; ');
  }
}
