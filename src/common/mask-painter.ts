import {
  maskOutline,
  ORGANS,
  OrganKey,
  runsIntersect,
  runsOfMask,
  runsSubtract,
  runsToMask,
  runsUnion
} from '../core';
// Type imports only: the painter runs in the worker, which must not load
// the settings (Lumino) or d3.
import type { DrawMode } from '../settings';
import type { Rgb } from './colors';

/** What the painter draws. */
export interface IMaskStyle {
  colors: Record<OrganKey, Rgb>;
  visible: Record<OrganKey, boolean>;
  opacity: number;
  mode: DrawMode;
}

/**
 * Paints organ masks into RGBA pixels straight from their runs: each run is
 * one native `fill` of a colour word, and only pixels already covered by an
 * earlier organ are blended one by one ("over", in the order right lung, left
 * lung, heart), so overlaps stay visible. Which pixels are covered comes from
 * the runs painted before (see {@link paintRunsOver}), not from reading the
 * pixels: a 1024² row costs a pass over its ~1,400 runs and the pixels where
 * organs overlap, not a script loop over its ~250 k organ pixels (which a
 * fresh worker runs unoptimised). Outlines are drawn opaque over the fills:
 * "over" at alpha 1 is the colour itself, so they are plain fills. They are
 * derived once, when first asked for.
 */
export class MaskPainter {
  private _outlines: Record<OrganKey, Int32Array> | null = null;

  constructor(
    private readonly _runs: Record<OrganKey, Int32Array>,
    private readonly _height: number,
    private readonly _width: number
  ) {}

  /** Whether this painter paints masks of this size. */
  paints(height: number, width: number): boolean {
    return height === this._height && width === this._width;
  }

  /** Paint into `pixels` (RGBA of the mask's size), transparent elsewhere. */
  paint(pixels: Uint8ClampedArray, style: IMaskStyle): void {
    const out = new Uint32Array(
      pixels.buffer,
      pixels.byteOffset,
      this._height * this._width
    );
    out.fill(0);
    // The runs painted so far: where the next organ blends rather than fills.
    let covered: Int32Array = Private.NO_RUNS;
    if (style.mode !== 'outline' && style.opacity > 0) {
      for (const organ of ORGANS) {
        if (style.visible[organ.key]) {
          covered = paintRunsOver(
            out,
            this._runs[organ.key],
            covered,
            style.colors[organ.key],
            style.opacity
          );
        }
      }
    }
    if (style.mode !== 'filled') {
      const outlines = this._outlineRuns();
      for (const organ of ORGANS) {
        if (style.visible[organ.key]) {
          const [r, g, b] = style.colors[organ.key];
          Private.fillRuns(
            out,
            outlines[organ.key],
            Private.pack(r, g, b, 255)
          );
        }
      }
    }
  }

  private _outlineRuns(): Record<OrganKey, Int32Array> {
    if (!this._outlines) {
      const h = this._height;
      const w = this._width;
      const outlines = {} as Record<OrganKey, Int32Array>;
      for (const organ of ORGANS) {
        const mask = runsToMask(this._runs[organ.key], h, w);
        outlines[organ.key] = runsOfMask(maskOutline(mask, h, w));
      }
      this._outlines = outlines;
    }
    return this._outlines;
  }
}

/**
 * Paint runs with a colour into packed RGBA words: fill where empty, blend
 * "over" where an earlier run painted (so overlaps stay visible), reading
 * every pixel of the runs. The compare view's agreement map paints with it;
 * the organ masks use {@link paintRunsOver}, which finds the same pixels from
 * the runs painted before.
 */
export function paintRuns(
  out: Uint32Array,
  runs: Int32Array,
  rgb: Rgb,
  alpha: number
): void {
  const word = Private.pack(rgb[0], rgb[1], rgb[2], alpha * 255);
  for (let k = 0; k < runs.length; k += 2) {
    const start = runs[k];
    const end = start + runs[k + 1];
    let i = start;
    while (i < end) {
      if (out[i] !== 0) {
        out[i] = Private.over(out[i], rgb, alpha);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < end && out[j] === 0) {
        j++;
      }
      out.fill(word, i, j);
      i = j;
    }
  }
}

/**
 * Paint runs with a colour over pixels of which `covered` (sorted, disjoint
 * `[start, length, …]` runs, as the core makes them) are all that is
 * painted: the same pixels as {@link paintRuns}, found without reading
 * them. Uncovered stretches are native fills; covered pixels are blended
 * "over" one by one (blending over a transparent pixel gives the fill's
 * word, so a covered pixel that happens to be transparent comes out the
 * same). `runs` must be sorted and disjoint too.
 *
 * @returns The runs now painted: `covered` and `runs` together.
 */
export function paintRunsOver(
  out: Uint32Array,
  runs: Int32Array,
  covered: Int32Array,
  rgb: Rgb,
  alpha: number
): Int32Array {
  Private.fillRuns(
    out,
    runsSubtract(runs, covered),
    Private.pack(rgb[0], rgb[1], rgb[2], alpha * 255)
  );
  const blended = runsIntersect(runs, covered);
  for (let k = 0; k < blended.length; k += 2) {
    const end = blended[k] + blended[k + 1];
    for (let i = blended[k]; i < end; i++) {
      out[i] = Private.over(out[i], rgb, alpha);
    }
  }
  return runsUnion(covered, runs);
}

namespace Private {
  /** No runs. */
  export const NO_RUNS = new Int32Array(0);

  /** Fill every pixel of `runs` with `word`: one native fill per run. */
  export function fillRuns(
    out: Uint32Array,
    runs: Int32Array,
    word: number
  ): void {
    for (let k = 0; k < runs.length; k += 2) {
      out.fill(word, runs[k], runs[k] + runs[k + 1]);
    }
  }

  /** Pack RGBA bytes into a little-endian canvas word. */
  export function pack(r: number, g: number, b: number, a: number): number {
    return (
      ((Math.round(a) << 24) |
        (Math.round(b) << 16) |
        (Math.round(g) << 8) |
        Math.round(r)) >>>
      0
    );
  }

  /** Non-premultiplied "over" of a colour with `alpha` on a packed pixel. */
  export function over(dst: number, rgb: Rgb, alpha: number): number {
    const da = (dst >>> 24) / 255;
    const outA = alpha + da * (1 - alpha);
    const keep = da * (1 - alpha);
    const r = (rgb[0] * alpha + (dst & 0xff) * keep) / outA;
    const g = (rgb[1] * alpha + ((dst >>> 8) & 0xff) * keep) / outA;
    const b = (rgb[2] * alpha + ((dst >>> 16) & 0xff) * keep) / outA;
    return pack(r, g, b, outA * 255);
  }
}
