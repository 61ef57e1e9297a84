import { checkMaskSize } from './dimensions';
import { forEachRun, RleValue } from './rle';

/*
 * Runs: a mask as `[start0, length, start0, length, …]` with 0-based starts.
 */

/**
 * The runs of a CheXmask RLE cell as `[start0, length, start0, length, …]`
 * (0-based starts), checked like {@link decodeRle}. Painting and hit-testing
 * work on runs directly: a 1024² lung is ~500 runs, not a million bytes.
 */
export function parseRuns(
  rle: RleValue,
  height: number,
  width: number,
  field = 'RLE'
): Int32Array {
  checkMaskSize(height, width);
  const runs: number[] = [];
  forEachRun(rle, height, width, field, (start0, length) => {
    runs.push(start0, length);
  });
  return Int32Array.from(runs);
}

/** Whether 0-based pixel `index` lies in one of `runs` (binary search). */
export function runsContain(runs: Int32Array, index: number): boolean {
  let lo = 0;
  let hi = (runs.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = runs[2 * mid];
    if (index < start) {
      hi = mid - 1;
    } else if (index >= start + runs[2 * mid + 1]) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

/** Pixels covered by runs. */
export function runsArea(runs: Int32Array): number {
  let n = 0;
  for (let k = 1; k < runs.length; k += 2) {
    n += runs[k];
  }
  return n;
}

/** A `height × width` 0/1 mask of runs (no RLE text in between). */
export function runsToMask(
  runs: Int32Array,
  height: number,
  width: number
): Uint8Array {
  const mask = new Uint8Array(height * width);
  for (let k = 0; k < runs.length; k += 2) {
    mask.fill(1, runs[k], runs[k] + runs[k + 1]);
  }
  return mask;
}

/** Runs (0-based `[start, length, …]`) back to a CheXmask RLE string (1-based starts). */
export function runsToRle(runs: Int32Array): string {
  const parts: string[] = new Array(runs.length >> 1);
  for (let k = 0; k < runs.length; k += 2) {
    parts[k >> 1] = `${runs[k] + 1} ${runs[k + 1]}`;
  }
  return parts.join(' ');
}
