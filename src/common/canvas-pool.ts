/**
 * Canvases let go by views scrolled away, kept for the next views of the
 * same size. A 1024² canvas is a 4 MB pixel buffer that the browser reports
 * to the JavaScript heap as external memory: making one per paint while the
 * user scrolls through a long notebook is a stream of 4 MB allocations that
 * brings on full garbage collections, each a long main-thread task. A few
 * kept canvases make the paints of a scroll allocate nothing; what is kept
 * is bounded ({@link MAX_KEPT} canvases).
 */

/** The most canvases kept, whatever their size. */
export const MAX_KEPT = 4;

/**
 * The 2D context options of every pooled canvas (a canvas's first
 * `getContext` fixes them): in memory, not on the GPU, so the worker's
 * bitmaps reach it by a plain copy and it is read back without a GPU
 * readback.
 */
export const POOLED_CONTEXT: CanvasRenderingContext2DSettings = {
  willReadFrequently: true
};

/** A canvas from the pool, and whether it holds another view's pixels. */
export interface IPooledCanvas {
  canvas: HTMLCanvasElement;
  /** `true`: reused, its pixels are what was painted last; paint over all of them. */
  stale: boolean;
}

/**
 * A canvas of this size: a kept one (most recently kept first), else a new
 * one. Its attributes and its 2D context's state are reset; its pixels are
 * not (see `stale`).
 */
export function takeCanvas(width: number, height: number): IPooledCanvas {
  const kept = Private.kept;
  for (let k = kept.length - 1; k >= 0; k--) {
    const canvas = kept[k];
    if (canvas.width === width && canvas.height === height) {
      kept.splice(k, 1);
      // What its last view set on it (the compare view hides, fades and
      // clips its layers) is not the next one's.
      canvas.hidden = false;
      canvas.removeAttribute('style');
      const context = canvas.getContext('2d');
      if (context) {
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.globalAlpha = 1;
        context.globalCompositeOperation = 'source-over';
      }
      const stale = !Private.fresh.has(canvas);
      Private.fresh.delete(canvas);
      return { canvas, stale };
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, stale: false };
}

/**
 * Keep a canvas its view is done with; it leaves the view's nodes, which
 * it would otherwise keep alive (with everything they hold) while kept.
 * The oldest kept goes past the bound.
 */
export function giveCanvas(canvas: HTMLCanvasElement): void {
  const kept = Private.kept;
  canvas.remove();
  if (kept.includes(canvas)) {
    return;
  }
  kept.push(canvas);
  if (kept.length > MAX_KEPT) {
    kept.shift();
  }
}

/**
 * Keep a canvas of this size with its pixels allocated, ready for the next
 * view of that size, unless one is kept already. A new canvas allocates
 * its pixels on its first draw, inside the view's paint: for a 2828×2320
 * row, 26 MB zeroed, 10–20 ms of main-thread work. A view calls this in a
 * task of its own while the worker decodes its row (the main thread then
 * waits anyway), so that its paint only hands the bitmap over.
 */
export function warmCanvas(width: number, height: number): void {
  if (Private.kept.some(c => c.width === width && c.height === height)) {
    return;
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', POOLED_CONTEXT);
  if (!context) {
    return;
  }
  // The first draw allocates; transparent, as a new canvas is.
  context.clearRect(0, 0, width, height);
  Private.fresh.add(canvas);
  giveCanvas(canvas);
}

namespace Private {
  /** The kept canvases, oldest first. */
  export const kept: HTMLCanvasElement[] = [];
  /** Kept canvases never drawn on but to clear them (not stale). */
  export const fresh = new WeakSet<HTMLCanvasElement>();
}
