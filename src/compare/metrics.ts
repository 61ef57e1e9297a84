/**
 * The per-organ table computed by the TypeScript core (no DOM, so the
 * shared worker runs it too): Dice and IoU from the runs, HD, HD95 and ASSD
 * from the masks' surfaces (medpy's definitions, as the kernel's
 * `compare/metrics.py`), areas, and the mean landmark distance when both
 * sides have 120 landmarks; and the check of the kernel's table against it.
 */
import {
  LandmarkPoint,
  numpyMean,
  ORGANS,
  OrganKey,
  overlap,
  surfaceDistances
} from '../core';
import type { IOrganMetrics } from './payload';

/** What the metrics are computed from: both sides' runs and landmarks. */
export interface IMetricsInput {
  height: number;
  width: number;
  a: Record<OrganKey, Int32Array>;
  b: Record<OrganKey, Int32Array>;
  landmarksA: LandmarkPoint[] | null;
  landmarksB: LandmarkPoint[] | null;
}

/** The table of every organ. */
export function compareMetrics(
  input: IMetricsInput
): Record<OrganKey, IOrganMetrics> {
  const out = {} as Record<OrganKey, IOrganMetrics>;
  for (const organ of ORGANS) {
    const a = input.a[organ.key];
    const b = input.b[organ.key];
    const { dice, iou, areaA, areaB } = overlap(a, b);
    const { hd, hd95, assd } = surfaceDistances(
      a,
      b,
      input.height,
      input.width
    );
    out[organ.key] = {
      dice,
      iou,
      hd,
      hd95,
      assd,
      areaA,
      areaB,
      landmarkDistance: landmarkDistance(
        input.landmarksA,
        input.landmarksB,
        organ.start,
        organ.end
      )
    };
  }
  return out;
}

/**
 * The mean distance of corresponding landmarks `start … end - 1` (numpy's
 * mean, as the kernel takes it), or `NaN` unless both sides have them.
 */
export function landmarkDistance(
  a: LandmarkPoint[] | null,
  b: LandmarkPoint[] | null,
  start: number,
  end: number
): number {
  if (!a || !b) {
    return NaN;
  }
  const each = new Float64Array(end - start);
  for (let i = start; i < end; i++) {
    const dx = a[i][0] - b[i][0];
    const dy = a[i][1] - b[i][1];
    each[i - start] = Math.sqrt(dx * dx + dy * dy);
  }
  return numpyMean(each);
}

/** The table's values, in the order of its columns. */
export const METRIC_NAMES: ReadonlyArray<keyof IOrganMetrics> = [
  'dice',
  'iou',
  'hd',
  'hd95',
  'assd',
  'areaA',
  'areaB',
  'landmarkDistance'
];

/** A value on which the kernel and the browser disagree. */
export interface IMetricDifference {
  organ: OrganKey;
  metric: keyof IOrganMetrics;
  kernel: number;
  browser: number;
}

/** The check of the kernel's table against the browser's. */
export interface IMetricCheck {
  /** Values that differ by more than rounding (relative 10⁻⁹), or where one is undefined. */
  differences: IMetricDifference[];
  /** The largest absolute difference of the values both define. */
  largest: number;
}

/**
 * Compare the kernel's table with the browser's value by value. Both follow
 * medpy's definitions with the same floating-point steps, so they should be
 * equal to the last bit; anything beyond rounding is a disagreement the view
 * shows.
 */
export function checkMetrics(
  kernel: Record<OrganKey, IOrganMetrics>,
  browser: Record<OrganKey, IOrganMetrics>
): IMetricCheck {
  const differences: IMetricDifference[] = [];
  let largest = 0;
  for (const { key } of ORGANS) {
    for (const metric of METRIC_NAMES) {
      const k = kernel[key][metric];
      const b = browser[key][metric];
      if (Number.isNaN(k) || Number.isNaN(b)) {
        if (Number.isNaN(k) !== Number.isNaN(b)) {
          differences.push({ organ: key, metric, kernel: k, browser: b });
        }
        continue;
      }
      const d = Math.abs(k - b);
      largest = Math.max(largest, d);
      if (d > 1e-9 * Math.max(1, Math.abs(k))) {
        differences.push({ organ: key, metric, kernel: k, browser: b });
      }
    }
  }
  return { differences, largest };
}
