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
 * A uniform grid over every landmark of every row, built once by counting
 * sort (two passes, no per-point allocation): 10,000 rows are 1.2 million
 * points, and a hover must look at the few hundred near the pointer, not at
 * all of them.
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
   * @param coords - Shapes, 240 numbers per row (`x0, y0, x1, y1, …`).
   * @param bounds - The area the points lie in (points outside go to the edge cells).
   * @param cellsPerSide - Cells along the longer side of `bounds`.
   */
  constructor(
    private readonly _coords: Float64Array,
    bounds: IFrameBox,
    cellsPerSide = 128
  ) {
    const span = Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0) || 1;
    this._cellSize = span / cellsPerSide;
    this._x0 = bounds.x0;
    this._y0 = bounds.y0;
    this._cols = Math.max(
      1,
      Math.ceil((bounds.x1 - bounds.x0) / this._cellSize)
    );
    this._rows = Math.max(
      1,
      Math.ceil((bounds.y1 - bounds.y0) / this._cellSize)
    );
    const count = _coords.length / 2;
    const cellOf = new Int32Array(count);
    const start = new Int32Array(this._cols * this._rows + 1);
    for (let p = 0; p < count; p++) {
      const c = this._cell(_coords[2 * p], _coords[2 * p + 1]);
      cellOf[p] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < this._cols * this._rows; c++) {
      start[c + 1] += start[c];
    }
    const fill = start.slice(0, -1);
    const points = new Int32Array(count);
    for (let p = 0; p < count; p++) {
      points[fill[cellOf[p]]++] = p;
    }
    this._cellStart = start;
    this._points = points;
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

  private _cell(x: number, y: number): number {
    const c = this._clampCol(Math.floor((x - this._x0) / this._cellSize));
    const r = this._clampRow(Math.floor((y - this._y0) / this._cellSize));
    return r * this._cols + c;
  }

  private _clampCol(c: number): number {
    return c < 0 ? 0 : c >= this._cols ? this._cols - 1 : c;
  }

  private _clampRow(r: number): number {
    return r < 0 ? 0 : r >= this._rows ? this._rows - 1 : r;
  }
}
