import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { escapeAttribute } from './dom';
import { mimeBundle, mimeData } from './model-data';
import { recordSpan } from './timing';
import {
  runInWorker,
  WorkerGoneError,
  workerAvailable
} from '../worker/client';

/** Where a view's static picture goes in the output bundle. */
const PNG = 'image/png';

/**
 * The key of a picture: the payload's fingerprint, what else changes the
 * picture (view state, colours, theme) and its size. Stored with the
 * picture, it says whether the one already in the output is current without
 * encoding a new PNG.
 */
export function pictureKey(
  data: unknown,
  viewKey: string,
  canvas: HTMLCanvasElement
): string {
  // Charts take the theme's colours, so the theme is part of the key.
  const theme = document.body.dataset.jpThemeName ?? '';
  return [
    fingerprint(safeJson(data) ?? ''),
    fingerprint(`${theme}\n${viewKey}`),
    `${canvas.width}x${canvas.height}`
  ].join(':');
}

/** Whether the output already holds the picture of this key. */
export function hasPicture(
  model: IRenderMime.IMimeModel,
  key: string
): boolean {
  const metadata = (model.metadata[PNG] ?? {}) as Record<string, unknown>;
  return Boolean(mimeData(model, PNG)) && metadata.key === key;
}

/**
 * Whether the output holds the kernel's picture: an `image/png` without the
 * key the browser writes with its own.
 */
export function hasKernelPicture(model: IRenderMime.IMimeModel): boolean {
  const metadata = (model.metadata[PNG] ?? {}) as Record<string, unknown>;
  return Boolean(mimeData(model, PNG)) && metadata.key === undefined;
}

/** A view's picture, encoded, with what goes beside it in the output. */
export interface IPicture {
  /** Base64 PNG, no `data:` prefix. */
  readonly png: string;
  readonly alt: string;
  /** See {@link pictureKey}. */
  readonly key: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Write a picture into the output bundle, keeping every other key: as
 * `image/png` with its alt text, key and size in the metadata, and as an
 * `<img>` with the escaped alt text in `text/html` (exported HTML prefers
 * text/html, and nbconvert's image/png template has no alt).
 */
export function writePicture(
  model: IRenderMime.IMimeModel,
  picture: IPicture
): void {
  const { png, alt, key, width, height } = picture;
  const started = performance.now();
  const metadata = (model.metadata[PNG] ?? {}) as Record<string, unknown>;
  const img = `<img alt="${escapeAttribute(alt)}" src="data:image/png;base64,${png}">`;
  model.setData({
    data: { ...mimeBundle(model), [PNG]: png, 'text/html': img },
    metadata: {
      ...model.metadata,
      [PNG]: { ...metadata, alt, key, width, height }
    }
  });
  recordSpan('chexmask:write-picture', started);
}

/** A canvas as a PNG blob, encoded off the main thread where `toBlob` is. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      blob =>
        blob ? resolve(blob) : reject(new Error('could not encode a PNG')),
      'image/png'
    )
  );
}

/**
 * A canvas as base64 PNG (no `data:` prefix). Encoded in the shared worker
 * where there is one (Chrome encodes `toBlob` PNGs on the main thread, in
 * idle slices that still add up to long tasks at 1024²): the page copies the
 * pixels into a bitmap and hands it over; else with `toBlob` here.
 */
export async function canvasPngBase64(
  canvas: HTMLCanvasElement
): Promise<string> {
  if (workerAvailable()) {
    try {
      const bitmap = await createImageBitmap(canvas);
      return await runInWorker('png', { bitmap }, [bitmap]);
    } catch (error) {
      if (!(error instanceof WorkerGoneError)) {
        throw error;
      }
    }
  }
  const blob = await canvasPng(canvas);
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return url.replace(/^data:image\/png;base64,/, '');
}

/**
 * JSON of a payload, or `null` when it has none: JSON.stringify throws on
 * nesting deeper than the stack (a hostile payload can be 10⁵ levels deep)
 * and returns undefined for undefined.
 */
export function safeJson(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

/** A 32-bit FNV-1a hash of a string, in hex, with its length: cheap, and enough to tell versions apart. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}
