/**
 * Charts drawn at their view's width: measured at each draw and followed
 * with a `ResizeObserver`, so a chart redraws when its output's width
 * changes (a resized panel, a sidebar opened) and not on every pixel.
 */

/** The width drawn when the view has none yet (not in the page). */
export const DEFAULT_CHART_WIDTH = 720;

/** The narrowest chart drawn: below, the axes no longer fit. */
export const MIN_CHART_WIDTH = 320;

/** Follows a view's width and asks for a redraw when it changes. */
export class WidthFollower {
  private readonly _resize: ResizeObserver;
  private _width = 0;

  /**
   * @param _node - The view's node: its width is the chart's.
   * @param redraw - Called when the width changed by more than 2 pixels.
   */
  constructor(
    private readonly _node: HTMLElement,
    redraw: () => void
  ) {
    this._resize = new ResizeObserver(() => {
      const width = _node.clientWidth;
      if (width && Math.abs(width - this._width) > 2) {
        redraw();
      }
    });
  }

  /** The width last measured (part of a picture's key). */
  get width(): number {
    return this._width;
  }

  /** Measure the view now: the width to draw at (at least {@link MIN_CHART_WIDTH}). */
  measure(): number {
    this._width = this._node.clientWidth || DEFAULT_CHART_WIDTH;
    return Math.max(MIN_CHART_WIDTH, this._width);
  }

  /** Follow the view's width from now on. */
  start(): void {
    this._resize.observe(this._node);
  }

  /** Stop following it. */
  dispose(): void {
    this._resize.disconnect();
  }
}
