// Ported from OpenCV (https://github.com/opencv/opencv), file
// modules/imgproc/src/drawing.cpp: clipLine, LineIterator (its init, with
// leftToRight = true) and the 8-connected Line drawn with it, translated from
// C++ to TypeScript and changed by the jupyterlab-chexmask contributors
// (0/1 masks, 8-connected only). OpenCV is licensed under the Apache License,
// Version 2.0; its copyright notice, the licence text and the changes made
// are in THIRD-PARTY-NOTICES.md.

/**
 * OpenCV's integer line primitives, bit for bit: `clipLine` (Cohen–Sutherland
 * against the image, truncating towards zero) and the 8-connected `Line`
 * drawn by `LineIterator(leftToRight = true)`. The polygon fill draws every
 * edge with them before filling its scanlines.
 */

/** Result of {@link clipLine}: the end points after clipping, and whether any part is inside. */
export interface IClippedLine {
  inside: boolean;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * OpenCV's `clipLine` (Cohen–Sutherland against `[0, width-1] × [0, height-1]`,
 * truncating towards zero). Like OpenCV it may move end points even when the
 * line turns out to be outside.
 */
export function clipLine(
  width: number,
  height: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number
): IClippedLine {
  const right = width - 1;
  const bottom = height - 1;
  let c1 = outCode(x1, y1, right, bottom);
  let c2 = outCode(x2, y2, right, bottom);
  if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
    let a: number;
    if (c1 & 12) {
      a = c1 < 8 ? 0 : bottom;
      x1 += Math.trunc(((a - y1) * (x2 - x1)) / (y2 - y1));
      y1 = a;
      c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0);
    }
    if (c2 & 12) {
      a = c2 < 8 ? 0 : bottom;
      x2 += Math.trunc(((a - y2) * (x2 - x1)) / (y2 - y1));
      y2 = a;
      c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0);
    }
    if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
      if (c1) {
        a = c1 === 1 ? 0 : right;
        y1 += Math.trunc(((a - x1) * (y2 - y1)) / (x2 - x1));
        x1 = a;
        c1 = 0;
      }
      if (c2) {
        a = c2 === 1 ? 0 : right;
        y2 += Math.trunc(((a - x2) * (y2 - y1)) / (x2 - x1));
        x2 = a;
        c2 = 0;
      }
    }
  }
  return { inside: (c1 | c2) === 0, x0: x1, y0: y1, x1: x2, y1: y2 };
}

function outCode(x: number, y: number, right: number, bottom: number): number {
  return (
    (x < 0 ? 1 : 0) +
    (x > right ? 2 : 0) +
    (y < 0 ? 4 : 0) +
    (y > bottom ? 8 : 0)
  );
}

/**
 * OpenCV's 8-connected `Line` through `LineIterator(leftToRight = true)`:
 * clipped to the image first, then Bresenham from the left end point.
 */
export function drawLine8(
  mask: Uint8Array,
  height: number,
  width: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number
): void {
  if (leavesImage(width, height, x0, y0, x1, y1)) {
    const clipped = clipLine(width, height, x0, y0, x1, y1);
    if (!clipped.inside) {
      return;
    }
    x0 = clipped.x0;
    y0 = clipped.y0;
    x1 = clipped.x1;
    y1 = clipped.y1;
  }
  let dx = x1 - x0;
  let dy = y1 - y0;
  if (dx < 0) {
    dx = -dx;
    dy = -dy;
    x0 = x1;
    y0 = y1;
  }
  let stepY = width;
  if (dy < 0) {
    dy = -dy;
    stepY = -width;
  }
  // Major axis steps every pixel; the minor one when the error goes negative.
  const vertical = dy > dx;
  let major: number;
  let minor: number;
  if (vertical) {
    const t = dx;
    dx = dy;
    dy = t;
    major = stepY;
    minor = 1;
  } else {
    major = 1;
    minor = stepY;
  }
  let err = dx - (dy + dy);
  const plusDelta = dx + dx;
  const minusDelta = -(dy + dy);
  let p = y0 * width + x0;
  for (let i = 0; i <= dx; i++) {
    mask[p] = 1;
    if (err < 0) {
      err += minusDelta + plusDelta;
      p += major + minor;
    } else {
      err += minusDelta;
      p += major;
    }
  }
}

/** Whether either end point lies outside the image (OpenCV's unsigned test before clipping). */
export function leavesImage(
  width: number,
  height: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number
): boolean {
  return (
    x0 < 0 ||
    x0 >= width ||
    x1 < 0 ||
    x1 >= width ||
    y0 < 0 ||
    y0 >= height ||
    y1 < 0 ||
    y1 >= height
  );
}
