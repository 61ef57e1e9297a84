/**
 * Colouring a landmark plot by CheXmask-U's σ: each row in the colour of its
 * mean landmark σ, (σx + σy) / 2 over its 120 landmarks, on the σ colour
 * scale (viridis, 0 to a round number of pixels at or above the largest
 * row's). The contour cloud paints rows grouped by colour, so the rows are
 * binned into {@link SIGMA_BINS} bands of the scale, each in the colour of
 * its middle; rows without σ are drawn grey, underneath.
 */
import { ISigmaScale, sigmaScale } from '../common/sigma-scale';
import type { IDensityGroup } from './density';
import type { IParsedLandmarkRow } from './payload';

/** How many colour bands the σ scale is cut into for the contour cloud. */
export const SIGMA_BINS = 12;

/** The colour of rows without σ when the plot is coloured by σ. */
export const NO_SIGMA_COLOR = '#9e9e9e';

/** What a plot is coloured by: its groups, or each row's mean σ. */
export type ColorBy = 'group' | 'sigma';

/** The σ scale of a plot's rows, or `null` when no row carries σ. */
export function plotSigmaScale(
  rows: ReadonlyArray<IParsedLandmarkRow>
): ISigmaScale | null {
  let largest = -Infinity;
  for (const row of rows) {
    if (row.meanSigma !== null) {
      largest = Math.max(largest, row.meanSigma);
    }
  }
  return largest === -Infinity ? null : sigmaScale(largest);
}

/** The band of {@link SIGMA_BINS} a mean σ falls in on `scale`. */
export function sigmaBin(scale: ISigmaScale, sigma: number): number {
  return Math.min(
    SIGMA_BINS - 1,
    Math.max(0, Math.floor((sigma / scale.max) * SIGMA_BINS))
  );
}

/** The colour of a band: the scale's colour at its middle. */
export function sigmaBinColor(scale: ISigmaScale, bin: number): string {
  return scale.color(((bin + 0.5) / SIGMA_BINS) * scale.max);
}

/**
 * The contour cloud's groups when coloured by σ: the rows `shown` (1 for a
 * row drawn) without σ first, in grey, then one group per band, low σ to
 * high, so the most uncertain rows lie on top.
 */
export function sigmaDensityGroups(
  rows: ReadonlyArray<IParsedLandmarkRow>,
  scale: ISigmaScale,
  shown: Uint8Array
): IDensityGroup[] {
  const members: number[][] = Array.from({ length: SIGMA_BINS + 1 }, () => []);
  rows.forEach((row, r) => {
    if (shown[r]) {
      const m = row.meanSigma;
      members[m === null ? 0 : 1 + sigmaBin(scale, m)].push(r);
    }
  });
  return members
    .map((list, i) => ({
      rows: Int32Array.from(list),
      color: i === 0 ? NO_SIGMA_COLOR : sigmaBinColor(scale, i - 1)
    }))
    .filter(group => group.rows.length > 0);
}

/** A row's colour by σ: the scale's colour of its mean σ, grey without σ. */
export function rowSigmaColor(
  row: IParsedLandmarkRow,
  scale: ISigmaScale
): string {
  return row.meanSigma === null ? NO_SIGMA_COLOR : scale.color(row.meanSigma);
}
