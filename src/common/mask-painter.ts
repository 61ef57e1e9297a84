import {
  decodeRle,
  encodeRle,
  maskOutline,
  ORGANS,
  OrganKey,
  parseRuns,
  runsToRle
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
 * fresh worker runs unoptimised). Outlines (drawn opaque over the fills) are
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
          covered = paintRunsOver(
            out,
            outlines[organ.key],
            covered,
            style.colors[organ.key],
            1
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
        const mask = decodeRle(runsToRle(this._runs[organ.key]), h, w);
        outlines[organ.key] = parseRuns(
          encodeRle(maskOutline(mask, h, w), h, w),
          h,
          w
        );
      }
      this._outlines = outlines;
    }
    return this._outlines;
  }
}

/**
 * Paint runs with a colour into packed RGBA words: fill where empty, blend
 * "over" where an earlier run painted (so overlaps stay visible). What every
 * mask picture is made of: the organ masks here, the agreement map of the
 * compare view.
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
  const word = Private.pack(rgb[0], rgb[1], rgb[2], alpha * 255);
  // The first covered run that may meet the current run.
  let c = 0;
  for (let k = 0; k < runs.length; k += 2) {
    let i = runs[k];
    const end = i + runs[k + 1];
    while (c < covered.length && covered[c] + covered[c + 1] <= i) {
      c += 2;
    }
    while (i < end) {
      if (c < covered.length && covered[c] < end) {
        const coveredEnd = covered[c] + covered[c + 1];
        if (covered[c] > i) {
          out.fill(word, i, covered[c]);
          i = covered[c];
        }
        const stop = Math.min(coveredEnd, end);
        for (; i < stop; i++) {
          out[i] = Private.over(out[i], rgb, alpha);
        }
        if (coveredEnd <= end) {
          c += 2;
        }
      } else {
        out.fill(word, i, end);
        i = end;
      }
    }
  }
  return Private.union(covered, runs);
}

namespace Private {
  /** No runs. */
  export const NO_RUNS = new Int32Array(0);

  /** The union of two sorted, disjoint run lists, sorted and disjoint. */
  export function union(a: Int32Array, b: Int32Array): Int32Array {
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
