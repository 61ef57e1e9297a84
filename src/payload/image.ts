import { ChexmaskFormatError, describeType } from '../core';

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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Check an embedded image: a PNG or JPEG by its magic bytes (not just its
 * declared type), valid base64, sensible size.
 *
 * @throws ChexmaskFormatError naming `image` (or its sub-field).
 */
export function parseEmbeddedImage(value: unknown): IEmbeddedImage {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChexmaskFormatError(
      'image',
      `must be an object, got ${describeType(value)}`
    );
  }
  const image = value as Record<string, unknown>;
  const { mimeType, data, width, height } = image;
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
  if (
    (mimeType === 'image/png' && !isPng) ||
    (mimeType === 'image/jpeg' && !isJpeg)
  ) {
    throw new ChexmaskFormatError(
      'image.data',
      `is not a real ${mimeType === 'image/png' ? 'PNG' : 'JPEG'} file`
    );
  }
  for (const [name, side] of [
    ['image.width', width],
    ['image.height', height]
  ] as const) {
    if (
      typeof side !== 'number' ||
      !Number.isInteger(side) ||
      side < 1 ||
      side > 16384
    ) {
      throw new ChexmaskFormatError(
        name,
        `must be a whole number of pixels from 1 to 16384, got ${String(side)}`
      );
    }
  }
  return { mimeType, data, width: width as number, height: height as number };
}
