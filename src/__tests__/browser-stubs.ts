/**
 * Test helper: the few browser APIs the views use that jsdom does not have,
 * stubbed honestly so the views' real paint code runs in jest.
 *
 * - `HTMLCanvasElement.prototype.getContext('2d')` returns a
 *   {@link RecordingContext2D}: every call is recorded, and the pixel API
 *   (`createImageData`, `getImageData`, `putImageData`) works on real
 *   `Uint8ClampedArray` buffers, so painters really write their pixels.
 *   Nothing is rasterised: paths, text and `drawImage` are only recorded.
 * - `ImageData`, `ResizeObserver` (never fires: jsdom has no layout) and
 *   `createImageBitmap` (decodes nothing, but rejects what is not a whole
 *   PNG or JPEG file, as a browser would fail to decode it).
 *
 * - `DragEvent`, which `@lumino/dragdrop` subclasses when it is imported:
 *   defined as soon as this module loads, so import it before Lumino.
 *
 * Deliberately not stubbed: `IntersectionObserver` and `Worker` (the views
 * then paint at once on the main thread, which is what these tests check).
 */

if (typeof window !== 'undefined' && typeof DragEvent === 'undefined') {
  // Only subclassed by Lumino; jsdom never dispatches drags.
  (globalThis as unknown as Record<string, unknown>).DragEvent = class extends (
    MouseEvent
  ) {
    readonly dataTransfer: DataTransfer | null = null;
  };
}

/** One recorded call of the 2D context. */
export interface IRecordedCall {
  name: string;
  args: unknown[];
}

/** The largest canvas a browser allocates (Chrome: 16384² pixels). */
export const MAX_CANVAS_AREA = 268_435_456;

/**
 * `ImageData` as the browser has it: RGBA bytes of a `width × height` area.
 * Refuses a zero or non-integer size with the browser's `IndexSizeError`.
 */
export class StubImageData {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly colorSpace = 'srgb';

  constructor(
    dataOrWidth: Uint8ClampedArray | number,
    widthOrHeight: number,
    height?: number
  ) {
    if (typeof dataOrWidth === 'number') {
      this.width = checkSize(dataOrWidth);
      this.height = checkSize(widthOrHeight);
      if (this.width * this.height > MAX_CANVAS_AREA) {
        // What Chrome throws when it cannot allocate the pixels.
        throw new RangeError('Out of memory at ImageData creation');
      }
      this.data = new Uint8ClampedArray(this.width * this.height * 4);
    } else {
      this.width = checkSize(widthOrHeight);
      this.height = checkSize(height ?? dataOrWidth.length / 4 / this.width);
      if (dataOrWidth.length !== this.width * this.height * 4) {
        throw new DOMException('data length mismatch', 'IndexSizeError');
      }
      this.data = dataOrWidth;
    }
  }
}

function checkSize(value: number): number {
  const n = Math.trunc(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new DOMException(
      `The source width or height is ${value}.`,
      'IndexSizeError'
    );
  }
  return n;
}

/**
 * A 2D context that records every call and keeps real pixel buffers. Any
 * method the class does not define is a recorded no-op (through a Proxy), so
 * a view calling `arc`, `setLineDash`, `fillText`, … runs to the end.
 */
export class RecordingContext2D {
  readonly calls: IRecordedCall[] = [];
  private _pixels: StubImageData | null = null;

  constructor(readonly canvas: HTMLCanvasElement) {}

  createImageData(
    widthOrImage: number | StubImageData,
    height?: number
  ): StubImageData {
    this._record('createImageData', [widthOrImage, height]);
    return typeof widthOrImage === 'number'
      ? new StubImageData(widthOrImage, height ?? 0)
      : new StubImageData(widthOrImage.width, widthOrImage.height);
  }

  getImageData(x: number, y: number, w: number, h: number): StubImageData {
    this._record('getImageData', [x, y, w, h]);
    const out = new StubImageData(w, h);
    const pixels = this._backing();
    for (let row = 0; row < h; row++) {
      const sy = y + row;
      if (sy < 0 || sy >= pixels.height) {
        continue;
      }
      for (let col = 0; col < w; col++) {
        const sx = x + col;
        if (sx >= 0 && sx < pixels.width) {
          const from = (sy * pixels.width + sx) * 4;
          out.data.set(
            pixels.data.subarray(from, from + 4),
            (row * w + col) * 4
          );
        }
      }
    }
    return out;
  }

