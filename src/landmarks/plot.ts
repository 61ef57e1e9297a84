/**
 * A built landmark plot: title and caption, controls, the figure (axes and
 * plot area with its canvases and vector layer), hover readout and, for
 * many rows, the outlier list, as one object with the plot's state, so a
 * built view's parts are never half there. It reacts to the controls, the
 * pointer and zoom.
 */
import { ZoomTransform } from 'd3';
import { ZoomController } from '../common';
import { IChexmaskSettings } from '../settings';
import { ContourCanvas } from './contours';
import { controlHandlers, IPlotRedraw } from './control-changes';
import { PlotControls, plotControlOptions } from './controls';
import { canvasRatio, PlotFrame } from './frame';
import { plotHeader } from './header';
import { HoverGrid } from './hover-grid';
import { describePlot } from './labels';
import { frameUnit, ILandmarkModel } from './model';
import { OutlierList } from './outliers';
import { PlotPointer } from './pointer';
import { ShapeLayer } from './shape-layer';
import {
  contourContent,
  ILandmarkPlotState,
  initialPlotState,
  shapeLayerContent
} from './state';
import {
  computePlotStats,
  ILandmarkPlotStats,
  outlierEntries
} from './statistics';
import type { IFirstContours } from './off-thread-task';
import { MaskUnderlay } from './underlay';

/** What a plot reads from and reports to its view. */
export interface ILandmarkPlotHost {
  /**
   * The view node's `data-*` attributes, where the plot reports what the UI
   * tests read: `data-draw-ms`, `data-hover-ms`, `data-outlier`,
   * `data-pinned` and `data-highlighted`.
   */
  dataset: DOMStringMap;
  /** The settings now in force (organ colours, mask style). */
  settings(): IChexmaskSettings;
}

/** What the worker made of a plot laid out there. */
export interface ILandmarkWorkerLayout {
  /** The plot's session in the worker. */
  session: number;
  /** The statistics with every group shown. */
  stats: ILandmarkPlotStats;
}

/**
 * The plot of one model (see the module's comment). One row is drawn as
 * organ rings and points, over its masks when the payload carries its CSV
 * row and the frame is mask pixels (masks are drawn in mask pixels, so not
 * under a normalised plot); many rows as a contour cloud with statistics.
 */
export class LandmarkPlot {
  /** The view's children in order: title, caption, controls, figure, readout, outliers. */
  readonly nodes: HTMLElement[];
  /** What the controls and the pointer chose. */
  readonly state: ILandmarkPlotState;
  /** The figure (axes and plot area), for pictures and exports. */
  readonly figure: HTMLElement;
  /** Whether the plot shows one row (points and rings) rather than a cloud. */
  private readonly _single: boolean;
  private readonly _frame: PlotFrame;
  private readonly _zoom: ZoomController;
  private readonly _shapes: ShapeLayer;
  /** The contour cloud of a many-row plot. */
  private readonly _contours: ContourCanvas | null;
  /** The masks of a one-row plot in pixels. */
  private readonly _underlay: MaskUnderlay | null;
  private readonly _controls: PlotControls;
  /** The outlier list of a many-row plot. */
  private readonly _outliers: OutlierList | null;
  /** The hover grid of a many-row plot, built after the first paint. */
  private readonly _grid: HoverGrid;
  /** Hover, highlights and pins from the plot area and the outlier list. */
  private readonly _pointer: PlotPointer;
  /** Statistics of a many-row plot; `null` in a one-row plot. */
  private _stats: ILandmarkPlotStats | null = null;
  private _disposed = false;

  /**
   * @param model - The payload laid out in its frame.
   * @param title - The payload's title, or `null`.
   * @param _host - The view.
   * @param worker - When the worker laid the model out: its session there
   *   (which rasterises the contours and builds the hover grid) and the
   *   statistics with every group shown, so the first paint computes
   *   nothing here.
   * @param first - The first contours the worker is drawing unasked, for
   *   the first draw (see `ContourCanvas`).
   */
  constructor(
    readonly model: ILandmarkModel,
    title: string | null,
    private readonly _host: ILandmarkPlotHost,
    worker: ILandmarkWorkerLayout | null = null,
    first: Promise<IFirstContours | null> | null = null
  ) {
    this._stats = worker?.stats ?? null;
    this._grid = new HoverGrid(model, worker?.session ?? null);
    const single = model.rows.length === 1;
    this._single = single;
    const underlayRow =
      single && model.frame === 'pixels' ? model.rows[0].row : null;
    this.state = initialPlotState(underlayRow !== null);
    const unitLabel = model.frame === 'pixels' ? 'px' : 'normalised';
    const frame = new PlotFrame(
      model.bounds,
      { x: `x (${unitLabel}) →`, y: `↓ y (${unitLabel})` },
      describePlot(model)
    );
    this._frame = frame;
    this.figure = frame.node;
    const dpr = canvasRatio();
    this._underlay = underlayRow
      ? new MaskUnderlay(underlayRow, frame.width, frame.height, dpr)
      : null;
    this._contours = single
      ? null
      : new ContourCanvas(
          frame.width,
          frame.height,
          dpr,
          frame.mapping,
          worker?.session ?? null,
          ms => (this._host.dataset.drawMs = ms.toFixed(2)),
          first
        );
    this._shapes = new ShapeLayer(frame.width, frame.height);
    frame.stage.append(
      ...[
        this._underlay?.canvas,
        this._contours?.canvas,
        this._shapes.node
      ].filter((n): n is HTMLCanvasElement | SVGSVGElement => !!n)
    );

    this._zoom = new ZoomController(frame.stage, t => this._onZoom(t));
    const { state } = this;
    this._controls = new PlotControls(
      plotControlOptions(model, underlayRow !== null),
      this._zoom,
      controlHandlers(model, state, {
        redraw: redraw => this._redraw(redraw),
        showColorBy: mode => {
          this._controls.setColorBy(mode);
          this._host.dataset.colorBy = mode;
        }
      })
    );
    this._outliers = single
      ? null
      : new OutlierList({
          hover: row => this._pointer.setListHover(row),
          pin: row => this._pointer.pin(row)
        });
    this._pointer = new PlotPointer(
      {
        model,
        state,
        frame,
        shapes: this._shapes,
        outliers: this._outliers,
        dataset: this._host.dataset,
        stats: () => this._stats,
        highlight: () => this._updateShapes(true)
      },
      this._grid
    );
    this.nodes = [
      ...plotHeader(model, title),
      this._controls.node,
      frame.node,
      this._pointer.readout,
      ...(this._outliers ? [this._outliers.node] : [])
    ];
  }

