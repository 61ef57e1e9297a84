/**
 * The contour density of a many-row landmark plot: thousands of rows'
 * organ rings rasterised as counts per pixel, coloured per group.
 */
import { ORGANS } from '../core';
import { parseColor } from '../common/colors';
import type { ICanvasMapping } from './frame';
import { SHAPE_STRIDE } from './shapes';

/** One group's contours, as for the stroke painter. */
export interface IDensityGroup {
  rows: Int32Array;
  color: string;
}

/**
 * Paint thousands of rows' organ rings as a density image: every ring
 * segment is rasterised into a per-group count of how many contours cross
 * each canvas pixel, and each group's counts become its colour with an
 * opacity that grows with the logarithm of the count (a translucent stroke
 * per row would need a million canvas segments; this is one pass of simple
 * integer work). Groups are composited "over" in order.
 *
 * @param image - The canvas-sized pixels to fill (overwritten).
 * @param coords - Every row's 120 points in frame units, {@link SHAPE_STRIDE} per row.
 * @param groups - The visible groups, back to front.
 * @param organs - Which organs to draw, in `ORGANS` order.
 * @param mapping - Frame to canvas pixels.
 */
export function paintContourDensity(
  image: ImageData,
  coords: Float64Array,
  groups: ReadonlyArray<IDensityGroup>,
  organs: ReadonlyArray<boolean>,
  mapping: ICanvasMapping
): void {
  const { data } = image;
  // Past a couple of thousand rows a contour cloud is a density, not lines:
  // counting on a grid of 2×2 canvas pixels halves the steps and quarters
  // the memory, invisibly at that density.
  const rowsTotal = groups.reduce((n, group) => n + group.rows.length, 0);
  const cell = rowsTotal > 2000 ? 2 : 1;
  const width = Math.ceil(image.width / cell);
  const height = Math.ceil(image.height / cell);
  const scale = mapping.scale / cell;
  const offsetX = mapping.dx / cell;
  const offsetY = mapping.dy / cell;
  const total = width * height;
  // Premultiplied accumulation, un-premultiplied once at the end; only the
  // pixels some contour touches are visited after rasterising.
  const r = new Float32Array(total);
  const g = new Float32Array(total);
  const b = new Float32Array(total);
  const a = new Float32Array(total);
  const counts = new Uint32Array(total);
  const touched: ITouched = { list: new Int32Array(1024), size: 0 };
  const painted = new Uint8Array(total);
  const everPainted: number[] = [];
  const shown = ORGANS.filter((_, i) => organs[i]);
  for (const group of groups) {
    if (group.rows.length === 0 || shown.length === 0) {
      continue;
    }
    touched.size = 0;
    for (let i = 0; i < group.rows.length; i++) {
      const base = group.rows[i] * SHAPE_STRIDE;
      for (const organ of shown) {
        for (let k = organ.start; k < organ.end; k++) {
          const next = k + 1 < organ.end ? k + 1 : organ.start;
          rasterSegment(
            counts,
            width,
            height,
            scale * coords[base + 2 * k] + offsetX,
            scale * coords[base + 2 * k + 1] + offsetY,
            scale * coords[base + 2 * next] + offsetX,
            scale * coords[base + 2 * next + 1] + offsetY,
            touched
          );
        }
      }
    }
    let peak = 0;
    for (let t = 0; t < touched.size; t++) {
      peak = Math.max(peak, counts[touched.list[t]]);
    }
    if (peak === 0) {
      continue;
    }
    const [cr, cg, cb] = parseColor(group.color, [128, 128, 128]);
    // Opacity per count: log scale, so one stray contour still shows while
    // the densest pixel is nearly opaque.
    const opacity = new Float32Array(Math.min(peak, 65535) + 1);
    const norm = Math.log1p(peak);
    for (let c = 1; c < opacity.length; c++) {
      opacity[c] = 0.15 + (0.8 * Math.log1p(c)) / norm;
    }
    for (let t = 0; t < touched.size; t++) {
      const p = touched.list[t];
      const alpha = opacity[Math.min(counts[p], opacity.length - 1)];
      counts[p] = 0; // ready for the next group
      const keep = 1 - alpha;
      r[p] = cr * alpha + r[p] * keep;
      g[p] = cg * alpha + g[p] * keep;
      b[p] = cb * alpha + b[p] * keep;
      a[p] = alpha + a[p] * keep;
      if (!painted[p]) {
        painted[p] = 1;
        everPainted.push(p);
      }
    }
  }
  data.fill(0);
  for (const p of everPainted) {
    const alpha = a[p];
    const red = r[p] / alpha;
    const green = g[p] / alpha;
    const blue = b[p] / alpha;
    const x0 = (p % width) * cell;
    const y0 = ((p / width) | 0) * cell;
    for (let y = y0; y < Math.min(y0 + cell, image.height); y++) {
      for (let x = x0; x < Math.min(x0 + cell, image.width); x++) {
        const q = 4 * (y * image.width + x);
        data[q] = red;
        data[q + 1] = green;
        data[q + 2] = blue;
        data[q + 3] = alpha * 255;
      }
    }
  }
}

/** The pixels a group's contours touched, in a growable list. */
export interface ITouched {
  list: Int32Array;
  size: number;
}

/**
 * Add one to every pixel a segment crosses (its end pixel excluded: the next
 * segment starts there), clipped to the image, noting newly touched pixels in
 * `touched`.
 */
export function rasterSegment(
  counts: Uint32Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  touched?: ITouched
): void {
  if (
    (x0 < 0 && x1 < 0) ||
    (y0 < 0 && y1 < 0) ||
    (x0 >= width && x1 >= width) ||
    (y0 >= height && y1 >= height)
  ) {
    return;
  }
  const dx = x1 - x0;
  const dy = y1 - y0;
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))));
  const sx = dx / steps;
  const sy = dy / steps;
  let x = x0;
  let y = y0;
  // The hot loop of a 10,000-row plot (tens of millions of steps): bounds
  // are tested on the floats, so `| 0` truncation equals floor.
  for (let s = 0; s < steps; s++, x += sx, y += sy) {
    if (x >= 0 && y >= 0 && x < width && y < height) {
      const p = (y | 0) * width + (x | 0);
      if (counts[p]++ === 0 && touched) {
        if (touched.size === touched.list.length) {
          const grown = new Int32Array(touched.list.length * 2);
          grown.set(touched.list);
          touched.list = grown;
        }
        touched.list[touched.size++] = p;
      }
    }
  }
}
