/**
 * The canvas of a view's masks, painted in the shared worker where there is
 * one (the page only draws the finished bitmap, a copy), else on this thread
 * by the same painter. Style changes while the worker paints are coalesced
 * (see {@link LatestOnly}); a worker that fails mid-way hands over to this
 * thread without the user noticing more than a slower paint.
 */
import { OrganKey } from '../core';
import { runInWorker, WorkerGoneError } from '../worker/client';
import { h } from './dom';
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

/** The masks' canvas (see the module's comment). */
export class MaskLayer {
  readonly canvas: HTMLCanvasElement;
  private readonly _context: CanvasRenderingContext2D;
  private _painter: MaskPainter | null = null;
  private readonly _paints: LatestOnly<IMaskStyle>;

  constructor(private readonly _options: IMaskLayerOptions) {
    this.canvas = h('canvas', { className: _options.className });
    this.canvas.width = _options.width;
    this.canvas.height = _options.height;
    this._context = this.canvas.getContext('2d')!;
    this._paints = new LatestOnly(
      style => this._paintInWorker(style),
      _options.onBusy
    );
  }

  /** Whether paints go to the worker. */
  get inWorker(): boolean {
    return this._options.key !== null;
  }

  /** Show a bitmap the worker already painted (the first paint, with the decode). */
  show(bitmap: ImageBitmap): void {
    drawBitmap(this._context, bitmap);
  }

  /** Paint in a style: at once here, or soon by the worker. */
  paint(style: IMaskStyle): void {
    if (this._options.key === null) {
      this._paintHere(style);
    } else {
      this._paints.request(style);
    }
  }

  /** Stop: paints still in flight are not drawn. */
  dispose(): void {
    this._paints.dispose();
  }

  private async _paintInWorker(style: IMaskStyle): Promise<void> {
    const { runs, height, width, key } = this._options;
    if (key === null) {
      return;
    }
    try {
      const bitmap = await runInWorker('masks', {
        key,
        runs,
        height,
        width,
        style
      });
      this.show(bitmap);
    } catch (error) {
      if (!(error instanceof WorkerGoneError)) {
        throw error;
      }
      this._options.key = null;
      this._paintHere(style);
    }
  }

  private _paintHere(style: IMaskStyle): void {
    const { runs, height, width } = this._options;
    this._painter ??= new MaskPainter(runs, height, width);
    const pixels = scratchImage(this._context, width, height);
    this._painter.paint(pixels.data, style);
    this._context.putImageData(pixels, 0, 0);
  }
}

namespace Private {
  export const counter = { lastKey: 0 };
}
