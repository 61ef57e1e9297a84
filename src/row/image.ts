import { ChexmaskFormatError, describeValue } from '../core';
import { expectObject, isWholeNumber } from '../common/payload';

/** An x-ray embedded in a payload. */
export interface IEmbeddedImage {
  /** `image/png` or `image/jpeg`. */
  mimeType: 'image/png' | 'image/jpeg';
  /** Base64 of the file, no `data:` prefix. */
  data: string;
  /** Pixel width, as the kernel encoded it. */
  width: number;
  /** Pixel height, as the kernel encoded it. */
  height: number;
}

/** The largest embedded image accepted, in base64 characters (about 48 MB of file). */
export const MAX_IMAGE_BASE64 = 64 * 1024 * 1024;

/** The largest embedded image side, in pixels (16384² is a browser's largest canvas). */
export const MAX_IMAGE_SIDE = 16384;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Check an embedded image: a PNG or JPEG by its magic bytes (not just its
 * declared type), valid base64, sensible size.
 *
 * @throws ChexmaskFormatError naming `image` (or its sub-field).
 */
export function parseEmbeddedImage(value: unknown): IEmbeddedImage {
  const { mimeType, data, width, height } = expectObject(value, 'image');
  if (mimeType !== 'image/png' && mimeType !== 'image/jpeg') {
    throw new ChexmaskFormatError(
      'image.mimeType',
      'must be "image/png" or "image/jpeg"'
    );
  }
  if (typeof data !== 'string' || data.length === 0) {
    throw new ChexmaskFormatError('image.data', 'must be a base64 string');
  }
  if (data.length > MAX_IMAGE_BASE64) {
    throw new ChexmaskFormatError(
      'image.data',
      `is ${data.length} characters, above the limit of ${MAX_IMAGE_BASE64}`
    );
  }
  if (data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new ChexmaskFormatError('image.data', 'is not valid base64');
  }
  const head = atob(data.slice(0, 16));
  const bytes = Array.from(head, c => c.charCodeAt(0));
  const isPng = bytes[0] === 0x89 && head.slice(1, 4) === 'PNG';
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const kind = mimeType === 'image/png' ? 'PNG' : 'JPEG';
  if ((kind === 'PNG' && !isPng) || (kind === 'JPEG' && !isJpeg)) {
    throw new ChexmaskFormatError('image.data', `is not a real ${kind} file`);
  }
  for (const [name, side] of [
    ['image.width', width],
    ['image.height', height]
  ] as const) {
    if (!isWholeNumber(side, 1, MAX_IMAGE_SIDE)) {
      throw new ChexmaskFormatError(
        name,
        `must be a whole number of pixels from 1 to ${MAX_IMAGE_SIDE}, got ${describeValue(side)}`
      );
    }
  }
  // The view allocates canvases and pixel buffers of the declared size before
  // the browser decodes anything: a 100-byte 1×1 PNG declared 16384×16384
  // would cost a gigabyte. The kernel writes the file's own size, so any
  // other size is refused.
  const stored =
    kind === 'PNG' ? Private.pngSize(data) : Private.jpegSize(data);
  if (stored === null) {
    throw new ChexmaskFormatError(
      'image.data',
      `is not a real ${kind} file: it has no ${kind === 'PNG' ? 'IHDR' : 'frame'} header`
    );
  }
  if (stored.width !== width || stored.height !== height) {
    throw new ChexmaskFormatError(
      stored.width !== width ? 'image.width' : 'image.height',
      `says ${String(width)}×${String(height)} pixels, but the ${kind} file is ${stored.width}×${stored.height}`
    );
  }
  return { mimeType, data, width: width as number, height: height as number };
}

namespace Private {
  /**
   * `length` bytes of the file at byte `offset`, decoding only the base64
   * that holds them (a JPEG header walk touches a few bytes per segment).
   */
  export function bytesAt(
    data: string,
    offset: number,
    length: number
  ): number[] {
    const from = Math.floor(offset / 3) * 4;
    const to = Math.min(data.length, Math.ceil((offset + length) / 3) * 4);
    if (from >= to) {
      return [];
    }
    const text = atob(data.slice(from, to));
    const skip = offset % 3;
    return Array.from(text.slice(skip, skip + length), c => c.charCodeAt(0));
  }

  /** The size in a PNG's IHDR chunk (it must come first), or `null`. */
  export function pngSize(
    data: string
  ): { width: number; height: number } | null {
    const b = bytesAt(data, 8, 16);
    if (
      b.length < 16 ||
      String.fromCharCode(b[4], b[5], b[6], b[7]) !== 'IHDR'
    ) {
      return null;
    }
    const u32 = (i: number): number =>
      ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    return { width: u32(8), height: u32(12) };
  }

  /** The most JPEG segments walked before the frame header. */
  const MAX_SEGMENTS = 4096;

  /**
   * The size in a JPEG's frame header (SOF0–SOF15 but DHT, JPG and DAC),
   * found by walking the segments from SOI; `null` when the walk ends
   * (start of scan, end of image, or the data) before one.
   */
  export function jpegSize(
    data: string
  ): { width: number; height: number } | null {
    let pos = 2;
    for (let k = 0; k < MAX_SEGMENTS; k++) {
      const [ff, marker] = bytesAt(data, pos, 2);
      if (ff !== 0xff || marker === undefined) {
        return null;
      }
      if (marker === 0xff) {
        pos++; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
        pos += 2; // markers without a length
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) {
        return null;
      }
      const [hi, lo] = bytesAt(data, pos + 2, 2);
      if (lo === undefined) {
        return null;
      }
      const isFrame =
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc;
      if (isFrame) {
        const f = bytesAt(data, pos + 4, 5);
        return f.length < 5
          ? null
          : { height: (f[1] << 8) | f[2], width: (f[3] << 8) | f[4] };
      }
      pos += 2 + ((hi << 8) | lo);
    }
    return null;
  }
}
