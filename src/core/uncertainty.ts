/**
 * CheXmask-U's landmark uncertainty in one number per landmark: the mean of
 * its two standard deviations, (σx + σy) / 2, as the release's authors draw
 * and compare it. `cm.measure` (Python) computes its `Landmark σ` columns
 * with the same definitions.
 */
import { LandmarkSigma } from './landmarks';
import { ORGANS, OrganKey } from './organs';

/** (σx + σy) / 2 of one landmark, in mask pixels. */
export function nodeSigma(sigma: Readonly<LandmarkSigma>): number {
  return (sigma[0] + sigma[1]) / 2;
}

/**
 * The mean of {@link nodeSigma} over landmarks `start` to `end` (exclusive),
 * summed in index order (as numpy's mean of 120 values sums them).
 */
export function meanSigma(
  sigma: ReadonlyArray<Readonly<LandmarkSigma>>,
  start = 0,
  end = sigma.length
): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    sum += nodeSigma(sigma[i]);
  }
  return sum / (end - start);
}

/** {@link meanSigma} of each organ's landmarks. */
export function organSigmas(
  sigma: ReadonlyArray<Readonly<LandmarkSigma>>
): Record<OrganKey, number> {
  const out = {} as Record<OrganKey, number>;
  for (const organ of ORGANS) {
    out[organ.key] = meanSigma(sigma, organ.start, organ.end);
  }
  return out;
}
