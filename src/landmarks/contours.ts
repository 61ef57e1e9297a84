/**
 * The contour cloud of a many-row landmark plot: a canvas layer holding the
 * density of every visible row's organ rings (see `density.ts`).
 */
import { drawBitmap, LatestOnly } from '../common';
import { runInWorker, WorkerGoneError } from '../worker/client';
import { IDensityGroup, paintContourDensity } from './density';
import { deviceMapping, ICanvasMapping, layerCanvas } from './frame';
import type { IFirstContours } from './off-thread-task';

/**
 * Up to this many rows the contour canvas is redrawn on every zoom event;
 * beyond, it is scaled by CSS while the gesture lasts and redrawn sharp once
 * it settles (10,000 rows cost a few hundred milliseconds to stroke).
 */
export const LIVE_REDRAW_ROWS = 300;

/** Quiet time after the last zoom event before a sharp redraw, in ms. */
export const REDRAW_DELAY_MS = 150;

/** Whether two mappings are the same (drawn at one is drawn at the other). */
function sameMapping(a: ICanvasMapping, b: ICanvasMapping): boolean {
  return a.scale === b.scale && a.dx === b.dx && a.dy === b.dy;
}

/** What the contour canvas rasterises: the rows of the visible groups. */
export interface IContourCloud {
  /** Every row's points in the frame. */
  coords: Float64Array;
  /** The visible groups, with their rows and colours. */
  groups: readonly IDensityGroup[];
  /** Organs shown, in `ORGANS` order. */
  organs: readonly boolean[];
}

/** A draw for the worker: where, and what. */
interface IWorkerDraw {
  mapping: ICanvasMapping;
  cloud: IContourCloud;
  /** Whether the cloud is the plot's first: every group and organ shown. */
  initial: boolean;
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
  /** Waiting for the worker's draws to be done. */
  private readonly _idle: Array<() => void> = [];
  /** Draws in the worker, the latest only, when the plot was laid out there. */
  private readonly _draws: LatestOnly<IWorkerDraw>;
  /** The first contours the worker draws unasked, until the first draw takes (or drops) them. */
  private _first: Promise<IFirstContours | null> | null;

  /**
   * @param _width - The plot area's width in layout pixels.
   * @param _height - The plot area's height in layout pixels.
   * @param _dpr - Canvas pixels per layout pixel.
   * @param mapping - The plot area's mapping now.
   * @param _worker - The plot's session in the worker, which holds its
   *   coordinates and rasterises there; `null` to draw on this thread.
   * @param onDrawn - Told how long each worker draw took, once drawn.
   * @param first - The first contours the worker is drawing unasked (see
   *   the `firstDensity` task): the first draw shows them when they are what
   *   it asks for, instead of asking.
   */
  constructor(
    private readonly _width: number,
    private readonly _height: number,
    private readonly _dpr: number,
    mapping: ICanvasMapping,
    private _worker: number | null = null,
    onDrawn: (ms: number) => void = () => undefined,
    first: Promise<IFirstContours | null> | null = null
  ) {
    this._first = first;
    [this.canvas, this._ctx] = layerCanvas(
      'jp-chexmask-lm-contours',
      _width,
      _height,
      _dpr
    );
    this._drawnAt = mapping;
    this._draws = new LatestOnly(
      draw => this._drawInWorker(draw, onDrawn),
      busy => {
        if (!busy) {
          this._idle.splice(0).forEach(resolve => resolve());
        }
      }
    );
  }

  /** Settles once no worker draw is pending (at once when none is). */
  whenDrawn(): Promise<void> {
    return this._draws.busy
      ? new Promise(resolve => this._idle.push(resolve))
      : Promise.resolve();
  }

  /**
   * Clear the canvas and rasterise `cloud` at `mapping`, or leave it empty
   * for `null` (contours hidden).
   *
   * @param initial - Whether `cloud` is every group and organ (the plot's
   *   first cloud, which the worker may have drawn already).
   * @returns The milliseconds spent rasterising, or `null` when hidden or
   *   drawn by the worker (then told to `onDrawn`).
   */
  draw(
    mapping: ICanvasMapping,
    cloud: IContourCloud | null,
    initial = false
  ): number | null {
    if (cloud && this._worker !== null) {
      this._draws.request({ mapping, cloud, initial });
      return null;
    }
    this._dropFirst();
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

  /** Cancel a pending sharp redraw; worker draws in flight are not shown. */
  dispose(): void {
    this._dropFirst();
    this._cancelRedraw();
    this._draws.dispose();
    this._idle.splice(0).forEach(resolve => resolve());
  }

  /**
   * Rasterise in the worker, sending the coordinates only if the worker let
   * the plot's go; fall back to this thread when the worker is gone.
   */
  private async _drawInWorker(
    { mapping, cloud, initial }: IWorkerDraw,
    onDrawn: (ms: number) => void
  ): Promise<void> {
    const session = this._worker;
    if (session === null) {
      this.draw(mapping, cloud);
      return;
    }
    const started = performance.now();
    const { canvas } = this;
    const first = this._first;
    this._first = null;
    if (first) {
      const contours = await first;
      if (
        contours &&
        initial &&
        contours.width === canvas.width &&
        contours.height === canvas.height &&
        sameMapping(contours.mapping, mapping)
      ) {
        this._show(mapping, contours.bitmap);
        onDrawn(performance.now() - started);
        return;
      }
      contours?.bitmap.close();
    }
    const ask = (coords: Float64Array | null) =>
      runInWorker('landmarks', {
        op: 'density',
        session,
        coords,
        groups: cloud.groups.map(g => ({ rows: g.rows, color: g.color })),
        organs: [...cloud.organs],
        mapping: deviceMapping(mapping, this._dpr),
        width: canvas.width,
        height: canvas.height
      });
    try {
      let answer = await ask(null);
      if (answer && 'missing' in answer) {
        answer = await ask(cloud.coords);
      }
      if (answer && 'bitmap' in answer) {
        this._show(mapping, answer.bitmap);
        onDrawn(performance.now() - started);
      }
    } catch (error) {
      if (!(error instanceof WorkerGoneError)) {
        throw error;
      }
      this._worker = null;
      const ms = this.draw(mapping, cloud);
      if (ms !== null) {
        onDrawn(ms);
      }
    }
  }

  /** Put the worker's drawing at `mapping` on the canvas. */
  private _show(mapping: ICanvasMapping, bitmap: ImageBitmap): void {
    this._drawnAt = mapping;
    this.canvas.style.transform = '';
    this._ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawBitmap(this._ctx, bitmap);
  }

  /** Let the unasked first contours go (drawn here, or the plot is gone). */
  private _dropFirst(): void {
    void this._first?.then(contours => contours?.bitmap.close());
    this._first = null;
  }

  private _cancelRedraw(): void {
    if (this._redrawTimer !== null) {
      window.clearTimeout(this._redrawTimer);
      this._redrawTimer = null;
    }
  }
}
