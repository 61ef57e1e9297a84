/**
 * One pixel buffer that every row view paints through: painting is
 * synchronous and ends in `putImageData`, so a view needs the buffer only
 * while it paints. Sharing it saves a 4 MB allocation (and its garbage) per
 * 1024² paint when many outputs paint while scrolling; the one kept is the
 * last size painted, so memory stays bounded by one mask.
 */
let scratch: ImageData | null = null;

/** A buffer of the given size (its pixels are whatever was painted last). */
export function scratchImage(
  context: CanvasRenderingContext2D,
  width: number,
  height: number
): ImageData {
  if (!scratch || scratch.width !== width || scratch.height !== height) {
    scratch = context.createImageData(width, height);
  }
  return scratch;
}
