/**
 * The histogram chart of the RCA view and of the generic histogram, drawn
 * with d3: bars per series (overlaid, stacked or as small multiples), axes,
 * the kept region and the draggable threshold.
 */
import {
  axisBottom,
  axisLeft,
  drag,
  max as d3max,
  pointer,
  scaleLinear,
  scaleSymlog,
  select
} from 'd3';
import { appendAxis, appendAxisLabels, SvgRoot } from './axes';
import { svg } from './dom';
import { KeepSide } from './fine-bins';

/** How several series share the chart. */
export type HistogramLayout = 'overlaid' | 'stacked' | 'multiples';

/** One series' (re-binned) counts and colour. */
export interface IHistogramSeries {
  name: string;
  color: string;
  counts: number[];
}

/**
 * What the chart draws. The drawn bins are equally wide: bin `i` spans
 * `[domain[0] + i × w, domain[0] + (i + 1) × w)` with `w` the domain's width
 * over the number of counts.
 */
export interface IChartOptions {
  width: number;
  layout: HistogramLayout;
  logScale: boolean;
  series: IHistogramSeries[];
  /** The x range of the drawn bins (the first bin's lower edge, the last's upper). */
  domain: readonly [number, number];
  threshold: number;
  /** Which side of the threshold is shaded as kept. */
  keep: KeepSide;
  xLabel: string;
}

/** How a chart is named and moved: its classes and its threshold's keyboard steps. */
export interface IChartConfig {
  /**
   * The view's class prefix: the chart is `jp-chexmask-<prefix>-chart`, its
   * bars `-bars` (with `data-<seriesAttribute>`), panels `-panel`.
   */
  prefix: string;
  /** The data attribute naming a series on its bars, e.g. `dataset`. */
  seriesAttribute: string;
  /** The threshold handle's accessible name. */
  thresholdLabel: string;
  /** Called with a new threshold from a drag or a key (the view snaps it). */
  onThreshold(threshold: number): void;
  /** Called with the hovered drawn bin (or null) and the pointer event. */
  onHover(bin: number | null, event: PointerEvent): void;
  /** The threshold's step for arrow keys (Shift: ten steps). */
  keyStep(): number;
  /** How the handle states a threshold (aria-valuenow and text). */
  formatThreshold(threshold: number): string;
}

const MARGIN = { top: 12, right: 18, bottom: 40, left: 64 };
const PANEL_HEIGHT = 280;
const MULTIPLE_HEIGHT = 96;
const MULTIPLE_GAP = 14;

/**
 * The d3 histogram: bars per series (one path each, overlaid, stacked or as
 * small multiples), axes with labels, the kept region and a threshold line
 * that can be dragged or moved with the keyboard (it is an ARIA slider).
 */
export class HistogramChart {
  readonly node: SVGSVGElement;
  private readonly _root: SvgRoot;
  private _x = scaleLinear().domain([0, 1]);
  private _plotTop = MARGIN.top;
  private _plotBottom = MARGIN.top + PANEL_HEIGHT;
  private _bins = 1;
  private _keep: KeepSide = 'above';

  constructor(private readonly _config: IChartConfig) {
    this.node = svg('svg', {
      class: `jp-chexmask-${_config.prefix}-chart`,
      role: 'group'
    });
    this._root = select(this.node);
  }

