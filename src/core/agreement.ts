import { runsArea } from './runs';

/*
 * Overlap of two masks from their runs (`[start0, length, …]`, see runs.ts):
 * Dice and IoU as medpy's `dc` and `jc` compute them, without decoding a mask.
 */

/** The overlap of two masks of one size. */
export interface IOverlap {
  /** Pixels of A. */
  areaA: number;
  /** Pixels of B. */
  areaB: number;
  /** Pixels in both. */
  intersection: number;
  /** `2|A∩B| / (|A| + |B|)`; 1 when both are empty. */
  dice: number;
  /** `|A∩B| / |A∪B|`; 1 when both are empty. */
  iou: number;
}

/**
 * `|A ∩ B|` of two sorted, disjoint run lists (they may touch): one merge
 * pass over both.
 */
export function runsIntersection(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const aStart = a[i];
    const aEnd = aStart + a[i + 1];
    const bStart = b[j];
    const bEnd = bStart + b[j + 1];
    const lo = Math.max(aStart, bStart);
    const hi = Math.min(aEnd, bEnd);
    if (hi > lo) {
      total += hi - lo;
    }
    if (aEnd <= bEnd) {
      i += 2;
    } else {
      j += 2;
    }
  }
  return total;
}

/** Dice and IoU of two masks' runs (medpy's `dc`, `jc`; both empty: 1). */
export function overlap(a: Int32Array, b: Int32Array): IOverlap {
  const areaA = runsArea(a);
  const areaB = runsArea(b);
  const intersection = runsIntersection(a, b);
  const total = areaA + areaB;
  const union = total - intersection;
  return {
    areaA,
    areaB,
    intersection,
    dice: total > 0 ? (2 * intersection) / total : 1,
    iou: union > 0 ? intersection / union : 1
  };
}
