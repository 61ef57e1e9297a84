/**
 * RGBA pixels to `ImageBitmap`s in the worker: one `OffscreenCanvas` and
 * one pixel buffer per size are kept and reused (a scroll through many
 * outputs of the same size allocates nothing per paint), and each bitmap is
 * handed over with `transferToImageBitmap`, so the page only draws it.
 */

/**
 * The pixel buffer of the given size to paint into, then hand to
 * {@link bitmapOf}. Its content is whatever was painted last.
 */
export function pixelsOf(width: number, height: number): ImageData {
  const kept = Private.scratch(width, height);
  return kept.image;
}

/** The pixels of {@link pixelsOf} as a bitmap, to transfer to the page. */
export function bitmapOf(image: ImageData): ImageBitmap {
  const kept = Private.scratch(image.width, image.height);
  kept.context.putImageData(image, 0, 0);
  return kept.canvas.transferToImageBitmap();
}

namespace Private {
  /** A canvas and a buffer of one size. */
  export interface IScratch {
    canvas: OffscreenCanvas;
    context: OffscreenCanvasRenderingContext2D;
    image: ImageData;
  }

  /** The last two sizes used (masks and x-ray may differ). */
  const kept: IScratch[] = [];

  /** The canvas and buffer of a size, made on first use. */
  export function scratch(width: number, height: number): IScratch {
    const index = kept.findIndex(
      k => k.image.width === width && k.image.height === height
    );
    if (index >= 0) {
      const [found] = kept.splice(index, 1);
      kept.unshift(found);
      return found;
    }
    const canvas = new OffscreenCanvas(width, height);
    // In memory: the pixels are put, not drawn, and the page copies them.
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const made = {
      canvas,
      context,
      image: context.createImageData(width, height)
    };
    kept.unshift(made);
    kept.length = Math.min(kept.length, 2);
    return made;
  }
}
