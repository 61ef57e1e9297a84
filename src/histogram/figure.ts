/**
 * A built histogram: caption, controls, group legend, chart with its
 * tooltip, and the live table, as one object (a `common` chart figure), so
 * a built view's parts are never half there. It redraws on every state
 * change and on resizes; a threshold change only moves the line and
 * rewrites the table's text.
 */
import {
  ChartFigure,
  FigureAxis,
  formatCount,
  IBinTooltip,
  IHistogramSeries,
  rebinAligned
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

/** The histogram of one payload (see the module's comment). */
export class HistogramFigure extends ChartFigure<IHistogramState> {
  private readonly _table: HistogramTable;
  private readonly _controls: HistogramControls;

  /**
   * @param _payload - The checked payload.
   * @param state - The view's state.
   * @param node - The view's node: its width is the chart's, and it
   *   carries `data-threshold`, `data-keep` and `data-threshold-ms` for tests.
   */
  constructor(
    private readonly _payload: IHistogramPayload,
    state: IHistogramState,
    node: HTMLElement
  ) {
    super(
      state,
      node,
      _payload.groups.map(g => g.name),
      {
        prefix: 'histogram',
        seriesAttribute: 'group',
        thresholdLabel: `${_payload.column} threshold`,
        keyStep: () => edgeValue(1, _payload.exponent),
        formatThreshold: t =>
          formatEdge(snapEdge(_payload, t), _payload.exponent)
      }
    );
    const payload = _payload;
    this._controls = new HistogramControls(
      payload,
      state,
      this.colors,
      this.handlers
    );
    this._table = new HistogramTable(payload, this.colors);
    this.layout({
      title: payload.title,
      caption: Private.caption(payload),
      controls: this._controls,
      table: this._table
    });
  }

  protected axis(): FigureAxis {
    return {
      domain: drawnDomain(this._payload, this.state),
      threshold: edgeValue(this.state.edge, this._payload.exponent),
      keep: this.state.keep,
      xLabel: this._payload.column
    };
  }

  series(): IHistogramSeries[] {
    const { start } = this._payload;
    return visibleGroups(this._payload, this.state).map(g => ({
      name: g.name,
      color: this.colors.get(g.name) ?? '',
      counts: rebinAligned(g.counts, this.state.factor, start)
    }));
  }

  /** Edges with the decimals of the fine bins. */
  protected edgeTexts(): string[] {
    const { first, count } = drawnBins(this._payload, this.state);
    return Array.from({ length: count + 1 }, (_, i) =>
      formatEdge((first + i) * this.state.factor, this._payload.exponent)
    );
  }

  /** Snap to the nearest fine-bin edge, move the line, refresh the table. */
  protected moveThreshold(value: number): void {
    const payload = this._payload;
    this.state.edge = snapEdge(payload, value);
    this.chart.setThreshold(edgeValue(this.state.edge, payload.exponent));
    this.showThreshold();
  }

  protected tooltip(bin: number): IBinTooltip {
    return histogramTooltip(this._payload, this.state, bin);
  }

  protected showThreshold(): void {
    const payload = this._payload;
    const state = this.state;
    const text = thresholdText(payload, state);
    this._controls.setThreshold(text);
    this._table.update(
      payload.groups.map(g =>
        summarizeGroup(payload, g, state.edge, state.keep)
      ),
      `Kept (${payload.column} ${keepSign(state.keep)} ${text})`
    );
    this.node.dataset.threshold = text;
    this.node.dataset.keep = state.keep;
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
