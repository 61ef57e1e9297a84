/**
 * What a landmark plot shows under the pointer: hit-testing against the
 * mean shape, the highlighted rows and the grid of every visible point.
 */
import { LANDMARK_COUNT } from '../core';
import {
  landmarkText,
  meanPointText,
  positionText,
  rowPointText
} from './labels';
import { ILandmarkModel } from './model';
import { PointGrid } from './point-grid';
import { SHAPE_STRIDE } from './shapes';
import { ILandmarkPlotState, landmarkFilter, rowFilter } from './state';
import { ILandmarkPlotStats } from './statistics';

/** How near the pointer a point must be to be hovered, in layout pixels. */
export const HOVER_RADIUS = 8;

/** What a plot shows of what is under the pointer. */
export interface ILandmarkHit {
  /** The readout: the hovered point, or the pointer's position. */
  text: string;
  /** The hovered point in frame coordinates, or `null`. */
  marker: [number, number] | null;
  /** The row whose point is hovered in a many-row plot, or `null`. */
  row: number | null;
}

/** What hit-testing a plot looks at. */
export interface IHitTestContext {
  model: ILandmarkModel;
  state: ILandmarkPlotState;
  /** The statistics of a many-row plot; `null` in a one-row plot. */
  stats: ILandmarkPlotStats | null;
  /** The grid of every row's points (built on first use: it is not cheap). */
  grid(): PointGrid;
}

/**
 * What is under the pointer at frame position (x, y). A one-row plot looks
 * at its 120 points; a many-row plot looks at the mean shape's points, then
 * the highlighted rows', then the grid of every visible point near the
 * pointer, so a pointer move costs the same at 10 rows as at 10,000.
 *
 * @param radius - How near a point must be, in frame units.
 */
export function hitTest(
  context: IHitTestContext,
  x: number,
  y: number,
  radius: number
): ILandmarkHit {
  const { model, state, stats } = context;
  // Only the organs and groups shown can be hovered.
  const filter = landmarkFilter(state.organs);
  const hit: ILandmarkHit = {
    text: positionText(model, x, y),
    marker: null,
    row: null
  };
  if (stats === null) {
    const k = nearestInShape(model.coords, 0, x, y, radius, filter);
    if (k !== null) {
      const r = model.rows[0];
      hit.text = `${landmarkText(k)} · x ${r.coords[2 * k]}, y ${r.coords[2 * k + 1]}`;
      hit.marker = [model.coords[2 * k], model.coords[2 * k + 1]];
    }
    return hit;
  }
  const mean = stats.spread.mean;
  const onMean =
    state.layers.mean && stats.spread.count > 0
      ? nearestInShape(mean, 0, x, y, radius, filter)
      : null;
  if (onMean !== null) {
    hit.text = meanPointText(model, stats.spread, stats.ellipses, onMean);
    hit.marker = [mean[2 * onMean], mean[2 * onMean + 1]];
    return hit;
  }
  let found: { row: number; landmark: number } | null = null;
  for (const row of [state.pinned, state.listHover]) {
    const k =
      row === null
        ? null
        : nearestInShape(model.coords, row, x, y, radius, filter);
    if (row !== null && k !== null) {
      found = { row, landmark: k };
      break;
    }
  }
  found ??= context.grid().nearest(x, y, radius, {
    rows: rowFilter(model, state.hiddenGroups),
    landmarks: filter
  });
  if (found) {
    const { row, landmark } = found;
    const j = row * SHAPE_STRIDE + 2 * landmark;
    hit.row = row;
    hit.text = rowPointText(model, row, landmark);
    hit.marker = [model.coords[j], model.coords[j + 1]];
  }
  return hit;
}

/**
 * The landmark of shape `row` in `coords` nearest to (x, y) within
 * `radius`, among landmarks with `filter[k]` set, or `null`. Of equally
 * near landmarks, the first wins.
 */
export function nearestInShape(
  coords: ArrayLike<number>,
  row: number,
  x: number,
  y: number,
  radius: number,
  filter: Uint8Array
): number | null {
  const base = row * SHAPE_STRIDE;
  let best: number | null = null;
  let bestD2 = radius * radius;
  for (let k = 0; k < LANDMARK_COUNT; k++) {
    if (filter[k] === 0) {
      continue;
    }
    const dx = coords[base + 2 * k] - x;
    const dy = coords[base + 2 * k + 1] - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2 || (d2 === bestD2 && best === null)) {
      best = k;
      bestD2 = d2;
    }
  }
  return best;
}
