import { ChexmaskFormatError } from './errors';

/**
 * The largest mask the core will allocate, in pixels (Height × Width).
 *
 * 100 megapixels: comfortably above the largest chest x-ray in CheXmask
 * (about 3,000 × 3,000 = 9 MP at original resolution) and above the 50 MP a
 * stitched or super-resolved image might need, while a hostile `Height` of
 * 10⁵ × 10⁵ is refused before any buffer is created.
 */
export const MAX_MASK_PIXELS = 100_000_000;

/** The mask size used when a row has no `Height`/`Width` (CheXmask's network input). */
export const DEFAULT_MASK_SIZE = 1024;

/**
 * Check a mask size before anything is allocated for it.
 *
 * @throws ChexmaskFormatError naming `Height` or `Width` when a side is not a
 *   positive integer, or `Height` when the area exceeds {@link MAX_MASK_PIXELS}.
 */
export function checkMaskSize(height: number, width: number): void {
  checkSide(height, 'Height');
  checkSide(width, 'Width');
  const pixels = height * width;
  if (pixels > MAX_MASK_PIXELS) {
    throw new ChexmaskFormatError(
      'Height',
      `a ${height}×${width} mask has ${pixels} pixels, above the limit of ${MAX_MASK_PIXELS}`
    );
  }
}

function checkSide(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ChexmaskFormatError(
      field,
      `must be a positive integer number of pixels, got ${String(value)}`
    );
  }
}
