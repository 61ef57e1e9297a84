/**
 * What the pointer does in a landmark plot: over the plot area it shows the
 * hovered point in the readout and a marker, and highlights the row it
 * belongs to; a press focuses the stage (for the wheel) and a click pins
 * the row. Over the outlier list it highlights the row under it, and a
 * click there pins it too.
 */
import { h } from '../common';
import { PlotFrame } from './frame';
import { HOVER_RADIUS, hitTest } from './hover';
import { HoverGrid } from './hover-grid';
import { ILandmarkModel } from './model';
import { OutlierList } from './outliers';
import { ShapeLayer } from './shape-layer';
import { ILandmarkPlotState } from './state';
import { ILandmarkPlotStats } from './statistics';

/** The parts of a plot the pointer reads and changes. */
export interface IPlotPointerContext {
  model: ILandmarkModel;
  /** The plot's state, whose `pointerRow`, `listHover` and `pinned` the pointer sets. */
  state: ILandmarkPlotState;
  /** The figure, whose stage the pointer moves over. */
  frame: PlotFrame;
  /** The vector layer, which draws the hover marker. */
  shapes: ShapeLayer;
  /** The outlier list of a many-row plot, which shows the pin; else `null`. */
  outliers: OutlierList | null;
  /** Where `data-hover-ms` is reported (the view node's `data-*` attributes). */
  dataset: DOMStringMap;
  /** The statistics now shown; `null` in a one-row plot. */
  stats(): ILandmarkPlotStats | null;
  /** Redraw the highlighted rows (a hover or a pin changes no more). */
  highlight(): void;
}

/** The pointer's part of a plot (see the module's comment). */
export class PlotPointer {
  /** The hover readout, announced politely to screen readers. */
  readonly readout: HTMLElement;

  /**
   * Listens to the pointer over the context's stage from now on.
   *
   * @param _context - The plot's parts.
   * @param _grid - The plot's hover grid.
   */
  constructor(
    private readonly _context: IPlotPointerContext,
    private readonly _grid: HoverGrid
  ) {
    this.readout = h('div', {
      className: 'jp-chexmask-lm-readout',
      attrs: { 'aria-live': 'polite' },
      text: ' '
    });
    const { stage } = _context.frame;
    stage.addEventListener('pointermove', event => this._hover(event));
    stage.addEventListener('pointerleave', () => this._unhover());
    // Focus on press, so the wheel zooms (the focus rule of ZoomController).
    stage.addEventListener('pointerdown', () =>
      stage.focus({ preventScroll: true })
    );
    stage.addEventListener('click', () => {
      if (_context.state.pointerRow !== null) {
        this.pin(_context.state.pointerRow);
      }
    });
  }

  /** Highlight the row under the pointer or focus in the outlier list, or none. */
  setListHover(row: number | null): void {
    const { state } = this._context;
    if (state.listHover !== row) {
      state.listHover = row;
      this._context.highlight();
    }
  }

  /** Pin a row's highlight, or unpin it when it is already pinned. */
  pin(row: number): void {
    const { state, outliers } = this._context;
    state.pinned = state.pinned === row ? null : row;
    outliers?.setPinned(state.pinned);
    this._context.highlight();
  }

  /** The hover readout and marker, timed in `data-hover-ms`. */
  private _hover(event: PointerEvent): void {
    const started = performance.now();
    const { model, state, frame, shapes, dataset } = this._context;
    const [fx, fy] = frame.toFrame(event.clientX, event.clientY);
    const hit = hitTest(
      {
        model,
        state,
        stats: this._context.stats(),
        grid: () => this._grid.get()
      },
      fx,
      fy,
      HOVER_RADIUS / frame.mapping.scale
    );
    this.readout.textContent = hit.text;
    shapes.setHover(hit.marker);
    if (hit.row !== state.pointerRow) {
      state.pointerRow = hit.row;
      this._context.highlight();
    }
    dataset.hoverMs = (performance.now() - started).toFixed(3);
  }

  private _unhover(): void {
    const { state, shapes } = this._context;
    this.readout.textContent = ' ';
    shapes.setHover(null);
    if (state.pointerRow !== null) {
      state.pointerRow = null;
      this._context.highlight();
    }
  }
}
