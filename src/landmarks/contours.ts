/**
 * The contour cloud of a many-row landmark plot: a canvas layer holding the
 * density of every visible row's organ rings (see `density.ts`).
 */
import { IDensityGroup, paintContourDensity } from './density';
import { deviceMapping, ICanvasMapping, layerCanvas } from './frame';

/**
 * Up to this many rows the contour canvas is redrawn on every zoom event;
 * beyond, it is scaled by CSS while the gesture lasts and redrawn sharp once
 * it settles (10,000 rows cost a few hundred milliseconds to stroke).
 */
export const LIVE_REDRAW_ROWS = 300;

/** Quiet time after the last zoom event before a sharp redraw, in ms. */
export const REDRAW_DELAY_MS = 150;

/** What the contour canvas rasterises: the rows of the visible groups. */
export interface IContourCloud {
  /** Every row's points in the frame. */
  coords: Float64Array;
  /** The visible groups, with their rows and colours. */
  groups: readonly IDensityGroup[];
  /** Organs shown, in `ORGANS` order. */
  organs: readonly boolean[];
}

/**
 * The many-row contour canvas of the plot area. Rasterising 10,000 rows is
 * too slow for every zoom event, so while a large gesture lasts the last
 * drawing is moved and scaled by CSS, and redrawn sharp once it settles.
 */
export class ContourCanvas {
  /** The canvas, at device resolution, sized by CSS to the plot area. */
  readonly canvas: HTMLCanvasElement;
  private readonly _ctx: CanvasRenderingContext2D;
  /** The mapping the canvas was last drawn with. */
  private _drawnAt: ICanvasMapping;
  private _redrawTimer: number | null = null;

  /**
   * @param _width - The plot area's width in layout pixels.
   * @param _height - The plot area's height in layout pixels.
   * @param _dpr - Canvas pixels per layout pixel.
   * @param mapping - The plot area's mapping now.
   */
  constructor(
    private readonly _width: number,
    private readonly _height: number,
    private readonly _dpr: number,
    mapping: ICanvasMapping
  ) {
    [this.canvas, this._ctx] = layerCanvas(
      'jp-chexmask-lm-contours',
      _width,
      _height,
      _dpr
    );
    this._drawnAt = mapping;
  }

  /**
   * Clear the canvas and rasterise `cloud` at `mapping`, or leave it empty
   * for `null` (contours hidden).
   *
   * @returns The milliseconds spent rasterising, or `null` when hidden.
   */
  draw(mapping: ICanvasMapping, cloud: IContourCloud | null): number | null {
    const { canvas, _ctx: ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    this._drawnAt = mapping;
    canvas.style.transform = '';
    if (!cloud) {
      return null;
    }
    const started = performance.now();
    const image = ctx.createImageData(canvas.width, canvas.height);
    paintContourDensity(
      image,
      cloud.coords,
      cloud.groups,
      cloud.organs,
      deviceMapping(mapping, this._dpr)
    );
    ctx.putImageData(image, 0, 0);
    return performance.now() - started;
  }

  /**
   * Follow a zoom: call `redraw` now when the plot has few rows; otherwise
   * move the last drawing with the gesture and call `redraw` once no zoom
   * event came for {@link REDRAW_DELAY_MS}.
   *
   * @param mapping - The plot area's new mapping.
   * @param rows - The plot's row count.
   * @param redraw - Draws the contours at the current mapping.
   */
  follow(mapping: ICanvasMapping, rows: number, redraw: () => void): void {
    if (rows <= LIVE_REDRAW_ROWS) {
      redraw();
      return;
    }
    const was = this._drawnAt;
    const r = mapping.scale / was.scale;
    const tx = mapping.dx - r * was.dx;
    const ty = mapping.dy - r * was.dy;
    this.canvas.style.transform = `translate(${((100 * tx) / this._width).toFixed(4)}%, ${((100 * ty) / this._height).toFixed(4)}%) scale(${r})`;
    this._cancelRedraw();
    this._redrawTimer = window.setTimeout(() => {
      this._redrawTimer = null;
      redraw();
    }, REDRAW_DELAY_MS);
  }

  /** Cancel a pending sharp redraw. */
  dispose(): void {
    this._cancelRedraw();
  }

  private _cancelRedraw(): void {
    if (this._redrawTimer !== null) {
      window.clearTimeout(this._redrawTimer);
      this._redrawTimer = null;
    }
  }
}
