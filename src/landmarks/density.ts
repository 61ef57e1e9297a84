/**
 * The contour density of a many-row landmark plot: thousands of rows'
 * organ rings rasterised as counts per pixel, coloured per group.
 */
import { LANDMARK_COUNT, ORGANS, type IOrgan } from '../core';
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
  // Past a couple of thousand rows a contour cloud is a density, not lines:
  // counting on a grid of 2×2 canvas pixels halves the steps and quarters
  // the memory, invisibly at that density.
  const rowsTotal = groups.reduce((n, group) => n + group.rows.length, 0);
  const cell = rowsTotal > 2000 ? 2 : 1;
  const width = Math.ceil(image.width / cell);
  const height = Math.ceil(image.height / cell);
  const grid: ICanvasMapping = {
    scale: mapping.scale / cell,
    dx: mapping.dx / cell,
    dy: mapping.dy / cell
  };
  const total = width * height;
  // Premultiplied accumulation, un-premultiplied once at the end; each
  // group composites only the cells its contours touched.
  const layers: ILayers = {
    r: new Float32Array(total),
    g: new Float32Array(total),
    b: new Float32Array(total),
    a: new Float32Array(total)
  };
  const counts = new Uint32Array(total);
  const touched: ITouched = { list: new Int32Array(1024), size: 0 };
  const shown = ORGANS.filter((_, i) => organs[i]);
  const shownPoints = shown.reduce((n, o) => n + o.end - o.start, 0);
  // Each pass over the cells is a function of its own: the worker paints its
  // first plot with code never run before, and a loop in a function of its
  // own is optimised (on the stack) as soon as it is hot, with the feedback
  // of that loop only, where one function holding them all was deoptimised
  // at each loop it reached for the first time.
  for (const group of groups) {
    if (group.rows.length === 0 || shown.length === 0) {
      continue;
    }
    touched.size = 0;
    // A dense group (the many-row case) is counted without noting cells as
    // they are first touched (a third of the counting time), and its cells
    // are found by one scan of the grid after: at least a quarter as many
    // segments as cells makes the scan the smaller cost. A sparse group
    // notes them as it goes, as a scan of a large grid would dominate.
    const dense = 4 * group.rows.length * shownPoints >= total;
    countRings(
      counts,
      width,
      height,
      coords,
      group.rows,
      shown,
      grid,
      dense ? null : touched
    );
    if (dense) {
      touchedCells(counts, touched);
    }
    const peak = peakCount(counts, touched);
    if (peak === 0) {
      continue;
    }
    // Opacity per count: log scale, so one stray contour still shows while
    // the densest pixel is nearly opaque.
    const opacity = new Float32Array(Math.min(peak, 65535) + 1);
    const norm = Math.log1p(peak);
    for (let c = 1; c < opacity.length; c++) {
      opacity[c] = 0.15 + (0.8 * Math.log1p(c)) / norm;
    }
    composite(
      layers,
      counts,
      touched,
      opacity,
      parseColor(group.color, [128, 128, 128])
    );
  }
  writePixels(image, layers, width, height, cell);
}

/** The premultiplied colour layers of the density, per grid cell. */
interface ILayers {
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
  /** Above 0 exactly where some group painted the cell (every count's opacity is). */
  a: Float32Array;
}

/** The highest count among the touched cells. */
function peakCount(counts: Uint32Array, touched: ITouched): number {
  let peak = 0;
  const { list, size } = touched;
  for (let t = 0; t < size; t++) {
    peak = Math.max(peak, counts[list[t]]);
  }
  return peak;
}

/**
 * Composite one group's touched cells "over" the layers, at the opacity of
 * their count, and clear their counts for the next group.
 */
function composite(
  layers: ILayers,
  counts: Uint32Array,
  touched: ITouched,
  opacity: Float32Array,
  [cr, cg, cb]: readonly number[]
): void {
  const { r, g, b, a } = layers;
  const { list, size } = touched;
  for (let t = 0; t < size; t++) {
    const p = list[t];
    const alpha = opacity[Math.min(counts[p], opacity.length - 1)];
    counts[p] = 0; // ready for the next group
    const keep = 1 - alpha;
    r[p] = cr * alpha + r[p] * keep;
    g[p] = cg * alpha + g[p] * keep;
    b[p] = cb * alpha + b[p] * keep;
    a[p] = alpha + a[p] * keep;
  }
}

/**
 * Fill `image` from the layers, un-premultiplied: each painted grid cell
 * becomes its `cell × cell` block of pixels (clipped at the image's edge),
 * everything else transparent.
 */
