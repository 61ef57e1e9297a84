import { drawPolygon } from './fill';
import { ORGANS, OrganKey } from './organs';
import { forEachRun } from './rle';
import { IChexmaskRow } from './row';
import { MaskSource, organRing } from './organ-masks';

/**
 * All three organs of a row in one byte per pixel: bit `i` is set where the
 * organ `ORGANS[i]` covers the pixel (1 = right lung, 2 = left lung,
 * 4 = heart). A view paints it through an 8- or 64-entry colour table in one
 * pass, and hover tests are one byte read; overlapping organs keep both bits.
 */
export interface IOrganRaster {
  /** Height of the raster. */
  height: number;
  /** Width of the raster. */
  width: number;
  /** One byte per pixel, row-major: organ bits 0–2 (outline bits 3–5 once added). */
  bits: Uint8Array;
  /** Where each organ came from. */
  sources: Record<OrganKey, MaskSource>;
}

/** The bit of organ `index` (0–2) in a raster; outline bits are these shifted by 3. */
export function organBit(index: number): number {
  return 1 << index;
}

/**
 * Rasterise a row's organs straight into one bit-plane byte array: RLE runs
 * are OR-ed in without building three separate masks; organs without RLE
 * fall back to their filled landmark ring.
 */
export function rasterizeOrgans(
  row: IChexmaskRow,
  out?: Uint8Array
): IOrganRaster {
  const { height, width } = row;
  const total = height * width;
  const bits =
    out && out.length === total ? out.fill(0) : new Uint8Array(total);
  const sources = {} as Record<OrganKey, MaskSource>;
  let scratch: Uint8Array | null = null;
  ORGANS.forEach((organ, index) => {
    const bit = organBit(index);
    const rle = row.masks[organ.key];
    if (rle !== null) {
      forEachRun(rle, height, width, organ.column, (start, length) => {
        const end = start + length;
        for (let i = start; i < end; i++) {
          bits[i] |= bit;
        }
      });
      sources[organ.key] = 'rle';
    } else if (row.landmarks) {
      scratch = scratch ? scratch.fill(0) : new Uint8Array(total);
      drawPolygon(organRing(row.landmarks, organ), height, width, scratch);
      for (let i = 0; i < total; i++) {
        if (scratch[i]) {
          bits[i] |= bit;
        }
      }
      sources[organ.key] = 'landmarks';
    } else {
      sources[organ.key] = 'none';
    }
  });
  return { height, width, bits, sources };
}

/**
 * Add outline bits (3–5) to a raster: an organ's outline is its pixels with
 * a 4-neighbour outside the organ or the image, the same rule as
 * `maskOutline`. Idempotent.
 */
export function addOutlineBits(raster: IOrganRaster): void {
  const { height, width, bits } = raster;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const edgeRow = y === 0 || y === height - 1;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const inside = bits[i] & 7;
      if (inside === 0) {
        continue;
      }
      let outline: number;
      if (edgeRow || x === 0 || x === width - 1) {
        outline = inside;
      } else {
        // An organ bit missing from any neighbour marks the outline for that organ.
        const all =
          bits[i - 1] & bits[i + 1] & bits[i - width] & bits[i + width];
        outline = inside & ~all;
      }
      bits[i] = inside | (outline << 3);
    }
  }
}

/** Extract one organ's 0/1 mask from a raster. */
export function organMaskFromRaster(
  raster: IOrganRaster,
  index: number,
  out?: Uint8Array
): Uint8Array {
  const { bits } = raster;
  const mask = out ?? new Uint8Array(bits.length);
  const bit = organBit(index);
  for (let i = 0; i < bits.length; i++) {
    mask[i] = bits[i] & bit ? 1 : 0;
  }
  return mask;
}
