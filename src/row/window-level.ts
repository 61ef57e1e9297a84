/**
 * X-ray windowing as pure pixel work (it runs in the worker, and on the
 * page where there is none): grey values once from the decoded image, then
 * mapped through a 256-entry window/level table on each change (real
 * windowing on the pixel values, not a CSS filter).
 */

/** Window/level of the x-ray: the grey range mapped to black…white. */
export interface IWindowLevel {
  /** Centre of the window, 0–255 (brightness). */
  level: number;
  /** Width of the window, 1–255 (contrast: narrower is stronger). */
  window: number;
}

/** The neutral window: identity mapping. */
export const FULL_WINDOW: IWindowLevel = { level: 127.5, window: 255 };

/** The luminance of RGBA pixels, a byte per pixel (Rec. 601 weights, integer). */
export function greyOf(rgba: Uint8ClampedArray): Uint8ClampedArray {
  const grey = new Uint8ClampedArray(rgba.length >> 2);
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    grey[i] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
  }
  return grey;
}

/**
 * Paint grey values windowed into opaque RGBA pixels.
 *
 * @param grey - A byte per pixel.
 * @param wl - The window and level.
 * @param rgba - The pixels to write, four bytes per grey value.
 */
export function paintWindowed(
  grey: Uint8ClampedArray,
  wl: IWindowLevel,
  rgba: Uint8ClampedArray
): void {
  const table = new Uint8ClampedArray(256);
  const low = wl.level - wl.window / 2;
  for (let v = 0; v < 256; v++) {
    table[v] = ((v - low) / wl.window) * 255;
  }
  const out = new Uint32Array(rgba.buffer, rgba.byteOffset, grey.length);
  for (let i = 0; i < grey.length; i++) {
    const g = table[grey[i]];
    out[i] = (0xff000000 | (g << 16) | (g << 8) | g) >>> 0;
  }
}
