/**
 * The plot area of a landmark plot as numbers, without the DOM: its size in
 * layout pixels and the frame → layout-pixel mapping under zoom. The page's
 * `PlotFrame` lays its figure out with these, and the shared worker uses
 * them to rasterise a plot's first contours before the page has built it.
 */
import type { IFrameBox } from './model';

/** Frame to canvas pixels: `px = scale · x + dx`, `py = scale · y + dy`. */
export interface ICanvasMapping {
  scale: number;
  dx: number;
  dy: number;
}

/** The longer side of the plot area, in layout pixels (CSS may shrink the figure). */
export const PLOT_SIDE = 640;

/** A layout-pixel mapping in canvas pixels (`dpr` canvas pixels per layout pixel). */
export function deviceMapping(m: ICanvasMapping, dpr: number): ICanvasMapping {
  return { scale: m.scale * dpr, dx: m.dx * dpr, dy: m.dy * dpr };
}

/** Layout pixels per frame unit, unzoomed: the longer side of `bounds` spans {@link PLOT_SIDE}. */
export function plotUnit(bounds: IFrameBox): number {
  return PLOT_SIDE / Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0);
}

/** The plot area's size in layout pixels (at least 120 on each side). */
export function plotSize(
  bounds: IFrameBox,
  unit = plotUnit(bounds)
): { width: number; height: number } {
  return {
    width: Math.max(120, Math.round((bounds.x1 - bounds.x0) * unit)),
    height: Math.max(120, Math.round((bounds.y1 - bounds.y0) * unit))
  };
}

/**
 * The frame → layout-pixel mapping under a zoom (`k` times, then shifted by
 * `tx`, `ty` layout pixels); `k = 1, tx = ty = 0` is the plot unzoomed.
 */
export function mappingAt(
  bounds: IFrameBox,
  unit: number,
  k: number,
  tx: number,
  ty: number
): ICanvasMapping {
  const scale = k * unit;
  return { scale, dx: tx - scale * bounds.x0, dy: ty - scale * bounds.y0 };
}

/**
 * A contour canvas of the unzoomed plot area: its size in canvas pixels and
 * the mapping in layout pixels (as `ContourCanvas` is asked to draw it).
 */
export function firstContourCanvas(
  bounds: IFrameBox,
  dpr: number
): { width: number; height: number; mapping: ICanvasMapping } {
  const unit = plotUnit(bounds);
  const { width, height } = plotSize(bounds, unit);
  return {
    // As `layerCanvas` sizes a canvas.
    width: Math.round(width * dpr),
    height: Math.round(height * dpr),
    mapping: mappingAt(bounds, unit, 1, 0, 0)
  };
}
