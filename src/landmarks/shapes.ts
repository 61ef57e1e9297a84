/**
 * Shape statistics of many landmark rows, without DOM. Shapes are stored flat:
 * row r, landmark k has x at `coords[(r * 120 + k) * 2]` and y right after,
 * in the plot's frame (mask pixels or normalised units, y pointing down).
 */
import { LANDMARK_COUNT } from '../core';

/** Numbers per shape: 120 landmarks × (x, y). */
export const SHAPE_STRIDE = 2 * LANDMARK_COUNT;

/** The mean shape and per-landmark covariance of a set of rows. */
export interface ILandmarkSpread {
  /** Rows the statistics are over. */
  count: number;
  /** Mean shape, 240 numbers `x0, y0, x1, y1, …` (NaN when `count` is 0). */
  mean: Float64Array;
  /**
   * Per landmark k the sample covariance (divisor `count - 1`; zero for one
   * row) at `[3k]` = var(x), `[3k + 1]` = cov(x, y), `[3k + 2]` = var(y).
   */
  covariance: Float64Array;
}

/**
 * The mean shape of `rows` (indices into `coords`): per landmark, the mean x
 * and mean y over the rows. NaN everywhere when `rows` is empty.
 */
export function meanShape(
  coords: Float64Array,
  rows: ArrayLike<number>
): Float64Array {
  const sum = new Float64Array(SHAPE_STRIDE);
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const base = rows[i] * SHAPE_STRIDE;
    for (let j = 0; j < SHAPE_STRIDE; j++) {
      sum[j] += coords[base + j];
    }
  }
  for (let j = 0; j < SHAPE_STRIDE; j++) {
    sum[j] = n > 0 ? sum[j] / n : NaN;
  }
  return sum;
}

/**
 * Mean shape and per-landmark 2×2 covariance of `rows`, in two passes (mean
 * first, then centred products) so large offsets such as 1024-pixel
 * coordinates lose no precision to cancellation.
 */
export function landmarkSpread(
  coords: Float64Array,
  rows: ArrayLike<number>
): ILandmarkSpread {
  const mean = meanShape(coords, rows);
  const n = rows.length;
  const covariance = new Float64Array(3 * LANDMARK_COUNT);
  for (let i = 0; i < n; i++) {
    const base = rows[i] * SHAPE_STRIDE;
    for (let k = 0; k < LANDMARK_COUNT; k++) {
      const dx = coords[base + 2 * k] - mean[2 * k];
      const dy = coords[base + 2 * k + 1] - mean[2 * k + 1];
      covariance[3 * k] += dx * dx;
      covariance[3 * k + 1] += dx * dy;
      covariance[3 * k + 2] += dy * dy;
    }
  }
  const divisor = n > 1 ? n - 1 : 1;
  for (let j = 0; j < covariance.length; j++) {
    covariance[j] = n > 0 ? covariance[j] / divisor : NaN;
  }
  return { count: n, mean, covariance };
}

/** A one-standard-deviation ellipse: semi-axes and the major axis' direction. */
export interface IEllipse {
  /** Semi-major axis: the square root of the larger eigenvalue. */
  major: number;
  /** Semi-minor axis: the square root of the smaller eigenvalue. */
  minor: number;
  /**
   * Direction of the major axis in radians, in (-π/2, π/2], measured from +x
   * towards +y. The frame's y points down, so a positive angle turns
   * clockwise on screen, as SVG's `rotate()` does.
   */
  angle: number;
}

/**
 * The one-standard-deviation ellipse of a 2×2 covariance
 * `[[sxx, sxy], [sxy, syy]]`: the eigenvalues λ₁ ≥ λ₂ of the symmetric matrix
 * give the semi-axes √λ₁, √λ₂; the eigenvector of λ₁ gives the angle
 * ½·atan2(2·sxy, sxx − syy).
 */
export function covarianceEllipse(
  sxx: number,
  sxy: number,
  syy: number
): IEllipse {
  const half = (sxx + syy) / 2;
  const radius = Math.hypot((sxx - syy) / 2, sxy);
  const l1 = half + radius;
  // Rounding can push a (near) zero eigenvalue slightly below zero.
  const l2 = Math.max(0, half - radius);
  let angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  // atan2(-0, negative) is -π: the same axis as +π/2.
  if (angle <= -Math.PI / 2) {
    angle += Math.PI;
  }
  return { major: Math.sqrt(Math.max(0, l1)), minor: Math.sqrt(l2), angle };
}

/**
 * The distance of a shape to the mean shape: the mean over the 120 landmarks
 * of the Euclidean distance between the row's point and the mean's, in the
 * frame's units (pixels, or normalised units).
 */
export function shapeDistance(
  coords: Float64Array,
  row: number,
  mean: Float64Array
): number {
  const base = row * SHAPE_STRIDE;
  let sum = 0;
  for (let k = 0; k < LANDMARK_COUNT; k++) {
    const dx = coords[base + 2 * k] - mean[2 * k];
    const dy = coords[base + 2 * k + 1] - mean[2 * k + 1];
    // Not Math.hypot: ten times slower in V8, and 1.2 M calls at 10,000 rows.
    sum += Math.sqrt(dx * dx + dy * dy);
  }
  return sum / LANDMARK_COUNT;
}

/** A row far from the mean shape. */
export interface IOutlier {
  /** Row index in the payload. */
  row: number;
  /** {@link shapeDistance} to the mean. */
  distance: number;
}

/**
 * The `top` rows of `rows` furthest from `mean` by {@link shapeDistance},
 * furthest first; equal distances keep payload order. One pass with a small
 * sorted buffer: O(rows × top), no sort of all 10,000 distances.
 */
export function rankOutliers(
  coords: Float64Array,
  rows: ArrayLike<number>,
  mean: Float64Array,
  top = 10
): IOutlier[] {
  const best: IOutlier[] = [];
  if (top < 1) {
    return best;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const distance = shapeDistance(coords, row, mean);
    if (best.length === top && !isFurther(distance, row, best[top - 1])) {
      continue;
    }
    let at = best.length;
    while (at > 0 && isFurther(distance, row, best[at - 1])) {
      at--;
    }
    best.splice(at, 0, { row, distance });
    if (best.length > top) {
      best.pop();
    }
  }
  return best;
}

/** Whether (distance, row) ranks before `other`: further, or as far and earlier. */
function isFurther(distance: number, row: number, other: IOutlier): boolean {
  return (
    distance > other.distance ||
    (distance === other.distance && row < other.row)
  );
}
