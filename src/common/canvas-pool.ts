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
      return { canvas, stale: true };
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

namespace Private {
  /** The kept canvases, oldest first. */
  export const kept: HTMLCanvasElement[] = [];
}
