import { addOutlineBits, IOrganRaster, ORGANS, OrganKey } from '../core';
import { Rgb } from '../common';
import { DrawMode } from '../settings';

/** What the compositor draws. */
export interface ICompositeStyle {
  colors: Record<OrganKey, Rgb>;
  visible: Record<OrganKey, boolean>;
  opacity: number;
  mode: DrawMode;
}

/**
 * Paints an organ raster into RGBA pixels through a 64-entry colour table
 * (3 fill bits + 3 outline bits), so any change of colour, opacity, mode or
 * visible organs is one pass over the pixels. Overlapping organs are blended
 * ("over" in order right lung, left lung, heart), never overwritten; outlines
 * are drawn opaque over the fills.
 */
export class MaskCompositor {
  private _outlines = false;

  constructor(private readonly _raster: IOrganRaster) {}

  /**
   * Paint into `pixels` (RGBA, the raster's size), transparent where no
   * visible organ is.
   */
  paint(pixels: Uint8ClampedArray, style: ICompositeStyle): void {
    if (style.mode !== 'filled' && !this._outlines) {
      addOutlineBits(this._raster);
      this._outlines = true;
    }
    const table = colourTable(style);
    const bits = this._raster.bits;
    const out = new Uint32Array(pixels.buffer, pixels.byteOffset, bits.length);
    for (let i = 0; i < bits.length; i++) {
      out[i] = table[bits[i]];
    }
  }
}

/** The 64 RGBA words (little-endian ABGR) for every combination of bits. */
function colourTable(style: ICompositeStyle): Uint32Array {
  const table = new Uint32Array(64);
  const fillAlpha = style.mode === 'outline' ? 0 : style.opacity;
  const drawOutline = style.mode !== 'filled';
  for (let code = 0; code < 64; code++) {
    // Non-premultiplied "over" compositing, back to front.
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    const over = (rgb: Rgb, alpha: number): void => {
      const outA = alpha + a * (1 - alpha);
      if (outA <= 0) {
        return;
      }
      r = (rgb[0] * alpha + r * a * (1 - alpha)) / outA;
      g = (rgb[1] * alpha + g * a * (1 - alpha)) / outA;
      b = (rgb[2] * alpha + b * a * (1 - alpha)) / outA;
      a = outA;
    };
    ORGANS.forEach((organ, index) => {
      if (style.visible[organ.key] && code & (1 << index) && fillAlpha > 0) {
        over(style.colors[organ.key], fillAlpha);
      }
    });
    if (drawOutline) {
      ORGANS.forEach((organ, index) => {
        if (style.visible[organ.key] && code & (8 << index)) {
          over(style.colors[organ.key], 1);
        }
      });
    }
    table[code] =
      ((Math.round(a * 255) << 24) |
        (Math.round(b) << 16) |
        (Math.round(g) << 8) |
        Math.round(r)) >>>
      0;
  }
  return table;
}
