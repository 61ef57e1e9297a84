/**
 * The statistics a many-row landmark plot shows over its visible groups:
 * mean shape, spread, ellipses, group means and outliers.
 */
import { LANDMARK_COUNT } from '../core';
import { rowLabel } from './labels';
import { ILandmarkModel } from './model';
import type { IOutlierEntry } from './outliers';
import {
  covarianceEllipse,
  IEllipse,
  ILandmarkSpread,
  IOutlier,
  landmarkSpread,
  meanShape,
  rankOutliers
} from './shapes';

/** Rows listed as outliers: enough to find the odd ones, few enough to read. */
export const OUTLIER_COUNT = 10;

/** A group's mean shape, drawn in the group's colour. */
export interface IGroupMean {
  /** The group's name. */
  name: string;
  /** The group's colour. */
  color: string;
  /** The mean of the group's rows, as a frame shape. */
  shape: Float64Array;
}

/**
 * Statistics over the rows of the visible groups of a many-row plot. They
 * change only when a group is shown or hidden, so they are kept between
 * draws rather than recomputed for each hover.
 */
export interface ILandmarkPlotStats {
  /** Mean shape and per-landmark covariance. */
  spread: ILandmarkSpread;
  /** One-standard-deviation ellipse per landmark. */
  ellipses: IEllipse[];
  /** The rows furthest from the mean, furthest first. */
  outliers: IOutlier[];
  /** Per visible group, when there are several groups; otherwise empty. */
  groupMeans: IGroupMean[];
}

/**
 * The statistics of a many-row plot over the rows of the groups not in
 * `hiddenGroups`.
 */
export function computePlotStats(
  model: ILandmarkModel,
  hiddenGroups: ReadonlySet<number>
): ILandmarkPlotStats {
  const visible = model.groups.filter((_, g) => !hiddenGroups.has(g));
  const rows = Int32Array.from(visible.flatMap(g => Array.from(g.rows))).sort();
  const spread = landmarkSpread(model.coords, rows);
  const ellipses: IEllipse[] = [];
  for (let k = 0; k < LANDMARK_COUNT; k++) {
    const c = spread.covariance;
    ellipses.push(covarianceEllipse(c[3 * k], c[3 * k + 1], c[3 * k + 2]));
  }
  const outliers =
    rows.length > 0
      ? rankOutliers(model.coords, rows, spread.mean, OUTLIER_COUNT)
      : [];
  const groupMeans =
    model.groups.length > 1
      ? visible.map(g => ({
          name: g.name,
          color: g.color,
          shape: meanShape(model.coords, g.rows)
        }))
      : [];
  return { spread, ellipses, outliers, groupMeans };
}

/** The outlier list's entries: each ranked row with its label, group and colour. */
export function outlierEntries(
  model: ILandmarkModel,
  outliers: readonly IOutlier[]
): IOutlierEntry[] {
  return outliers.map(o => ({
    ...o,
    label: rowLabel(model, o.row),
    group:
      model.groupBy === null ? null : model.groups[model.rowGroup[o.row]].name,
    color: model.groups[model.rowGroup[o.row]].color
  }));
}
