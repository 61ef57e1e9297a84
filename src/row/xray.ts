import { IEmbeddedImage } from './image';

/** Window/level of the x-ray: the grey range mapped to black…white. */
export interface IWindowLevel {
  /** Centre of the window, 0–255 (brightness). */
  level: number;
  /** Width of the window, 1–255 (contrast: narrower is stronger). */
  window: number;
}

/** The neutral window: identity mapping. */
export const FULL_WINDOW: IWindowLevel = { level: 127.5, window: 255 };

/**
 * The chest x-ray under the masks: decoded once from the payload into its
 * grey values, then re-mapped through a 256-entry window/level table on each
 * change (real windowing on the pixel values, not a CSS filter).
 */
export class XrayLayer {
  readonly canvas: HTMLCanvasElement;
  private _grey: Uint8ClampedArray | null = null;
  private _image: ImageData | null = null;

  constructor(private readonly _source: IEmbeddedImage) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'jp-chexmask-xray';
    this.canvas.width = _source.width;
    this.canvas.height = _source.height;
  }

  /** Decode the embedded image. Rejects with a readable error if the browser cannot. */
  async load(): Promise<void> {
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
    const image = context.getImageData(0, 0, width, height);
    // Keep the luminance once; windowing maps it to RGB.
    const grey = new Uint8ClampedArray(width * height);
    const d = image.data;
    for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
      grey[i] = (d[p] * 77 + d[p + 1] * 150 + d[p + 2] * 29) >> 8;
    }
    this._grey = grey;
    this._image = image;
  }

  /** Repaint with a window/level. */
  paint(wl: IWindowLevel): void {
    if (!this._grey || !this._image) {
      return;
    }
    const table = new Uint8ClampedArray(256);
    const low = wl.level - wl.window / 2;
    for (let v = 0; v < 256; v++) {
      table[v] = ((v - low) / wl.window) * 255;
    }
    const grey = this._grey;
    const out = new Uint32Array(this._image.data.buffer);
    for (let i = 0; i < grey.length; i++) {
      const g = table[grey[i]];
      out[i] = (0xff000000 | (g << 16) | (g << 8) | g) >>> 0;
    }
    this.canvas.getContext('2d')!.putImageData(this._image, 0, 0);
  }
}
