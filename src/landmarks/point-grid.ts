/**
 * The hover index of a many-row landmark plot: every point of every row in
 * a uniform grid, so a hover looks at the few points near the pointer.
 */
import { LANDMARK_COUNT } from '../core';
import { IFrameBox } from './model';

/** The point found by {@link PointGrid.nearest}. */
export interface INearestPoint {
  /** Row index in the payload. */
  row: number;
  /** Landmark index, 0–119. */
  landmark: number;
  /** Euclidean distance to the query, in frame units. */
  distance: number;
}

/** Which points a query may return: per row and per landmark, 1 = yes. */
export interface IPointFilter {
  rows: Uint8Array;
  landmarks: Uint8Array;
}

/**
 * A point grid's index: the points sorted by cell. Plain data, so the shared
 * worker can build it (1.2 million points at 10,000 rows: a long task on the
 * page) and hand its buffers over.
 */
export interface IPointGridIndex {
  /** Where each cell's points start in `points` (one more entry: the end). */
  cellStart: Int32Array;
  /** Point indices, cell by cell, in point order within a cell. */
  points: Int32Array;
  x0: number;
  y0: number;
  cellSize: number;
  cols: number;
  rows: number;
}

/**
 * Index every landmark of every row in a uniform grid, by counting sort
 * (two passes, no per-point allocation).
 *
 * @param coords - Shapes, 240 numbers per row (`x0, y0, x1, y1, …`).
 * @param bounds - The area the points lie in (points outside go to the edge cells).
 * @param cellsPerSide - Cells along the longer side of `bounds`.
 */
export function pointGridIndex(
  coords: Float64Array,
  bounds: IFrameBox,
  cellsPerSide = 128
): IPointGridIndex {
  const span = Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0) || 1;
  const cellSize = span / cellsPerSide;
  const cols = Math.max(1, Math.ceil((bounds.x1 - bounds.x0) / cellSize));
  const rows = Math.max(1, Math.ceil((bounds.y1 - bounds.y0) / cellSize));
  const cell = new CellOf(bounds.x0, bounds.y0, cellSize, cols, rows);
  const count = coords.length / 2;
  const cellOf = new Int32Array(count);
  const start = new Int32Array(cols * rows + 1);
  for (let p = 0; p < count; p++) {
    const c = cell.of(coords[2 * p], coords[2 * p + 1]);
    cellOf[p] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) {
    start[c + 1] += start[c];
  }
  const fill = start.slice(0, -1);
  const points = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    points[fill[cellOf[p]]++] = p;
  }
  return {
    cellStart: start,
    points,
    x0: bounds.x0,
    y0: bounds.y0,
    cellSize,
    cols,
    rows
  };
}

/**
 * A uniform grid over every landmark of every row: 10,000 rows are 1.2
 * million points, and a hover must look at the few hundred near the
 * pointer, not at all of them.
 */
export class PointGrid {
  private readonly _cellStart: Int32Array;
  private readonly _points: Int32Array;
  private readonly _x0: number;
  private readonly _y0: number;
  private readonly _cellSize: number;
  private readonly _cols: number;
  private readonly _rows: number;

  /**
   * @param _coords - Shapes, 240 numbers per row (`x0, y0, x1, y1, …`).
   * @param bounds - The area the points lie in (points outside go to the
   *   edge cells), or the index of `_coords` already built (in the worker).
   * @param cellsPerSide - Cells along the longer side of `bounds`.
   */
  constructor(
    private readonly _coords: Float64Array,
    bounds: IFrameBox | IPointGridIndex,
    cellsPerSide = 128
  ) {
    const index =
      'points' in bounds
        ? bounds
        : pointGridIndex(_coords, bounds, cellsPerSide);
    this._cellStart = index.cellStart;
    this._points = index.points;
    this._x0 = index.x0;
    this._y0 = index.y0;
    this._cellSize = index.cellSize;
    this._cols = index.cols;
    this._rows = index.rows;
  }

  /**
   * The point nearest to (x, y) within `radius` (frame units) that `filter`
   * allows, or `null`. Ties go to the earlier row, then the lower landmark.
   */
  nearest(
    x: number,
    y: number,
    radius: number,
    filter: IPointFilter
  ): INearestPoint | null {
    const size = this._cellSize;
    const c0 = this._clampCol(Math.floor((x - radius - this._x0) / size));
    const c1 = this._clampCol(Math.floor((x + radius - this._x0) / size));
    const r0 = this._clampRow(Math.floor((y - radius - this._y0) / size));
    const r1 = this._clampRow(Math.floor((y + radius - this._y0) / size));
    const coords = this._coords;
    let best = -1;
    let bestD2 = radius * radius;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this._cols + c;
        const end = this._cellStart[cell + 1];
        for (let i = this._cellStart[cell]; i < end; i++) {
          const p = this._points[i];
          const dx = coords[2 * p] - x;
          const dy = coords[2 * p + 1] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 > bestD2 || (d2 === bestD2 && (best < 0 || p > best))) {
            continue;
          }
          const row = (p / LANDMARK_COUNT) | 0;
          if (
            filter.rows[row] === 0 ||
            filter.landmarks[p - row * LANDMARK_COUNT] === 0
          ) {
            continue;
          }
          best = p;
          bestD2 = d2;
        }
      }
    }
    if (best < 0) {
      return null;
    }
    const row = (best / LANDMARK_COUNT) | 0;
    return {
      row,
      landmark: best - row * LANDMARK_COUNT,
      distance: Math.sqrt(bestD2)
    };
  }

  private _clampCol(c: number): number {
    return c < 0 ? 0 : c >= this._cols ? this._cols - 1 : c;
  }

  private _clampRow(r: number): number {
    return r < 0 ? 0 : r >= this._rows ? this._rows - 1 : r;
  }
}

/** The cell of a point, points outside the grid going to the edge cells. */
class CellOf {
  constructor(
    private readonly _x0: number,
    private readonly _y0: number,
    private readonly _size: number,
    private readonly _cols: number,
    private readonly _rows: number
  ) {}

  of(x: number, y: number): number {
    const c = Math.floor((x - this._x0) / this._size);
    const r = Math.floor((y - this._y0) / this._size);
    const col = c < 0 ? 0 : c >= this._cols ? this._cols - 1 : c;
    const row = r < 0 ? 0 : r >= this._rows ? this._rows - 1 : r;
    return row * this._cols + col;
  }
}
