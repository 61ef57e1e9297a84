/**
 * Measurements on decoded row-major 0/1 masks: area, bounding box, centroid,
 * outline, horizontal extents and the cardiothoracic ratio.
 */

/** Inclusive pixel bounds of a mask. */
export interface IBoundingBox {
  rowMin: number;
  rowMax: number;
  colMin: number;
  colMax: number;
}

/** Area, bounds and centre of one mask. */
export interface IMaskStats {
  /** Pixels inside the mask. */
  pixels: number;
  /** `pixels` as a share of the image, 0–1. */
  share: number;
  /** Bounds, or `null` for an empty mask. */
  bbox: IBoundingBox | null;
  /** Centre of mass in pixel coordinates (x = column, y = row), or `null`. */
  centroid: { x: number; y: number } | null;
}

/** Area, bounding box and centroid of a mask, in one pass. */
export function maskStats(
  mask: Uint8Array,
  height: number,
  width: number
): IMaskStats {
  let pixels = 0;
  let sumX = 0;
  let sumY = 0;
  let rowMin = height;
  let rowMax = -1;
  let colMin = width;
  let colMax = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    let count = 0;
    let sum = 0;
    for (let x = 0; x < width; x++) {
      if (mask[row + x] !== 0) {
        if (first < 0) {
          first = x;
        }
        last = x;
        count++;
        sum += x;
      }
    }
    if (count > 0) {
      pixels += count;
      sumX += sum;
      sumY += count * y;
      if (y < rowMin) {
        rowMin = y;
      }
      rowMax = y;
      colMin = Math.min(colMin, first);
      colMax = Math.max(colMax, last);
    }
  }
  return {
    pixels,
    share: pixels / (height * width),
    bbox: pixels ? { rowMin, rowMax, colMin, colMax } : null,
    centroid: pixels ? { x: sumX / pixels, y: sumY / pixels } : null
  };
}

/** Number of set pixels. */
export function maskArea(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    n += mask[i] !== 0 ? 1 : 0;
  }
  return n;
}

/**
 * The outline of a mask for drawing: inside pixels with at least one
 * 4-neighbour outside the mask or the image.
 */
export function maskOutline(
  mask: Uint8Array,
  height: number,
  width: number,
  out?: Uint8Array
): Uint8Array {
  const outline = out ?? new Uint8Array(height * width);
  if (out) {
    outline.fill(0);
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (mask[i] === 0) {
        continue;
      }
      if (
        x === 0 ||
        x === width - 1 ||
        y === 0 ||
        y === height - 1 ||
        mask[i - 1] === 0 ||
        mask[i + 1] === 0 ||
        mask[i - width] === 0 ||
        mask[i + width] === 0
      ) {
        outline[i] = 1;
      }
    }
  }
  return outline;
}

/** A horizontal measurement on one image row, columns inclusive. */
export interface IHorizontalExtent {
  /** The image row where the extent is measured. */
  row: number;
  /** Leftmost column. */
  x0: number;
  /** Rightmost column. */
  x1: number;
  /** `x1 - x0 + 1` pixels. */
  width: number;
}

/**
 * The widest horizontal extent of the union of masks: per image row, from the
 * leftmost to the rightmost set pixel of any of them; the first widest row wins.
 *
 * @returns The extent, or `null` when all masks are empty.
 */
export function widestExtent(
  masks: ReadonlyArray<Uint8Array>,
  height: number,
  width: number
): IHorizontalExtent | null {
  let best: IHorizontalExtent | null = null;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x0 = width;
    let x1 = -1;
    for (const mask of masks) {
      for (let x = 0; x < x0; x++) {
        if (mask[row + x] !== 0) {
          x0 = x;
          break;
        }
      }
      for (let x = width - 1; x > x1; x--) {
        if (mask[row + x] !== 0) {
          x1 = x;
          break;
        }
      }
    }
    if (x1 >= x0 && (!best || x1 - x0 + 1 > best.width)) {
      best = { row: y, x0, x1, width: x1 - x0 + 1 };
    }
  }
  return best;
}

/** The cardiothoracic ratio and where its two widths were measured. */
export interface ICardiothoracicRatio {
  /** Heart width over thorax width. */
  ratio: number;
  /** The widest horizontal extent of the heart. */
  heart: IHorizontalExtent;
  /** The widest horizontal extent across both lungs. */
  thorax: IHorizontalExtent;
}

/**
 * The cardiothoracic ratio: the widest horizontal extent of the heart over
 * the widest horizontal extent of the thorax across both lungs (from the
 * outer edge of one lung to the outer edge of the other on one row).
 *
 * @returns The ratio with both measurements, or `null` if the heart or both
 *   lungs are empty.
 */
export function cardiothoracicRatio(
  rightLung: Uint8Array,
  leftLung: Uint8Array,
  heart: Uint8Array,
  height: number,
  width: number
): ICardiothoracicRatio | null {
  const heartExtent = widestExtent([heart], height, width);
  const thorax = widestExtent([rightLung, leftLung], height, width);
  if (!heartExtent || !thorax) {
    return null;
  }
  return {
    ratio: heartExtent.width / thorax.width,
    heart: heartExtent,
    thorax
  };
}

/**
 * The Dice coefficient of two masks of the same size: 2|A∩B| / (|A| + |B|),
 * and 1 when both are empty.
 */
export function diceCoefficient(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `masks differ in size: ${a.length} and ${b.length} pixels`
    );
  }
  let both = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i] !== 0 ? 1 : 0;
    const v = b[i] !== 0 ? 1 : 0;
    both += u & v;
    sum += u + v;
  }
  return sum === 0 ? 1 : (2 * both) / sum;
}
