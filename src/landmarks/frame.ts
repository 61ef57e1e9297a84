/**
 * The plot area of a landmark plot and its axes: the frame → layout-pixel
 * mapping under zoom that every layer of the plot draws with.
 */
import { axisBottom, axisLeft, scaleLinear, select, ZoomTransform } from 'd3';
import { appendAxis, appendAxisLabels, h, IAxisLabels, svg } from '../common';
import { IFrameBox } from './model';
import { ICanvasMapping, mappingAt, plotSize, plotUnit } from './plot-area';

export { deviceMapping, PLOT_SIDE } from './plot-area';
export type { ICanvasMapping } from './plot-area';

/**
 * Canvas pixels per layout pixel of the plot's canvases: the device's,
 * capped at 2 (the canvases are filled pixel by pixel, so their cost grows
 * with the square of the ratio).
 */
export function canvasRatio(): number {
  return Math.min(2, Math.max(1, window.devicePixelRatio || 1));
}

/**
 * A canvas layer of the plot area at device resolution (sized to the area
 * by CSS), and its context.
 *
 * @param width - The plot area's width in layout pixels.
 * @param height - Its height.
 * @param dpr - Canvas pixels per layout pixel.
 */
export function layerCanvas(
  className: string,
  width: number,
  height: number,
  dpr: number
): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = h('canvas', { className });
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  return [canvas, canvas.getContext('2d')!];
}

/** Room around the plot area for the axes, in layout pixels. */
const MARGIN = { top: 10, right: 16, bottom: 42, left: 60 };

/**
 * The figure of a landmark plot: a plot area ("stage") that receives zoom,
 * pan and hover, with d3 axes around it, x to the right and **y down** as in
 * the image. Everything is laid out in fixed layout pixels (the plot area's
 * longer side is {@link PLOT_SIDE}) and the figure scales as a whole with the
 * output's width, so drawing never waits for the page layout.
 *
 * One frame unit is the same length on both axes, so shapes keep their
 * proportions and covariance ellipses their angles.
 */
export class PlotFrame {
  /** The figure: axes and plot area. */
  readonly node: HTMLElement;
  /** The focusable plot area; its layers fill it. */
  readonly stage: HTMLElement;
  /** Width of the plot area in layout pixels. */
  readonly width: number;
  /** Height of the plot area in layout pixels. */
  readonly height: number;
  private readonly _axes: SVGSVGElement;
  private readonly _xAxis: SVGGElement;
  private readonly _yAxis: SVGGElement;
  private readonly _unit: number;
  private _mapping: ICanvasMapping;

  /**
   * @param _bounds - The frame area shown when not zoomed.
   * @param labels - Axis titles.
   * @param label - What the plot shows, for screen readers.
   */
  constructor(
    private readonly _bounds: IFrameBox,
    labels: IAxisLabels,
    label: string
  ) {
    this._unit = plotUnit(_bounds);
    ({ width: this.width, height: this.height } = plotSize(
      _bounds,
      this._unit
    ));
    const figureWidth = MARGIN.left + this.width + MARGIN.right;
    const figureHeight = MARGIN.top + this.height + MARGIN.bottom;
    const percent = (v: number, of: number): string =>
      `${((100 * v) / of).toFixed(4)}%`;

    this._axes = svg('svg', {
      class: 'jp-chexmask-lm-axes',
      viewBox: `0 0 ${figureWidth} ${figureHeight}`,
      'aria-hidden': 'true'
    });
    const axes = select(this._axes);
    axes
      .append('rect')
      .attr('class', 'jp-chexmask-lm-plot-border')
      .attr('x', MARGIN.left)
      .attr('y', MARGIN.top)
      .attr('width', this.width)
      .attr('height', this.height);
    this._xAxis = appendAxis(
      axes,
      'jp-chexmask-lm-axis-x',
      `translate(0,${MARGIN.top + this.height})`
    );
    this._yAxis = appendAxis(
      axes,
      'jp-chexmask-lm-axis-y',
      `translate(${MARGIN.left},0)`
    );
    appendAxisLabels(
      axes,
      labels,
      {
        left: MARGIN.left,
        right: MARGIN.left + this.width,
        top: MARGIN.top,
        bottom: MARGIN.top + this.height
      },
      figureHeight
    );

    this.stage = h('div', {
      className: 'jp-chexmask-lm-stage',
      attrs: {
        tabindex: '0',
        role: 'img',
        'aria-label': label,
        style: [
          `left: ${percent(MARGIN.left, figureWidth)}`,
          `top: ${percent(MARGIN.top, figureHeight)}`,
          `width: ${percent(this.width, figureWidth)}`,
          `height: ${percent(this.height, figureHeight)}`
        ].join('; ')
      }
    });
    this.node = h(
      'div',
      {
        className: 'jp-chexmask-lm-figure',
        attrs: {
          // Fit the output's width and the window's height, keeping the aspect.
          style: `aspect-ratio: ${figureWidth} / ${figureHeight}; max-width: min(100%, ${figureWidth}px, calc(80vh * ${figureWidth} / ${figureHeight}))`
        }
      },
      [this._axes, this.stage]
    );
    this._mapping = this._mappingOf(1, 0, 0);
    this.drawAxes();
  }

  /** Frame to plot-area layout pixels under the current zoom. */
  get mapping(): ICanvasMapping {
    return this._mapping;
  }

  /**
   * Take a zoom transform (in the stage's CSS pixels, as d3-zoom reports it)
   * and redraw the axes.
   *
   * @returns The new frame → layout-pixel mapping.
   */
  setTransform(t: ZoomTransform): ICanvasMapping {
    // The figure may be drawn smaller than its layout size: undo that scale.
    const s = this.stage.clientWidth / this.width || 1;
    this._mapping = this._mappingOf(t.k, t.x / s, t.y / s);
    this.drawAxes();
    return this._mapping;
  }

  /**
   * The frame coordinates under a pointer, from its client position.
   *
   * @returns `[x, y]` in frame units (may lie outside the bounds).
   */
  toFrame(clientX: number, clientY: number): [number, number] {
    const rect = this.stage.getBoundingClientRect();
    const sx = rect.width ? this.width / rect.width : 1;
    const sy = rect.height ? this.height / rect.height : 1;
    const m = this._mapping;
    return [
      ((clientX - rect.left) * sx - m.dx) / m.scale,
      ((clientY - rect.top) * sy - m.dy) / m.scale
    ];
  }

  /** Axes for the part of the frame in view. */
  drawAxes(): void {
    const m = this._mapping;
    const x = scaleLinear()
      .domain([-m.dx / m.scale, (this.width - m.dx) / m.scale])
      .range([MARGIN.left, MARGIN.left + this.width]);
    // y down: the smaller y is at the top of the plot, as in the image.
    const y = scaleLinear()
      .domain([-m.dy / m.scale, (this.height - m.dy) / m.scale])
      .range([MARGIN.top, MARGIN.top + this.height]);
    select(this._xAxis).call(
      axisBottom(x).ticks(Math.max(2, Math.round(this.width / 80)))
    );
    select(this._yAxis).call(
      axisLeft(y).ticks(Math.max(2, Math.round(this.height / 80)))
    );
  }

  private _mappingOf(k: number, tx: number, ty: number): ICanvasMapping {
    return mappingAt(this._bounds, this._unit, k, tx, ty);
  }
}