  /** Draw everything (on data, layout, scale or size changes). */
  draw(options: IChartOptions): void {
    const { width, layout, series } = options;
    const prefix = this._config.prefix;
    const root = this._root;
    root.selectAll('*').remove();
    const panels = layout === 'multiples' ? series.length : 1;
    const panelHeight = layout === 'multiples' ? MULTIPLE_HEIGHT : PANEL_HEIGHT;
    const plotHeight = panels * panelHeight + (panels - 1) * MULTIPLE_GAP;
    const height = MARGIN.top + plotHeight + MARGIN.bottom;
    root
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`);
    this._x = scaleLinear()
      .domain([options.domain[0], options.domain[1]])
      .range([MARGIN.left, width - MARGIN.right]);
    this._plotTop = MARGIN.top;
    this._plotBottom = MARGIN.top + plotHeight;
    this._bins = series[0]?.counts.length ?? 1;
    this._keep = options.keep;
    const bins = this._bins;
    const [x0, x1] = options.domain;
    const at = (i: number): number => this._x(x0 + ((x1 - x0) * i) / bins);

    // Stacks: each series' base is the sum of the visible ones before it.
    const bases = series.map(() => new Array<number>(bins).fill(0));
    if (layout === 'stacked') {
      for (let s = 1; s < series.length; s++) {
        for (let i = 0; i < bins; i++) {
          bases[s][i] = bases[s - 1][i] + series[s - 1].counts[i];
        }
      }
    }
    const panelSeries =
      layout === 'multiples' ? series.map(s => [s]) : [series];
    panelSeries.forEach((group, p) => {
      const top = MARGIN.top + p * (panelHeight + MULTIPLE_GAP);
      const bottom = top + panelHeight;
      const index = (s: IHistogramSeries): number => series.indexOf(s);
      const peak =
        d3max(group, s =>
          d3max(
            s.counts,
            (c, i) => c + (layout === 'stacked' ? bases[index(s)][i] : 0)
          )
        ) ?? 0;
      const y = (options.logScale ? scaleSymlog().constant(1) : scaleLinear())
        .domain([0, Math.max(1, peak)])
        .range([bottom, top])
        .nice();
      const panel = root
        .append('g')
        .attr('class', `jp-chexmask-${prefix}-panel`);
      for (const s of group) {
        const base = bases[index(s)];
        panel
          .append('path')
          .attr('class', `jp-chexmask-${prefix}-bars`)
          .attr(`data-${this._config.seriesAttribute}`, s.name)
          .attr('d', Private.barsPath(s.counts, base, at, y))
          .style('fill', s.color)
          .style('stroke', s.color)
          .style(
            'fill-opacity',
            layout === 'overlaid' && group.length > 1 ? 0.35 : 0.8
          );
      }
      appendAxis(
        panel,
        'jp-chexmask-axis-y',
        `translate(${MARGIN.left},0)`,
        axisLeft(y).ticks(layout === 'multiples' ? 3 : 6, '~s')
      );
      if (layout === 'multiples') {
        panel
          .append('text')
          .attr('class', `jp-chexmask-${prefix}-panel-label`)
          .attr('x', width - MARGIN.right)
          .attr('y', top + 12)
          .attr('text-anchor', 'end')
          .text(group[0].name);
      }
    });

    appendAxis(
      root,
      'jp-chexmask-axis-x',
      `translate(0,${this._plotBottom})`,
      axisBottom(this._x).ticks(10)
    );
    appendAxisLabels(
      root,
      {
        x: options.xLabel,
        y: options.logScale ? 'rows per bin (log)' : 'rows per bin'
      },
      {
        left: MARGIN.left,
        right: width - MARGIN.right,
        top: this._plotTop,
        bottom: this._plotBottom
      },
      height
    );

    this._drawThreshold(options.threshold);
    this._drawHoverTarget(width);
  }

  /** The value under a pointer event's x (for a click on the bars). */
  valueAt(event: MouseEvent): number {
    const [px] = pointer(event, this.node);
    return this._x.invert(px);
  }

  /** The score under a pointer event's x, clamped to [0, 1]. */
  scoreAt(event: MouseEvent): number {
    return Math.min(1, Math.max(0, this.valueAt(event)));
  }

  /** Move the threshold line, its handle and the kept region. */

  setThreshold(threshold: number): void {
    const x = this._x(threshold);
    const [left, right] = this._x.range();
    const [from, to] = this._keep === 'above' ? [x, right] : [left, x];
    this._root
      .select('.jp-chexmask-kept')
      .attr('x', from)
      .attr('width', Math.max(0, to - from));
    this._root
      .select('.jp-chexmask-threshold')
      .attr('transform', `translate(${x},0)`);
    const text = this._config.formatThreshold(threshold);
    this._root
      .select('.jp-chexmask-threshold-handle')
      .attr('aria-valuenow', text)
      .attr('aria-valuetext', `threshold ${text}`);
  }

  private _drawThreshold(threshold: number): void {
    const root = this._root;
    const [low, high] = this._x.domain();
    root
      .append('rect')
      .attr('class', 'jp-chexmask-kept')
      .attr('y', this._plotTop)
      .attr('height', this._plotBottom - this._plotTop);
    const line = root.append('g').attr('class', 'jp-chexmask-threshold');
    line.append('line').attr('y1', this._plotTop).attr('y2', this._plotBottom);
    const handle = line
      .append('rect')
      .attr('class', 'jp-chexmask-threshold-handle')
      .attr('x', -7)
      .attr('y', this._plotTop - 2)
      .attr('width', 14)
      .attr('height', this._plotBottom - this._plotTop + 4)
      .attr('tabindex', 0)
      .attr('role', 'slider')
      .attr('aria-label', this._config.thresholdLabel)
      .attr('aria-valuemin', this._config.formatThreshold(low))
      .attr('aria-valuemax', this._config.formatThreshold(high));
    const clamp = (v: number): number => Math.min(high, Math.max(low, v));
    line.call(
      drag<SVGGElement, unknown>().on('drag', event => {
        this._config.onThreshold(clamp(this._x.invert(event.x)));
      })
    );
    handle.on('keydown', (event: KeyboardEvent) => {
      const current = Number(handle.attr('aria-valuenow'));
      const step = this._config.keyStep() * (event.shiftKey ? 10 : 1);
      const next =
        event.key === 'ArrowRight' || event.key === 'ArrowUp'
          ? current + step
          : event.key === 'ArrowLeft' || event.key === 'ArrowDown'
            ? current - step
            : event.key === 'Home'
              ? low
              : event.key === 'End'
                ? high
                : null;
      if (next !== null) {
        event.preventDefault();
        event.stopPropagation();
        this._config.onThreshold(clamp(next));
      }
    });
    this.setThreshold(threshold);
  }

  private _drawHoverTarget(width: number): void {
    const target = this._root
      .insert('rect', '.jp-chexmask-kept')
      .attr('class', `jp-chexmask-${this._config.prefix}-hover`)
      .attr('x', MARGIN.left)
      .attr('y', this._plotTop)
      .attr('width', width - MARGIN.left - MARGIN.right)
      .attr('height', this._plotBottom - this._plotTop);
    target
      .on('pointermove', (event: PointerEvent) => {
        const [px] = pointer(event, this.node);
        const [left, right] = this._x.range();
        const share = (px - left) / (right - left);
        const bin =
          share < 0 || share > 1
            ? null
            : Math.min(this._bins - 1, Math.floor(share * this._bins));
        this._config.onHover(bin, event);
      })
      .on('pointerleave', (event: PointerEvent) =>
        this._config.onHover(null, event)
      );
  }
}

namespace Private {
  /** One path of bars: a rectangle per non-empty bin, from its base up to base + count. */
  export function barsPath(
    counts: number[],
    base: number[],
    at: (edge: number) => number,
    y: (v: number) => number
  ): string {
    const parts: string[] = [];
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) {
        continue;
      }
      const x0 = at(i);
      const x1 = at(i + 1);
      const y0 = y(base[i]);
      const y1 = y(base[i] + counts[i]);
      parts.push(
        `M${x0.toFixed(2)},${y0.toFixed(2)}V${y1.toFixed(2)}H${x1.toFixed(2)}V${y0.toFixed(2)}Z`
      );
    }
    return parts.join('');
  }
}
