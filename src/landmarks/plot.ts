/**
 * A built landmark plot: title and caption, controls, the figure (axes and
 * plot area with its canvases and vector layer), hover readout and, for
 * many rows, the outlier list, as one object with the plot's state, so a
 * built view's parts are never half there. It reacts to the controls, the
 * pointer and zoom.
 */
import { ZoomTransform } from 'd3';
import { ORGANS, OrganKey } from '../core';
import { h, ZoomController } from '../common';
import { IChexmaskSettings } from '../settings';
import { ContourCanvas } from './contours';
import { PlotControls } from './controls';
import { canvasRatio, PlotFrame } from './frame';
import { HOVER_RADIUS, hitTest } from './hover';
import { describePlot, plotCaption } from './labels';
import { frameUnit, ILandmarkModel } from './model';
import { OutlierList } from './outliers';
import { PointGrid } from './point-grid';
import { ShapeLayer } from './shape-layer';
import { ColorBy, sigmaDensityGroups } from './sigma';
import {
  ILandmarkPlotState,
  initialPlotState,
  isRowShown,
  LayerKey,
  rowFilter,
  shapeLayerContent
} from './state';
import {
  computePlotStats,
  ILandmarkPlotStats,
  outlierEntries
} from './statistics';
import type { IFirstContours } from './off-thread-task';
import { MaskUnderlay } from './underlay';
import { runInWorker, WorkerGoneError } from '../worker/client';

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
  private readonly _readout: HTMLElement;
  /** Statistics of a many-row plot; `null` in a one-row plot. */
  private _stats: ILandmarkPlotStats | null = null;
  /** Built on demand: see {@link LandmarkPlot._pointGrid}. */
  private _grid: PointGrid | null = null;
  /** The plot's session in the worker, or `null` (laid out here). */
  private readonly _session: number | null;
  private _disposed = false;

  /**
   * @param model - The payload laid out in its frame.
   * @param title - The payload's title, or `null`.
   * @param _host - The view.
   * @param worker - When the worker laid the model out: its session there
   *   (which rasterises the contours) and the statistics with every group
   *   shown, so the first paint computes nothing here.
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
    this._session = worker?.session ?? null;
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
    this._controls = new PlotControls(
      {
        groups: single ? [] : model.groups,
        groupBy: model.groupBy,
        layers: Private.layersOffered(model, single, underlayRow !== null),
        sigmaScale: single ? null : model.sigmaScale
      },
      this._zoom,
      {
        organ: (key, visible) => this._setOrgan(key, visible),
        group: (index, visible) => this._setGroup(index, visible),
        layer: (key, visible) => this._setLayer(key, visible),
        colorBy: mode => this._setColorBy(mode)
      }
    );
    this._outliers = single
      ? null
      : new OutlierList({
          hover: row => this._setListHover(row),
          pin: row => this._pin(row)
        });
    this._readout = h('div', {
      className: 'jp-chexmask-lm-readout',
      attrs: { 'aria-live': 'polite' },
      text: ' '
    });
    frame.stage.addEventListener('pointermove', event => this._hover(event));
    frame.stage.addEventListener('pointerleave', () => this._unhover());
    // Focus on press, so the wheel zooms (the focus rule of ZoomController).
    frame.stage.addEventListener('pointerdown', () =>
      frame.stage.focus({ preventScroll: true })
    );
    frame.stage.addEventListener('click', () => {
      if (this.state.pointerRow !== null) {
        this._pin(this.state.pointerRow);
      }
    });
    this.nodes = [
      ...Private.header(model, title),
      this._controls.node,
      frame.node,
      this._readout,
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
      this._buildGridWhenIdle();
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
    this._contours?.dispose();
    this._zoom.dispose();
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
    const { state } = this;
    if (!this._contours) {
      return;
    }
    const { model } = this;
    const groups =
      state.colorBy === 'sigma' && model.sigmaScale
        ? sigmaDensityGroups(
            model.rows,
            model.sigmaScale,
            rowFilter(model, state.hiddenGroups)
          )
        : model.groups.filter((_, g) => !state.hiddenGroups.has(g));
    const ms = this._contours.draw(
      this._frame.mapping,
      state.layers.contours
        ? { coords: model.coords, groups, organs: state.organs }
        : null,
      state.colorBy === 'group' &&
        state.hiddenGroups.size === 0 &&
        state.organs.every(Boolean)
    );
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

  private _setOrgan(key: OrganKey, visible: boolean): void {
    const { state } = this;
    const i = ORGANS.findIndex(o => o.key === key);
    state.organs = state.organs.map((v, j) => (j === i ? visible : v));
    if (this._underlay) {
      this._underlay.paint(this._host.settings(), state.organs);
      this._drawUnderlay();
    }
    this._drawContours();
    this._updateShapes();
  }

  /** Show or hide a group; its rows can then be neither pinned nor hovered. */
  private _setGroup(index: number, visible: boolean): void {
    const { state, model } = this;
    if (visible) {
      state.hiddenGroups.delete(index);
    } else {
      state.hiddenGroups.add(index);
    }
    const hidden = (row: number | null): boolean =>
      row !== null && !isRowShown(model, state, row);
    if (hidden(state.pinned)) {
      state.pinned = null;
    }
    if (hidden(state.pointerRow)) {
      state.pointerRow = null;
    }
    state.listHover = null;
    this._recompute();
    this._drawContours();
    this._updateShapes();
  }

  private _setLayer(key: LayerKey, visible: boolean): void {
    this.state.layers[key] = visible;
    if (key === 'contours') {
      this._drawContours();
    } else if (key === 'masks') {
      this._drawUnderlay();
    } else {
      this._updateShapes();
    }
  }

  /** Colour the rows by their group or by their mean σ. */
  private _setColorBy(mode: ColorBy): void {
    this.state.colorBy = mode;
    this._controls.setColorBy(mode);
    this._host.dataset.colorBy = mode;
    this._drawContours();
    this._updateShapes();
  }

  private _setListHover(row: number | null): void {
    if (this.state.listHover !== row) {
      this.state.listHover = row;
      this._updateShapes(true);
    }
  }

  /** Pin a row's highlight, or unpin it when it is already pinned. */
  private _pin(row: number): void {
    const { state } = this;
    state.pinned = state.pinned === row ? null : row;
    this._outliers?.setPinned(state.pinned);
    this._updateShapes(true);
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

  /** The hover readout and marker, timed in `data-hover-ms`. */
  private _hover(event: PointerEvent): void {
    const started = performance.now();
    const { state } = this;
    const frame = this._frame;
    const [fx, fy] = frame.toFrame(event.clientX, event.clientY);
    const hit = hitTest(
      {
        model: this.model,
        state,
        stats: this._stats,
        grid: () => this._pointGrid()
      },
      fx,
      fy,
      HOVER_RADIUS / frame.mapping.scale
    );
    this._readout.textContent = hit.text;
    this._shapes.setHover(hit.marker);
    if (hit.row !== state.pointerRow) {
      state.pointerRow = hit.row;
      this._updateShapes(true);
    }
    this._host.dataset.hoverMs = (performance.now() - started).toFixed(3);
  }

  private _unhover(): void {
    this._readout.textContent = ' ';
    this._shapes.setHover(null);
    if (this.state.pointerRow !== null) {
      this.state.pointerRow = null;
      this._updateShapes(true);
    }
  }

  /**
   * The grid of every row's points for hover, built on first use and kept:
   * it costs ~50 ms at 10,000 rows, too much for the first paint.
   */
  private _pointGrid(): PointGrid {
    this._grid ??= new PointGrid(this.model.coords, this.model.bounds);
    return this._grid;
  }

  /**
   * Build the hover grid after the first paint: in the worker when it laid
   * the plot out (1.2 million points at 10,000 rows are a long task here),
   * else when the browser is idle; the first hover builds it if sooner.
   * Nothing is built for a plot gone by then.
   */
  private _buildGridWhenIdle(): void {
    if (this._session !== null) {
      runInWorker('landmarkGrid', {
        session: this._session,
        bounds: this.model.bounds
      }).then(
        index => {
          if (index === null) {
            this._buildGridHereWhenIdle();
          } else if (!this._disposed) {
            this._grid ??= new PointGrid(this.model.coords, index);
          }
        },
        (error: unknown) => {
          if (!(error instanceof WorkerGoneError)) {
            console.warn('jupyterlab-chexmask: no hover index', error);
          }
          this._buildGridHereWhenIdle();
        }
      );
      return;
    }
    this._buildGridHereWhenIdle();
  }

  private _buildGridHereWhenIdle(): void {
    const build = (): void => {
      if (!this._disposed) {
        this._pointGrid();
      }
    };
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(build, { timeout: 1000 });
    } else {
      window.setTimeout(build, 50);
    }
  }
}

namespace Private {
  /** The title (when there is one) and caption lines. */
  export function header(
    model: ILandmarkModel,
    title: string | null
  ): HTMLElement[] {
    const lines: HTMLElement[] = [];
    if (title) {
      lines.push(h('div', { className: 'jp-chexmask-title', text: title }));
    }
    lines.push(
      h('div', {
        className: 'jp-chexmask-lm-caption',
        text: plotCaption(model)
      })
    );
    return lines;
  }

  /** The layer switches a plot offers, with their first state. */
  export function layersOffered(
    model: ILandmarkModel,
    single: boolean,
    masks: boolean
  ): Partial<Record<LayerKey, boolean>> {
    if (single) {
      return masks ? { masks: true } : {};
    }
    return {
      contours: true,
      mean: true,
      ellipses: true,
      ...(model.groups.length > 1 ? { groupMeans: false } : {})
    };
  }
}