function writePixels(
  image: ImageData,
  layers: ILayers,
  width: number,
  height: number,
  cell: number
): void {
  const { data } = image;
  const { r, g, b, a } = layers;
  data.fill(0);
  for (let cy = 0; cy < height; cy++) {
    const y0 = cy * cell;
    const y1 = Math.min(y0 + cell, image.height);
    for (let cx = 0; cx < width; cx++) {
      const p = cy * width + cx;
      const alpha = a[p];
      if (alpha === 0) {
        continue;
      }
      const red = r[p] / alpha;
      const green = g[p] / alpha;
      const blue = b[p] / alpha;
      const x0 = cx * cell;
      const x1 = Math.min(x0 + cell, image.width);
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const q = 4 * (y * image.width + x);
          data[q] = red;
          data[q + 1] = green;
          data[q + 2] = blue;
          data[q + 3] = alpha * 255;
        }
      }
    }
  }
}

/**
 * How far inside the grid a row's points must all be for its rings to be
 * counted without per-step bounds checks, in grid cells. A segment's steps
 * move monotonically from its start toward its end (adding a step of one
 * sign to a float never turns back), and stop a step short of the end, so
 * they stay within its end points up to the rounding of the running sum:
 * under 1e-6 of a cell on a grid of at most {@link INSIDE_SIDE} cells a side
 * (at most ~46,000 steps of half an ulp of 32,768 each). A margin of 1e-3
 * of a cell bounds that with room to spare, so the unchecked steps land on
 * exactly the cells the checked ones would, and `| 0` is their floor.
 */
const INSIDE_MARGIN = 1e-3;

/** The largest grid side the unchecked steps are used on (browsers' canvas limit). */
const INSIDE_SIDE = 32767;

/**
 * Count the organ rings of `rows` into `counts`, as {@link rasterSegment}
 * does segment by segment (the same cells and counts), faster: each point is
 * mapped once, not once per segment it ends, and without `touched` a row
 * whose points are all well inside the grid (the usual case unzoomed) is
 * counted without bounds checks.
 *
 * @param counts - Per grid cell counts, `width × height`.
 * @param coords - Every row's 120 points in frame units, {@link SHAPE_STRIDE} per row.
 * @param rows - The rows to count.
 * @param organs - The organs whose rings are counted.
 * @param mapping - Frame units to grid cells.
 * @param touched - Gets the cells whose count leaves zero, or `null` to
 *   find them after (see {@link touchedCells}).
 */
export function countRings(
  counts: Uint32Array,
  width: number,
  height: number,
  coords: Float64Array,
  rows: Int32Array,
  organs: ReadonlyArray<IOrgan>,
  mapping: ICanvasMapping,
  touched: ITouched | null
): void {
  const { scale, dx: offsetX, dy: offsetY } = mapping;
  const px = new Float64Array(LANDMARK_COUNT);
  const py = new Float64Array(LANDMARK_COUNT);
  const maxX = width - INSIDE_MARGIN;
  const maxY = height - INSIDE_MARGIN;
  const unchecked = !touched && width <= INSIDE_SIDE && height <= INSIDE_SIDE;
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i] * SHAPE_STRIDE;
    // `inside` stays true only when every mapped point is a number well
    // inside the grid (NaN fails every comparison).
    let inside = unchecked;
    for (const organ of organs) {
      for (let k = organ.start; k < organ.end; k++) {
        const x = scale * coords[base + 2 * k] + offsetX;
        const y = scale * coords[base + 2 * k + 1] + offsetY;
        px[k] = x;
        py[k] = y;
        inside =
          inside &&
          x >= INSIDE_MARGIN &&
          y >= INSIDE_MARGIN &&
          x <= maxX &&
          y <= maxY;
      }
    }
    for (const organ of organs) {
      for (let k = organ.start; k < organ.end; k++) {
        const next = k + 1 < organ.end ? k + 1 : organ.start;
        if (inside) {
          countInside(counts, width, px[k], py[k], px[next], py[next]);
        } else {
          rasterSegment(
            counts,
            width,
            height,
            px[k],
            py[k],
            px[next],
            py[next],
            touched
          );
        }
      }
    }
  }
}

/**
 * {@link rasterSegment} for a segment whose steps are all inside the grid
 * (see {@link INSIDE_MARGIN}): the same steps, without the bounds checks.
 */
function countInside(
  counts: Uint32Array,
  width: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number
): void {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))));
  const sx = dx / steps;
  const sy = dy / steps;
  let x = x0;
  let y = y0;
  for (let s = 0; s < steps; s++, x += sx, y += sy) {
    counts[(y | 0) * width + (x | 0)]++;
  }
}

/** Note every cell with a count in `touched`, in grid order. */
export function touchedCells(counts: Uint32Array, touched: ITouched): void {
  for (let p = 0; p < counts.length; p++) {
    if (counts[p] !== 0) {
      note(touched, p);
    }
  }
}

/** The pixels a group's contours touched, in a growable list. */
export interface ITouched {
  list: Int32Array;
  size: number;
}

/** Add cell `p` to `touched`, growing its list when full. */
function note(touched: ITouched, p: number): void {
  if (touched.size === touched.list.length) {
    const grown = new Int32Array(touched.list.length * 2);
    grown.set(touched.list);
    touched.list = grown;
  }
  touched.list[touched.size++] = p;
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
  touched: ITouched | null = null
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
        note(touched, p);
      }
    }
  }
}
