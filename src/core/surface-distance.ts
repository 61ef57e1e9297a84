import { numpyMean, numpyPercentileSorted } from './numpy-reductions';

/*
 * Surface distances of two masks from their runs, as `medpy.metric.binary`
 * computes them with unit spacing (the Python side, compare/metrics.py, has
 * the same definitions; tests check both against medpy):
 *
 * - the surface of a mask is its pixels with a 4-neighbour outside the mask,
 *   the image border counting as outside (medpy: `mask ^ binary_erosion(mask)`
 *   with the connectivity-1 cross and scipy's `border_value=0`);
 * - each surface pixel of one mask, in row-major order, gets the Euclidean
 *   distance to the nearest surface pixel of the other;
 * - HD is the largest of both directions, HD95 numpy's linear 95th percentile
 *   of both together, ASSD numpy's mean of the A→B then the B→A distances.
 *
 * The nearest pixel is found exactly by searching the other surface's rows
 * outwards from the query's row, `k = 0, 1, 2, …`, with a binary search for
 * the nearest column in each, until `k²` reaches the best squared distance
 * (a pixel k rows away is at least k away). Squared distances are integers,
 * exact in doubles for any mask the core accepts up to 94 million pixels wide.
 */

/** A mask's surface: its pixels by row, columns ascending in each row. */
export interface ISurface {
  /** First row holding a surface pixel (0 when empty). */
  firstRow: number;
  /** `rowStart[r - firstRow] .. rowStart[r - firstRow + 1]` index `columns` for row r. */
  rowStart: Int32Array;
  /** The columns, row after row. */
  columns: Int32Array;
}

/** The surface distances and the metrics made of them. */
export interface ISurfaceDistances {
  /** Squared distance of each surface pixel of A (row-major) to B's surface. */
  squaredAB: Float64Array;
  /** The same from B to A. */
  squaredBA: Float64Array;
  /** Hausdorff distance (0 when both masks are empty, NaN when exactly one is). */
  hd: number;
  /** 95th percentile Hausdorff distance (as `hd`). */
  hd95: number;
  /** Average symmetric surface distance (as `hd`). */
  assd: number;
}

/** Runs cut into maximal intervals within image rows: `[row, first, last, …]` (columns). */
function rowIntervals(runs: Int32Array, width: number): Int32Array {
  const out: number[] = [];
  let k = 0;
  while (k < runs.length) {
    const start = runs[k];
    let end = start + runs[k + 1]; // exclusive
    k += 2;
    while (k < runs.length && runs[k] === end) {
      end += runs[k + 1]; // runs that touch are one stretch of pixels
      k += 2;
    }
    for (let p = start; p < end;) {
      const row = Math.floor(p / width);
      const rowEnd = Math.min(end, (row + 1) * width);
      out.push(row, p - row * width, rowEnd - 1 - row * width);
      p = rowEnd;
    }
  }
  return Int32Array.from(out);
}

/**
 * The columns of `[first, last]` that are not inside: not in both `up` and
 * `down` (interval lists `[first, last, …]` of the neighbouring rows), the
 * two ends always included.
 */
function pushSurfaceColumns(
  first: number,
  last: number,
  up: number[],
  down: number[],
  out: number[]
): void {
  out.push(first);
  let c = first + 1; // next column to decide
  let i = 0;
  let j = 0;
  while (c < last && i < up.length && j < down.length) {
    const lo = Math.max(up[i], down[j], c);
    const hi = Math.min(up[i + 1], down[j + 1], last - 1);
    if (hi >= lo) {
      for (; c < lo; c++) {
        out.push(c);
      }
      c = hi + 1; // inside up to hi
    }
    if (up[i + 1] <= down[j + 1]) {
      i += 2;
    } else {
      j += 2;
    }
  }
  for (; c < last; c++) {
    out.push(c);
  }
  if (last > first) {
    out.push(last);
  }
}

