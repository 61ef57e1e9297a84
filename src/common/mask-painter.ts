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
 * lung, heart), so overlaps stay visible. A 1024² row costs its ~250 k organ
 * pixels, not a pass over the million pixels of the image. Outlines (drawn
 * opaque over the fills) are derived once, when first asked for.
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
    if (style.mode !== 'outline' && style.opacity > 0) {
      for (const organ of ORGANS) {
        if (style.visible[organ.key]) {
          paintRuns(
            out,
            this._runs[organ.key],
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
          paintRuns(out, outlines[organ.key], style.colors[organ.key], 1);
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

namespace Private {
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
