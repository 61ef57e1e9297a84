/**
 * A checked landmark payload laid out in one frame (mask pixels or
 * normalised by image size) and grouped: what the plot draws and measures.
 */
import { schemeTableau10 } from 'd3';
import { LANDMARK_COUNT } from '../core';
import type { ISigmaScale } from '../common/sigma-scale';
import {
  IParsedLandmarkPayload,
  IParsedLandmarkRow,
  LandmarkFrame
} from './payload';
import { SHAPE_STRIDE } from './shapes';
import { plotSigmaScale } from './sigma';

/** A rectangle of the frame: `x0 ≤ x ≤ x1`, `y0 ≤ y ≤ y1` (y down). */
export interface IFrameBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One group of rows: a legend entry, a colour and a toggle. */
export interface ILandmarkGroup {
  /** The group's name as shown (`(none)` for rows without a group). */
  name: string;
  /** A CSS colour (d3.schemeTableau10, repeating after ten groups). */
  color: string;
  /** Its rows, in payload order. */
  rows: Int32Array;
}

/** A checked payload laid out in one frame: what the plot draws and measures. */
export interface ILandmarkModel {
  rows: IParsedLandmarkRow[];
  frame: LandmarkFrame;
  /** The Height × Width every row shares, or `null` when sizes differ. */
  commonSize: { height: number; width: number } | null;
  /** Every row's 120 points in the frame, {@link SHAPE_STRIDE} numbers per row. */
  coords: Float64Array;
  /** The groups in order of first appearance (one group when ungrouped). */
  groups: ILandmarkGroup[];
  /** The group index of each row. */
  rowGroup: Int32Array;
  /** The grouping's name, or `null`. */
  groupBy: string | null;
  /** The image area in the frame (the largest image in pixels; [0, 1]² normalised). */
  image: IFrameBox;
  /** The area the plot shows: the image area and every point, with a margin. */
  bounds: IFrameBox;
  /**
   * The colour scale of the rows' mean σ (CheXmask-U), or `null` when no row
   * carries σ (then the plot cannot be coloured by σ).
   */
  sigmaScale: ISigmaScale | null;
}

/** The name of the one group of an ungrouped plot. */
export const ALL_ROWS = 'all rows';
/** The name of the group of rows whose group is null. */
export const NO_GROUP = '(none)';

/**
 * Lay a checked payload out in its frame: mask pixels when every row has the
 * same Height × Width (or when the payload asks for pixels), otherwise
 * normalised by image size, x / Width and y / Height. In pixels a landmark
 * (x, y) is the centre of pixel column x, row y, so the image covers
 * [-0.5, Width - 0.5] × [-0.5, Height - 0.5].
 */
export function buildLandmarkModel(
  payload: IParsedLandmarkPayload
): ILandmarkModel {
  const { rows } = payload;
  const first = rows[0];
  const same = rows.every(
    r => r.height === first.height && r.width === first.width
  );
  const commonSize = same ? { height: first.height, width: first.width } : null;
  const frame: LandmarkFrame =
    payload.frame ?? (same ? 'pixels' : 'normalized');

  const coords = new Float64Array(rows.length * SHAPE_STRIDE);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxWidth = 0;
  let maxHeight = 0;
  rows.forEach((row, r) => {
    const sx = frame === 'pixels' ? 1 : 1 / row.width;
    const sy = frame === 'pixels' ? 1 : 1 / row.height;
    const base = r * SHAPE_STRIDE;
    for (let k = 0; k < LANDMARK_COUNT; k++) {
      const x = row.coords[2 * k] * sx;
      const y = row.coords[2 * k + 1] * sy;
      coords[base + 2 * k] = x;
      coords[base + 2 * k + 1] = y;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    maxWidth = Math.max(maxWidth, row.width);
    maxHeight = Math.max(maxHeight, row.height);
  });

  const image: IFrameBox =
    frame === 'pixels'
      ? { x0: -0.5, y0: -0.5, x1: maxWidth - 0.5, y1: maxHeight - 0.5 }
      : { x0: 0, y0: 0, x1: 1, y1: 1 };
  // Points are not clipped to the image: keep them all in view, with air.
  const pad = 0.02 * Math.max(image.x1 - image.x0, image.y1 - image.y0);
  const bounds: IFrameBox = {
    x0: minX < image.x0 ? minX - pad : image.x0,
    y0: minY < image.y0 ? minY - pad : image.y0,
    x1: maxX > image.x1 ? maxX + pad : image.x1,
    y1: maxY > image.y1 ? maxY + pad : image.y1
  };

  const { groups, rowGroup } = groupRows(rows, payload.groupBy);
  return {
    rows,
    frame,
    commonSize,
    coords,
    groups,
    rowGroup,
    groupBy: payload.groupBy,
    image,
    bounds,
    sigmaScale: plotSigmaScale(rows)
  };
}

/** Group rows by their group name, in order of first appearance. */
function groupRows(
  rows: IParsedLandmarkRow[],
  groupBy: string | null
): { groups: ILandmarkGroup[]; rowGroup: Int32Array } {
  const rowGroup = new Int32Array(rows.length);
  const index = new Map<string, number>();
  const members: number[][] = [];
  rows.forEach((row, r) => {
    const name = groupBy === null ? ALL_ROWS : (row.group ?? NO_GROUP);
    let g = index.get(name);
    if (g === undefined) {
      g = members.length;
      index.set(name, g);
      members.push([]);
    }
    members[g].push(r);
    rowGroup[r] = g;
  });
  const groups = [...index.keys()].map((name, g) => ({
    name,
    color: schemeTableau10[g % schemeTableau10.length],
    rows: Int32Array.from(members[g])
  }));
  return { groups, rowGroup };
}

/**
 * The caption's sentence about the frame, e.g. "mask pixels (1024 × 1024)"
 * or "normalised by image size (x / Width, y / Height): sizes differ".
 */
export function describeFrame(model: ILandmarkModel): string {
  if (model.frame === 'pixels') {
    return model.commonSize
      ? `mask pixels (${model.commonSize.width} × ${model.commonSize.height}, x right, y down)`
      : 'mask pixels (image sizes differ; x right, y down)';
  }
  return `normalised by image size (x / Width, y / Height; y down)${
    model.commonSize ? '' : ': image sizes differ'
  }`;
}

/** The unit of distances in the frame, for labels. */
export function frameUnit(model: ILandmarkModel): string {
  return model.frame === 'pixels' ? 'px' : 'normalised units';
}