/** The surface of a mask given by its runs (see the module comment). */
export function maskSurface(
  runs: Int32Array,
  height: number,
  width: number
): ISurface {
  const iv = rowIntervals(runs, width);
  const count = iv.length / 3;
  if (!count) {
    return {
      firstRow: 0,
      rowStart: new Int32Array(1),
      columns: new Int32Array(0)
    };
  }
  const firstRow = iv[0];
  const lastRow = iv[iv.length - 3];
  const rowStart = new Int32Array(lastRow - firstRow + 2);
  const columns: number[] = [];
  const rowList = (from: number, row: number): number[] => {
    const list: number[] = [];
    for (let k = from; k < count && iv[3 * k] === row; k++) {
      list.push(iv[3 * k + 1], iv[3 * k + 2]);
    }
    return list;
  };
  // Intervals of the previous, this and the next row (as index ranges of iv).
  let k = 0;
  let previous: number[] = [];
  let previousRow = -2;
  for (let row = firstRow; row <= lastRow; row++) {
    rowStart[row - firstRow] = columns.length;
    if (k >= count || iv[3 * k] !== row) {
      previous = [];
      previousRow = row;
      continue;
    }
    const current = rowList(k, row);
    const next = k + current.length / 2;
    const up = previousRow === row - 1 && row > 0 ? previous : [];
    const down =
      row < height - 1 && next < count && iv[3 * next] === row + 1
        ? rowList(next, row + 1)
        : [];
    for (let m = 0; m < current.length; m += 2) {
      pushSurfaceColumns(current[m], current[m + 1], up, down, columns);
    }
    previous = current;
    previousRow = row;
    k = next;
  }
  rowStart[lastRow - firstRow + 1] = columns.length;
  return { firstRow, rowStart, columns: Int32Array.from(columns) };
}

/** Number of pixels of a surface. */
export function surfaceSize(surface: ISurface): number {
  return surface.columns.length;
}

/**
 * For each pixel of `from` (row-major), the squared distance to the nearest
 * pixel of `to` (which must not be empty).
 */
export function nearestSquared(from: ISurface, to: ISurface): Float64Array {
  const out = new Float64Array(from.columns.length);
  const toRows = to.rowStart.length - 1;
  const toFirst = to.firstRow;
  const toLast = toFirst + toRows - 1;
  let q = 0;
  const fromRows = from.rowStart.length - 1;
  for (let rr = 0; rr < fromRows; rr++) {
    const row = from.firstRow + rr;
    for (let m = from.rowStart[rr]; m < from.rowStart[rr + 1]; m++) {
      const col = from.columns[m];
      let best = Infinity;
      for (let k = 0; k * k < best; k++) {
        const above = row - k;
        const below = row + k;
        if (above < toFirst && below > toLast) {
          break;
        }
        if (below >= toFirst && below <= toLast) {
          best = nearestInRow(to, below - toFirst, col, k, best);
        }
        if (k > 0 && above >= toFirst && above <= toLast) {
          best = nearestInRow(to, above - toFirst, col, k, best);
        }
      }
      out[q++] = best;
    }
  }
  return out;
}

/** `best` lowered by the nearest pixel to column `col` in a row `k` rows away. */
function nearestInRow(
  to: ISurface,
  r: number,
  col: number,
  k: number,
  best: number
): number {
  let lo = to.rowStart[r];
  let hi = to.rowStart[r + 1];
  if (lo === hi) {
    return best;
  }
  const end = hi;
  const begin = lo;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (to.columns[mid] < col) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const k2 = k * k;
  if (lo < end) {
    const dx = to.columns[lo] - col;
    best = Math.min(best, dx * dx + k2);
  }
  if (lo > begin) {
    const dx = col - to.columns[lo - 1];
    best = Math.min(best, dx * dx + k2);
  }
  return best;
}

/**
 * HD, HD95 and ASSD of two masks given by their runs (medpy's, see the
 * module comment). Both empty: 0; exactly one empty: NaN (undefined).
 */
export function surfaceDistances(
  a: Int32Array,
  b: Int32Array,
  height: number,
  width: number
): ISurfaceDistances {
  const sa = maskSurface(a, height, width);
  const sb = maskSurface(b, height, width);
  const na = surfaceSize(sa);
  const nb = surfaceSize(sb);
  if (!na || !nb) {
    const value = !na && !nb ? 0 : NaN;
    return {
      squaredAB: new Float64Array(0),
      squaredBA: new Float64Array(0),
      hd: value,
      hd95: value,
      assd: value
    };
  }
  const squaredAB = nearestSquared(sa, sb);
  const squaredBA = nearestSquared(sb, sa);
  const all = new Float64Array(na + nb);
  all.set(squaredAB);
  all.set(squaredBA, na);
  const distances = all.map(Math.sqrt);
  const sorted = distances.slice().sort();
  return {
    squaredAB,
    squaredBA,
    hd: sorted[sorted.length - 1],
    hd95: numpyPercentileSorted(sorted, 95),
    assd: numpyMean(distances)
  };
}