  /** The row furthest from the mean shape, or `null` (one row, none shown). */
  get furthest(): number | null {
    return this._stats?.outliers[0]?.row ?? null;
  }

  /** Paint everything; the hover grid waits until the browser is idle. */
  paint(): void {
    const settings = this._host.settings();
    this._controls.setColors(settings.colors);
    this._shapes.setMapping(this._frame.mapping);
    if (this._underlay) {
      this._underlay.paint(settings, this.state.organs);
      this._drawUnderlay();
    }
    if (!this._single) {
      // Statistics from the worker are those of every group shown.
      const fromWorker =
        this._stats !== null && this.state.hiddenGroups.size === 0;
      this._recompute(fromWorker ? this._stats : null);
      this._drawContours();
      this._grid.buildWhenIdle();
    }
    this._updateShapes();
  }

  /** New organ colours, opacity or draw mode: swatches, masks, one-row rings. */
  setSettings(settings: IChexmaskSettings): void {
    this._controls.setColors(settings.colors);
    if (this._underlay) {
      this._underlay.paint(settings, this.state.organs);
      this._drawUnderlay();
    }
    if (this._single) {
      this._updateShapes();
    }
  }

  /** Settles once the contours drawn by the worker are on the canvas. */
  whenDrawn(): Promise<void> {
    return this._contours?.whenDrawn() ?? Promise.resolve();
  }

  /** Drop the zoom listeners, a pending redraw and the idle grid build. */
  dispose(): void {
    this._disposed = true;
    this._grid.dispose();
    this._contours?.dispose();
    this._zoom.dispose();
  }

  /** Redraw what a control change left to redraw (see `IPlotRedraw`). */
  private _redraw(redraw: IPlotRedraw): void {
    if (redraw.masks === 'paint' && this._underlay) {
      this._underlay.paint(this._host.settings(), this.state.organs);
    }
    if (redraw.masks !== null) {
      this._drawUnderlay();
    }
    if (redraw.stats) {
      this._recompute();
    }
    if (redraw.contours) {
      this._drawContours();
    }
    if (redraw.shapes) {
      this._updateShapes();
    }
  }

  /**
   * Statistics over the rows of the visible groups (unless already `known`),
   * and the outliers they rank.
   */
  private _recompute(known: ILandmarkPlotStats | null = null): void {
    const { model } = this;
    const stats = known ?? computePlotStats(model, this.state.hiddenGroups);
    this._stats = stats;
    if (!this._outliers) {
      return;
    }
    const entries = outlierEntries(model, stats.outliers);
    this._outliers.update(entries, frameUnit(model), this.state.pinned);
    if (entries.length) {
      this._host.dataset.outlier = String(entries[0].row);
    } else {
      delete this._host.dataset.outlier;
    }
  }

  /** Rasterise the visible groups' contours at the current zoom. */
  private _drawContours(): void {
    if (!this._contours) {
      return;
    }
    const { cloud, initial } = contourContent(this.model, this.state);
    const ms = this._contours.draw(this._frame.mapping, cloud, initial);
    if (ms !== null) {
      this._host.dataset.drawMs = ms.toFixed(2);
    }
  }

  /** Draw the masks at the current zoom, or clear them when hidden. */
  private _drawUnderlay(): void {
    this._underlay?.draw(this._frame.mapping, this.state.layers.masks);
  }

  /**
   * Give the vector layer what the state and statistics say to draw; with
   * `onlyHighlights`, just the highlighted rows (a hover changes no more).
   */
  private _updateShapes(onlyHighlights = false): void {
    const { state } = this;
    const { content, highlighted } = shapeLayerContent(
      this.model,
      state,
      this._stats,
      this._host.settings().colors,
      onlyHighlights
    );
    if (highlighted !== null) {
      if (state.pinned !== null) {
        this._host.dataset.pinned = String(state.pinned);
      } else {
        delete this._host.dataset.pinned;
      }
      this._host.dataset.highlighted = highlighted.join(' ');
    }
    this._shapes.setContent(content);
  }

  private _onZoom(t: ZoomTransform): void {
    const mapping = this._frame.setTransform(t);
    this._shapes.setMapping(mapping);
    this._drawUnderlay();
    this._contours?.follow(mapping, this.model.rows.length, () => {
      // A redraw still pending when the plot was replaced has nothing to draw.
      if (!this._disposed) {
        this._drawContours();
      }
    });
  }
}
