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

/**
 * The runs of `A ∩ B` (`keepB` true) or `A \ B` (`keepB` false) of two sorted,
 * disjoint run lists (they may touch): one merge pass over both, so an
 * agreement map is painted from runs without decoding a mask. Output runs
 * are sorted and disjoint; pieces that touch are not merged.
 */
function runsCombine(a: Int32Array, b: Int32Array, keepB: boolean): Int32Array {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i];
    const end = start + a[i + 1];
    // Skip B's runs wholly before this run of A.
    while (j < b.length && b[j] + b[j + 1] <= start) {
      j += 2;
    }
    for (let k = j; k < b.length && b[k] < end; k += 2) {
      const bStart = Math.max(b[k], start);
      const bEnd = Math.min(b[k] + b[k + 1], end);
      if (keepB) {
        out.push(bStart, bEnd - bStart);
      } else if (bStart > start) {
        out.push(start, bStart - start);
      }
      start = bEnd;
    }
    if (!keepB && end > start) {
      out.push(start, end - start);
    }
  }
  return Int32Array.from(out);
}

/** The runs of the pixels in both masks (see {@link runsCombine}). */
export function runsIntersect(a: Int32Array, b: Int32Array): Int32Array {
  return runsCombine(a, b, true);
}

/** The runs of the pixels of `a` that are not in `b` (see {@link runsCombine}). */
export function runsSubtract(a: Int32Array, b: Int32Array): Int32Array {
  return runsCombine(a, b, false);
}

/**
 * The runs of the pixels in either mask, of two sorted, disjoint run lists
 * (they may touch): one merge pass, pieces that overlap or touch merged, so
 * the output is sorted and disjoint. Returns `b` itself when `a` is empty.
 */
export function runsUnion(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) {
    return b;
  }
  const out = new Int32Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let start: number;
    let length: number;
    if (j >= b.length || (i < a.length && a[i] <= b[j])) {
      start = a[i];
      length = a[i + 1];
      i += 2;
    } else {
      start = b[j];
      length = b[j + 1];
      j += 2;
    }
    const lastEnd = n > 0 ? out[n - 2] + out[n - 1] : -1;
    if (n > 0 && start <= lastEnd) {
      out[n - 1] = Math.max(lastEnd, start + length) - out[n - 2];
    } else {
      out[n] = start;
      out[n + 1] = length;
      n += 2;
    }
  }
  return out.subarray(0, n);
}
