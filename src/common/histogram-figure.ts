/**
 * What every built histogram has (the RCA view's, the generic one's): the
 * chart with its tooltip, drawn at the view's width, a threshold whose
 * updates are timed on the view's node, and its parts in the order the
 * views show them. A view's figure adds its controls, table and data.
 */
import { schemeTableau10 } from 'd3';
import {
  HistogramChart,
  HistogramLayout,
  IChartConfig,
  IChartOptions,
  IHistogramSeries
} from './histogram-chart';
import { h } from './dom';
import { WidthFollower } from './chart-width';
import { binCountsCsv } from './csv-export';
import { binHover, IBinTooltip, Tooltip } from './tooltip';

/** The parts of a figure's view besides the chart, in the order shown. */
export interface IFigureParts {
  title: string | null;
  /** The caption under the title (rows, groups, bins). */
  caption: string;
  /** The row of choices and the legend. */
  controls: { node: HTMLElement; legend: HTMLElement };
  table: { node: HTMLElement };
}

/** What every histogram's state holds. */
export interface IFigureState {
  layout: HistogramLayout;
  logScale: boolean;
}

/** The x axis of a drawing: its range, threshold, side kept and title. */
export type FigureAxis = Pick<
  IChartOptions,
  'domain' | 'threshold' | 'keep' | 'xLabel'
>;

/**
 * A built histogram (see the module's comment). It reads and changes the
 * view's state `S`, which outlives it.
 */
export abstract class ChartFigure<S extends IFigureState> {
  /** The view's children, in order (set by {@link layout}). */
  readonly nodes: Array<HTMLElement | SVGSVGElement> = [];
  /** The chart, for pictures and exports. */
  readonly chart: HistogramChart;
  /** Each series' colour: d3's Tableau 10, in the payload's order. */
  protected readonly colors = new Map<string, string>();
  /** What the controls call: a change of the state, a typed threshold. */
  protected readonly handlers = {
    change: (patch: Partial<S>): void => this.update(patch),
    threshold: (value: number): void => this.setThreshold(value)
  };
  private readonly _tooltip = new Tooltip();
  private readonly _width: WidthFollower;

  /**
   * @param state - The view's state.
   * @param node - The view's node: its width is the chart's, and it
   *   carries `data-threshold-ms` (and what subclasses add) for tests.
   * @param names - The series' names, in the payload's order.
   * @param config - How the chart is named and stepped.
   */
  constructor(
    protected readonly state: S,
    protected readonly node: HTMLElement,
    names: ReadonlyArray<string>,
    private readonly _config: Pick<
      IChartConfig,
      | 'prefix'
      | 'seriesAttribute'
      | 'thresholdLabel'
      | 'keyStep'
      | 'formatThreshold'
    >
  ) {
    this.chart = new HistogramChart({
      ..._config,
      onThreshold: t => this.setThreshold(t),
      onHover: binHover(
        this._tooltip,
        () => this.chart.node,
        bin => this.tooltip(bin)
      )
    });
    this._width = new WidthFollower(node, () => this.draw());
    names.forEach((name, i) =>
      this.colors.set(name, schemeTableau10[i % schemeTableau10.length])
    );
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
  update(patch: Partial<S>): void {
    Object.assign(this.state, patch);
    this.draw();
  }

  /** Stop following the view's width. */
  dispose(): void {
    this._width.dispose();
  }

  /** The drawn bins of the visible series as CSV. */
  csv(): string {
    return binCountsCsv(this.edgeTexts(), this.series());
  }

  /** A threshold from the chart or the controls; the update is timed in `data-threshold-ms`. */
  setThreshold(value: number): void {
    const started = performance.now();
    this.moveThreshold(value);
    this.node.dataset.thresholdMs = (performance.now() - started).toFixed(3);
  }

  /** Full redraw of the chart, then the threshold. */
  draw(): void {
    this.chart.draw({
      width: this._width.measure(),
      layout: this.state.layout,
      logScale: this.state.logScale,
      ...this.axis(),
      series: this.series()
    });
    this.showThreshold();
  }

  /** The x axis as the state has it. */
  protected abstract axis(): FigureAxis;

  /** Show the threshold: the controls, the table, the node's data. */
  protected abstract showThreshold(): void;

  /** The visible series' counts in the drawn bins. */
  abstract series(): IHistogramSeries[];

  /** The drawn bins' edges as text, one more than the bins. */
  protected abstract edgeTexts(): string[];

  /** Snap and show a new threshold: the line, the controls, the table. */
  protected abstract moveThreshold(value: number): void;

  /** The tooltip of drawn bin `bin`. */
  protected abstract tooltip(bin: number): IBinTooltip;

  /** Lay the view's parts out: title, caption, controls, legend, chart with tooltip, table. */
  protected layout(parts: IFigureParts): void {
    const prefix = this._config.prefix;
    this.nodes.push(
      ...(parts.title
        ? [h('div', { className: 'jp-chexmask-title', text: parts.title })]
        : []),
      h('div', {
        className: `jp-chexmask-${prefix}-caption`,
        text: parts.caption
      }),
      parts.controls.node,
      parts.controls.legend,
      h('div', { className: `jp-chexmask-${prefix}-chart-box` }, [
        this.chart.node,
        this._tooltip.node
      ]),
      parts.table.node
    );
  }
}
