import { drawBitmap, LatestOnly } from '../common';
import {
  runInWorker,
  WorkerGoneError,
  workerAvailable
} from '../worker/client';
import { IEmbeddedImage } from './image';
import { greyOf, IWindowLevel, paintWindowed } from './window-level';

export { FULL_WINDOW } from './window-level';
export type { IWindowLevel } from './window-level';

/**
 * The chest x-ray under the masks: decoded once into its grey values, then
 * re-mapped through a window/level table on each change (see
 * `window-level.ts`). Both happen in the shared worker where there is one:
 * the grey buffer travels there and back by transfer with each change, and
 * the page only draws the finished bitmap. Without a worker, on this thread.
 */
export class XrayLayer {
  readonly canvas: HTMLCanvasElement;
  private _grey: Uint8ClampedArray | null = null;
  private _image: ImageData | null = null;
  private _inWorker = workerAvailable();
  private readonly _paints: LatestOnly<IWindowLevel>;

  /**
   * @param _source - The embedded image.
   * @param onBusy - Told when worker paints start and when the last is drawn.
   */
  constructor(
    private readonly _source: IEmbeddedImage,
    onBusy?: (busy: boolean) => void
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'jp-chexmask-xray';
    this.canvas.width = _source.width;
    this.canvas.height = _source.height;
    this._paints = new LatestOnly(wl => this._paintInWorker(wl), onBusy);
  }

  /**
   * Decode the embedded image and paint it with a window/level. Rejects
   * with a readable error if the browser cannot decode it.
   */
  async load(wl: IWindowLevel): Promise<void> {
    if (this._inWorker) {
      try {
        const { mimeType, data, width, height } = this._source;
        const { grey, bitmap } = await runInWorker('xray', {
          mimeType,
          data,
          width,
          height,
          windowLevel: wl
        });
        this._grey = grey;
        drawBitmap(this.canvas.getContext('2d')!, bitmap);
        return;
      } catch (error) {
        if (!(error instanceof WorkerGoneError)) {
          throw error;
        }
        this._inWorker = false;
      }
    }
    await this._loadHere();
    this.paint(wl);
  }

  /** Repaint with a window/level (once loaded). */
  paint(wl: IWindowLevel): void {
    if (!this._grey) {
      return;
    }
    if (this._inWorker) {
      this._paints.request(wl);
      return;
    }
    this._image ??= this.canvas
      .getContext('2d')!
      .createImageData(this.canvas.width, this.canvas.height);
    paintWindowed(this._grey, wl, this._image.data);
    this.canvas.getContext('2d')!.putImageData(this._image, 0, 0);
  }

  /** Stop: paints in flight are not drawn. */
  dispose(): void {
    this._paints.dispose();
  }

  private async _paintInWorker(wl: IWindowLevel): Promise<void> {
    const grey = this._grey;
    if (!grey) {
      return;
    }
    const { width, height } = this.canvas;
    // The buffer is the worker's until it comes back.
    this._grey = null;
    try {
      const answer = await runInWorker(
        'window',
        { grey, width, height, windowLevel: wl },
        [grey.buffer]
      );
      this._grey = answer.grey;
      drawBitmap(this.canvas.getContext('2d')!, answer.bitmap);
    } catch (error) {
      if (error instanceof WorkerGoneError) {
        // The grey values went with the worker: decode again here.
        this._inWorker = false;
        await this._loadHere();
        this.paint(wl);
        return;
      }
      this._grey = grey.buffer.byteLength ? grey : null;
      throw error;
    }
  }

  /** Decode on this thread: the browser decodes, the luminance is kept. */
  private async _loadHere(): Promise<void> {
    const bytes = Uint8Array.from(atob(this._source.data), c =>
      c.charCodeAt(0)
    );
    const bitmap = await createImageBitmap(
      new Blob([bytes], { type: this._source.mimeType })
    );
    const { width, height } = this.canvas;
    const context = this.canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    this._grey = greyOf(context.getImageData(0, 0, width, height).data);
  }
}
