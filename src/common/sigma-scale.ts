/**
 * The colour scale of landmark uncertainty (CheXmask-U's σ): viridis, a
 * perceptually uniform sequential scale that stays ordered in grey and for
 * colour-blind readers, from 0 to a round number of pixels at or above the
 * largest σ shown. The row view and the landmark plot colour by it, and
 * their colour bars show it.
 */
import { interpolateViridis, scaleLinear } from 'd3';

/** A σ colour scale: its domain `[0, max]` in pixels and its colours. */
export interface ISigmaScale {
  /** The top of the domain, in pixels: a round number ≥ the largest σ. */
  readonly max: number;
  /** The colour (`#rrggbb`) of a σ in pixels; clamped to the domain. */
  color(sigma: number): string;
  /** Round values for the colour bar's ticks, in pixels. */
  ticks(count?: number): number[];
}

/**
 * The scale for σ values up to `largest` pixels: its top is d3's "nice"
 * round number at or above `largest` (1 when there is no positive σ), so
 * the colour bar reads in round pixels.
 */
export function sigmaScale(largest: number): ISigmaScale {
  const top = Number.isFinite(largest) && largest > 0 ? largest : 1;
  const linear = scaleLinear().domain([0, top]).nice();
  const max = linear.domain()[1];
  return {
    max,
    color: sigma =>
      interpolateViridis(Math.min(1, Math.max(0, sigma / max)) || 0),
    ticks: (count = 5) => linear.ticks(count)
  };
}