  putImageData(image: StubImageData, dx: number, dy: number): void {
    this._record('putImageData', [image, dx, dy]);
    if (!(image instanceof StubImageData)) {
      // The browser's TypeError for a non-ImageData argument.
      throw new TypeError(
        "Failed to execute 'putImageData': parameter 1 is not of type 'ImageData'."
      );
    }
    const pixels = this._backing();
    if (dx === 0 && dy === 0 && image.width === pixels.width) {
      pixels.data.set(
        image.data.subarray(0, Math.min(image.data.length, pixels.data.length))
      );
      return;
    }
    for (let row = 0; row < image.height; row++) {
      const ty = dy + row;
      if (ty < 0 || ty >= pixels.height) {
        continue;
      }
      for (let col = 0; col < image.width; col++) {
        const tx = dx + col;
        if (tx >= 0 && tx < pixels.width) {
          const from = (row * image.width + col) * 4;
          pixels.data.set(
            image.data.subarray(from, from + 4),
            (ty * pixels.width + tx) * 4
          );
        }
      }
    }
  }

  measureText(text: string): { width: number } {
    this._record('measureText', [text]);
    return { width: 6 * String(text).length };
  }

  getLineDash(): number[] {
    return [];
  }

  isPointInPath(): boolean {
    return false;
  }

  /** The pixels last put, at the canvas's size (allocated on first use). */
  private _backing(): StubImageData {
    const { width, height } = this.canvas;
    if (
      !this._pixels ||
      this._pixels.width !== width ||
      this._pixels.height !== height
    ) {
      this._pixels = new StubImageData(width || 1, height || 1);
    }
    return this._pixels;
  }

  private _record(name: string, args: unknown[]): void {
    // Bounded: a hostile payload must not make the recorder the bottleneck.
    if (this.calls.length < 10_000) {
      this.calls.push({ name, args });
    }
  }
}

const CONTEXTS = new WeakMap<HTMLCanvasElement, RecordingContext2D>();

/** The recording context of a canvas, or `undefined` if never asked for. */
export function contextOf(
  canvas: HTMLCanvasElement
): RecordingContext2D | undefined {
  return CONTEXTS.get(canvas);
}

function recordingContext(canvas: HTMLCanvasElement): RecordingContext2D {
  const target = new RecordingContext2D(canvas);
  const proxy = new Proxy(target, {
    get(object, key, receiver) {
      if (key in object) {
        const value = Reflect.get(object, key, receiver);
        return typeof value === 'function' ? value.bind(object) : value;
      }
      if (typeof key === 'symbol') {
        return undefined;
      }
      // An unknown method: record it and do nothing, as a canvas that is
      // never looked at would.
      return (...args: unknown[]) => {
        if (object.calls.length < 10_000) {
          object.calls.push({ name: key, args });
        }
      };
    },
    set(object, key, value) {
      // Style properties (fillStyle, lineWidth, …) are kept as set.
      (object as unknown as Record<string | symbol, unknown>)[key] = value;
      return true;
    }
  });
  return proxy;
}

/**
 * Whether a browser could decode the bytes, roughly: a PNG or JPEG by its
 * signature that is also complete (a PNG ends with its IEND chunk, a JPEG
 * with its EOI marker). Nothing is decoded.
 */
function isDecodable(bytes: Uint8Array): boolean {
  const n = bytes.length;
  const png = [0x89, 0x50, 0x4e, 0x47].every((b, i) => bytes[i] === b);
  if (png) {
    const tail = String.fromCharCode(...bytes.subarray(n - 8, n - 4));
    return tail === 'IEND';
  }
  const jpeg = [0xff, 0xd8, 0xff].every((b, i) => bytes[i] === b);
  return jpeg && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
}

function readBlob(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

let installed = false;

/** Install the stubs into the jsdom window (once per test file). */
export function installBrowserStubs(): void {
  if (installed) {
    return;
  }
  installed = true;
  if (typeof window === 'undefined') {
    throw new Error(
      'installBrowserStubs needs the jsdom environment (@jest-environment jsdom)'
    );
  }
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value(this: HTMLCanvasElement, kind: string) {
      if (kind !== '2d') {
        return null;
      }
      let context = CONTEXTS.get(this);
      if (!context) {
        context = recordingContext(this);
        CONTEXTS.set(this, context);
      }
      return context;
    }
  });
  Object.defineProperty(HTMLCanvasElement.prototype, 'toDataURL', {
    configurable: true,
    value(this: HTMLCanvasElement) {
      // A fixed 1×1 PNG: the bytes are not what the canvas shows.
      return 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    }
  });
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.ImageData ??= StubImageData;
  globals.ResizeObserver ??= class {
    observe(): void {
      // jsdom has no layout: sizes never change, so it never fires.
    }
    unobserve(): void {
      // Nothing observed.
    }
    disconnect(): void {
      // Nothing observed.
    }
  };
  globals.createImageBitmap ??= async (blob: Blob) => {
    const bytes = await readBlob(blob);
    if (!isDecodable(bytes)) {
      throw new DOMException(
        'The source image could not be decoded.',
        'InvalidStateError'
      );
    }
    return { width: 1, height: 1, close: () => undefined };
  };
}
