/**
 * The view skeleton of the histograms: a `PayloadView` whose built part is
 * a chart figure. Its picture and SVG are the chart as shown, its CSV the
 * drawn counts, its state outlives rebuilds of the same payload, and the
 * picture's key follows the state, the width and the alt text.
 */
import { PayloadView } from './payload-view';
import { chartPicture, chartSvg } from './svg-picture';
import type { HistogramChart } from './histogram-chart';

/** What a chart view builds. */
export interface IChartFigure {
  readonly nodes: ReadonlyArray<Node>;
  readonly chart: HistogramChart;
  /** The width the chart was last drawn at. */
  readonly width: number;
  /** The drawn counts as CSV. */
  csv(): string;
  /** Draw now and follow the view's width. */
  start(): void;
  dispose(): void;
}

/** A chart view's state: at least the series hidden. */
export interface IChartState {
  hidden: Set<string>;
}

/** A histogram view (see the module's comment). */
export abstract class ChartView<
  P,
  S extends IChartState,
  B extends IChartFigure
> extends PayloadView<P, B> {
  /** What the user chose; kept across builds of the same payload. */
  protected state: S | null = null;
  protected payload: P | null = null;

  protected build(payload: P): void {
    this.payload = payload;
    // A view painted again after scrolling back keeps what the user set.
    this.state ??= this.initialState(payload);
    const figure = this.figure(payload, this.state);
    this.present(figure);
    figure.start();
  }

  /** The state of a freshly rendered payload. */
  protected abstract initialState(payload: P): S;

  /** The built figure of a payload in a state. */
  protected abstract figure(payload: P, state: S): B;

  /** What the chart shows, in words. */
  protected abstract describe(payload: P, state: S): string;

  /** The chart as shown, for exports. */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this.built ? chartPicture(this.built.chart.node, this.node) : null;
  }

  protected readonly exportsSvg = true;

  /** The chart as shown, as a standalone SVG over the theme's background. */
  protected async svgDocument(): Promise<string | null> {
    return this.built ? chartSvg(this.built.chart.node, this.node) : null;
  }

  protected readonly exportsCsv = true;

  /** The drawn bins' counts of the visible series. */
  protected async csvDocument(): Promise<string | null> {
    return this.built ? this.built.csv() : null;
  }

  protected altText(): string {
    return this.payload && this.state
      ? this.describe(this.payload, this.state)
      : '';
  }

  /** The picture changes with the state (layout, scale, bins, hidden series) and the width. */
  protected pictureKey(): string {
    const state = this.state;
    return JSON.stringify([
      state && { ...state, hidden: [...state.hidden] },
      this.built?.width ?? 0,
      this.altText()
    ]);
  }

  /** Every choice of the chart's controls shows in its picture. */
  protected pictureState(): unknown {
    return this.state;
  }

  protected forget(): void {
    this.state = null;
  }
}
