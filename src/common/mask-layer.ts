/**
 * The canvas of a view's masks (or any picture made of runs), painted in the
 * shared worker where there is one (the page only draws the finished bitmap,
 * a copy), else on this thread by the same painter. Style changes while the worker paints are coalesced
 * (see {@link LatestOnly}); a worker that fails mid-way hands over to this
 * thread without the user noticing more than a slower paint.
 */
import { OrganKey } from '../core';
import { runInWorker, WorkerGoneError } from '../worker/client';
import { giveCanvas, POOLED_CONTEXT, takeCanvas } from './canvas-pool';
import { LatestOnly } from './latest-only';
import { IMaskStyle, MaskPainter } from './mask-painter';
import { scratchImage } from './scratch-image';

/** A fresh key for runs the worker may keep a painter of. */
export function runsKey(): number {
  return ++Private.counter.lastKey;
}

/** Draw a bitmap over a canvas's whole content, then let the bitmap go. */
export function drawBitmap(
  context: CanvasRenderingContext2D,
  bitmap: ImageBitmap
): void {
  // "copy": the canvas takes the bitmap's pixels exactly, whatever was there.
  context.globalCompositeOperation = 'copy';
  context.drawImage(bitmap, 0, 0);
  context.globalCompositeOperation = 'source-over';
  bitmap.close();
}

/** Paints a style into RGBA pixels of the layer's size (on this thread). */
export interface IPixelPainter<S> {
  paint(pixels: Uint8ClampedArray, style: S): void;
}

/** What a painted layer is made of. */
export interface IPaintedLayerOptions<S> {
  height: number;
  width: number;
  /** CSS class of the canvas. */
  className: string;
  /** Paint a style in the worker, or `null` to paint on this thread. */
  inWorker: ((style: S) => Promise<ImageBitmap>) | null;
  /** The painter of this thread, made on first use (no worker, or it failed). */
  painter: () => IPixelPainter<S>;
  /** Told when worker paints start and when the last one is drawn. */
  onBusy?: (busy: boolean) => void;
}

/**
 * A canvas painted in a style by a painter (see the module's comment): the
 * organ masks ({@link MaskLayer}), or any other picture made of runs, such as
 * the compare view's agreement map.
 */
export class PaintedLayer<S> {
  readonly canvas: HTMLCanvasElement;
  private readonly _context: CanvasRenderingContext2D;
  private _painter: IPixelPainter<S> | null = null;
  private _inWorker: ((style: S) => Promise<ImageBitmap>) | null;
  private readonly _paints: LatestOnly<S>;
  /** The canvas holds another view's pixels until painted over. */
  private _stale: boolean;
  private _disposed = false;

  constructor(private readonly _layer: IPaintedLayerOptions<S>) {
    // A canvas a view scrolled away let go, when there is one of this size
    // (see `canvas-pool`): a scroll's paints then allocate no pixels.
    const { canvas, stale } = takeCanvas(_layer.width, _layer.height);
    this.canvas = canvas;
    this.canvas.className = _layer.className;
    this._stale = stale;
    // In memory (see `POOLED_CONTEXT`): it takes the worker's bitmaps (made
    // in memory too) by a plain copy, and is read back (pictures, tests)
    // without a GPU readback.
    this._context = this.canvas.getContext('2d', POOLED_CONTEXT)!;
    this._inWorker = _layer.inWorker;
    this._paints = new LatestOnly(
      style => this._paintInWorker(style),
      _layer.onBusy
    );
  }

  /** Whether paints go to the worker. */
  get inWorker(): boolean {
    return this._inWorker !== null;
  }

  /** Show a bitmap the worker already painted (the first paint, with the decode). */
  show(bitmap: ImageBitmap): void {
    if (this._disposed) {
      // The canvas may be another view's by now.
      bitmap.close();
      return;
    }
    drawBitmap(this._context, bitmap);
    this._stale = false;
  }

  /** Paint in a style: at once here, or soon by the worker. */
  paint(style: S): void {
    if (this._inWorker === null) {
      this._paintHere(style);
    } else {
      if (this._stale) {
        // Not another view's pixels while the worker paints.
        this._context.clearRect(0, 0, this._layer.width, this._layer.height);
        this._stale = false;
      }
      this._paints.request(style);
    }
  }

  /**
   * Stop: paints still in flight are not drawn, and the canvas goes back to
   * the pool, for the next view of its size.
   */
  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._paints.dispose();
    giveCanvas(this.canvas);
  }

  private async _paintInWorker(style: S): Promise<void> {
    const paint = this._inWorker;
    if (paint === null) {
      return;
    }
    try {
      this.show(await paint(style));
    } catch (error) {
      if (!(error instanceof WorkerGoneError)) {
        throw error;
      }
      this._inWorker = null;
      this._paintHere(style);
    }
  }

  private _paintHere(style: S): void {
    if (this._disposed) {
      return;
    }
    const { height, width } = this._layer;
    this._painter ??= this._layer.painter();
    const pixels = scratchImage(this._context, width, height);
    this._painter.paint(pixels.data, style);
    this._context.putImageData(pixels, 0, 0);
    this._stale = false;
  }
}

/** What a mask layer paints. */
export interface IMaskLayerOptions {
  runs: Record<OrganKey, Int32Array>;
  height: number;
  width: number;
  /** The runs' key in the worker, or `null` to paint on this thread. */
  key: number | null;
  /** CSS class of the canvas. */
  className: string;
  /** Told when worker paints start and when the last one is drawn. */
  onBusy?: (busy: boolean) => void;
}

/** The organ masks' canvas (see the module's comment). */
export class MaskLayer extends PaintedLayer<IMaskStyle> {
  constructor(options: IMaskLayerOptions) {
    const { runs, height, width, key } = options;
    super({
      height,
      width,
      className: options.className,
      onBusy: options.onBusy,
      inWorker:
        key === null
          ? null
          : style => runInWorker('masks', { key, runs, height, width, style }),
      painter: () => new MaskPainter(runs, height, width)
    });
  }
}

namespace Private {
  export const counter = { lastKey: 0 };
}
