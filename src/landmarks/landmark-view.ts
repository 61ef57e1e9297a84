import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { ZoomTransform } from 'd3';
import { LANDMARK_COUNT, organOfLandmark, ORGANS, OrganKey } from '../core';
import { errorPanel, h, parseColor, Rgb } from '../common';
import { ZoomController } from '../overlay';
import {
  DEFAULT_SETTINGS,
  IChexmaskSettings,
  SettingsModel
} from '../settings';
import { ICanvasMapping } from './mapping';
import { paintContourDensity } from './density-painter';
import {
  buildLandmarkModel,
  describeFrame,
  frameUnit,
  ILandmarkModel
} from './model';
import { IOutlierEntry, OutlierList } from './outlier-list';
import {
  IParsedLandmarkPayload,
  MIME_LANDMARKS,
  parseLandmarkPayload
} from './payload';
import { LayerKey, PlotControls } from './plot-controls';
import { PlotFrame } from './plot-frame';
import { PointGrid } from './point-grid';
import { IHighlight, IShapeLayerContent, ShapeLayer } from './shape-layer';
import {
  covarianceEllipse,
  IEllipse,
  ILandmarkSpread,
  IOutlier,
  landmarkSpread,
  meanShape,
  rankOutliers,
  SHAPE_STRIDE
} from './shapes';
import { MaskUnderlay } from './underlay';

/** CSS class of the landmark plot. */
export const LANDMARK_VIEW_CLASS = 'jp-chexmask-LandmarkView';

/**
 * Up to this many rows the contour canvas is redrawn on every zoom event;
 * beyond, it is scaled by CSS while the gesture lasts and redrawn sharp once
 * it settles (10,000 rows cost a few hundred milliseconds to stroke).
 */
const LIVE_REDRAW_ROWS = 300;
/** Quiet time after the last zoom event before a sharp redraw, in ms. */
const REDRAW_DELAY_MS = 150;
/** How near the pointer a point must be to be hovered, in layout pixels. */
const HOVER_RADIUS = 8;
/** Rows listed as outliers. */
const OUTLIER_COUNT = 10;

/** What the controls and the pointer choose. */
interface IPlotState {
  /** Organs shown, in `ORGANS` order. */
  organs: boolean[];
  hiddenGroups: Set<number>;
  layers: Record<LayerKey, boolean>;
  /** Row highlighted by a click (list or plot) until clicked again. */
  pinned: number | null;
  /** Row under the pointer or focus in the outlier list. */
  listHover: number | null;
  /** Row whose point is nearest the pointer in the plot. */
  pointerRow: number | null;
}

/**
 * Landmark plots: one row's 120 landmarks as organ rings and points (with its
 * masks underneath when the payload carries the row), or the contours of up
 * to 10,000 rows in a common frame with the mean shape, one-standard-deviation
 * ellipses per landmark, groups and the rows furthest from the mean. Zoom and
 * pan follow the notebook focus rule of the row overlay. A malformed payload
 * renders an inline error panel.
 */
export class LandmarkPlotView extends Widget implements IRenderMime.IRenderer {
  private _data: unknown = undefined;
  private _parts: Private.IParts | null = null;
  private _state: IPlotState | null = null;
  private _stats: Private.IStats | null = null;
  private _redrawTimer: number | null = null;

  constructor(
    private readonly _options: IRenderMime.IRendererOptions,
    private readonly _settings: SettingsModel
  ) {
    super();
    this.addClass(LANDMARK_VIEW_CLASS);
    this._settings.changed.connect(this._onSettings, this);
  }

  /** Render a model; rendering the same payload again does nothing (idempotent). */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[this._options.mimeType ?? MIME_LANDMARKS];
    if (this._parts && data === this._data) {
      return;
    }
    this._data = data;
    const started = performance.now();
    this._clear();
    try {
      const payload = parseLandmarkPayload(data);
      this.node.dataset.parseMs = (performance.now() - started).toFixed(2);
      this._build(payload);
    } catch (error) {
      this._clear();
      this.node.appendChild(errorPanel('this landmark plot', error));
      this.node.dataset.state = 'error';
      return;
    }
    this.node.dataset.renderMs = (performance.now() - started).toFixed(2);
    this.node.dataset.state = 'painted';
  }

  /** Disconnect from the settings and drop the zoom listeners and timers. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._settings.changed.disconnect(this._onSettings, this);
    this._clear();
    super.dispose();
  }

  private _clear(): void {
    if (this._redrawTimer !== null) {
      window.clearTimeout(this._redrawTimer);
      this._redrawTimer = null;
    }
    this._parts?.zoom.dispose();
    this._parts = null;
    this._state = null;
    this._stats = null;
    this.node.replaceChildren();
    for (const key of Object.keys(this.node.dataset)) {
      delete this.node.dataset[key];
    }
  }

  private _build(payload: IParsedLandmarkPayload): void {
    const model = buildLandmarkModel(payload);
    const single = model.rows.length === 1;
    // Masks are drawn in mask pixels: not under a normalised one-row plot.
    const underlayRow =
      single && model.frame === 'pixels' ? model.rows[0].row : null;
    const grouped = model.groupBy !== null;
    const unitLabel = model.frame === 'pixels' ? 'px' : 'normalised';
    const state: IPlotState = {
      organs: ORGANS.map(() => true),
      hiddenGroups: new Set(),
      layers: {
        contours: true,
        mean: true,
        ellipses: true,
        groupMeans: false,
        masks: underlayRow !== null
      },
      pinned: null,
      listHover: null,
      pointerRow: null
    };
    this._state = state;

    const frame = new PlotFrame(
      model.bounds,
      { x: `x (${unitLabel}) →`, y: `↓ y (${unitLabel})` },
      Private.describe(model)
    );
    const dpr = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
    const canvas = (className: string): Private.ICanvasLayer => {
      const element = h('canvas', { className });
      element.width = Math.round(frame.width * dpr);
      element.height = Math.round(frame.height * dpr);
      return { canvas: element, ctx: element.getContext('2d')! };
    };
    const underlay = underlayRow
      ? {
          ...canvas('jp-chexmask-lm-underlay'),
          masks: new MaskUnderlay(underlayRow)
        }
      : null;
    const contours = single
      ? null
      : { ...canvas('jp-chexmask-lm-contours'), drawnAt: frame.mapping };
    const shapes = new ShapeLayer(frame.width, frame.height);
    frame.stage.append(
      ...[underlay?.canvas, contours?.canvas, shapes.node].filter(
        (n): n is HTMLCanvasElement | SVGSVGElement => !!n
      )
    );

    const layers: Partial<Record<LayerKey, boolean>> = single
      ? underlayRow
        ? { masks: true }
        : {}
      : {
          contours: true,
          mean: true,
          ellipses: true,
          ...(model.groups.length > 1 ? { groupMeans: false } : {})
        };
    const zoom = new ZoomController(frame.stage, t => this._onZoom(t));
    const controls = new PlotControls(
      {
        groups: single ? [] : model.groups,
        groupBy: grouped ? model.groupBy : null,
        layers
      },
      {
        organ: (key, visible) => this._setOrgan(key, visible),
        group: (index, visible) => this._setGroup(index, visible),
        layer: (key, visible) => this._setLayer(key, visible),
        zoomBy: f => zoom.zoomBy(f),
        resetView: () => zoom.reset()
      }
    );
    const outliers = single
      ? null
      : new OutlierList({
          hover: row => this._setListHover(row),
          pin: row => this._pin(row)
        });
    const readout = h('div', {
      className: 'jp-chexmask-lm-readout',
      attrs: { 'aria-live': 'polite' },
      text: ' '
    });

    this.node.append(
      ...Private.header(model, payload.title),
      controls.node,
      frame.node,
      readout,
      ...(outliers ? [outliers.node] : [])
    );
    this.node.dataset.rows = String(model.rows.length);
    this.node.dataset.groups = String(model.groups.length);
    this.node.dataset.frame = model.frame;

    this._parts = {
      model,
      single,
      frame,
      zoom,
      shapes,
      contours,
      underlay,
      grid: null,
      controls,
      outliers,
      readout,
      dpr,
      rowFilter: new Uint8Array(model.rows.length).fill(1),
      landmarkFilter: new Uint8Array(LANDMARK_COUNT).fill(1)
    };
    frame.stage.addEventListener('pointermove', event => this._hover(event));
    frame.stage.addEventListener('pointerleave', () => this._unhover());
    frame.stage.addEventListener('pointerdown', () =>
      frame.stage.focus({ preventScroll: true })
    );
    frame.stage.addEventListener('click', () => {
      if (
        this._state?.pointerRow !== null &&
        this._state?.pointerRow !== undefined
      ) {
        this._pin(this._state.pointerRow);
      }
    });

    const settings = this._settings.current;
    controls.setColors(settings.colors);
    shapes.setMapping(frame.mapping);
    if (underlay) {
      underlay.masks.paint(Private.maskStyle(settings, state.organs));
      underlay.masks.draw(underlay.ctx, Private.device(frame.mapping, dpr));
    }
    if (!single) {
      this._recompute();
      this._drawContours();
      // The hover grid (~50 ms at 10,000 rows) is built after the first
      // paint, when the browser is idle, or by the first hover if sooner.
      const parts = this._parts;
      const build = (): void => {
        if (this._parts === parts) {
          this._grid();
        }
      };
      if (typeof requestIdleCallback === 'function') {
        requestIdleCallback(build, { timeout: 1000 });
      } else {
        window.setTimeout(build, 50);
      }
    }
    this._updateShapes();
  }

  /** The grid of every row's points for hover, built once. */
  private _grid(): PointGrid {
    const parts = this._parts!;
    parts.grid ??= new PointGrid(parts.model.coords, parts.model.bounds);
    return parts.grid;
  }

  /** Statistics over the rows of the visible groups. */
  private _recompute(): void {
    const { model } = this._parts!;
    const state = this._state!;
    const visible = model.groups.filter((_, g) => !state.hiddenGroups.has(g));
    const rows = Int32Array.from(
      visible.flatMap(g => Array.from(g.rows))
    ).sort();
    const spread = landmarkSpread(model.coords, rows);
    const ellipses: IEllipse[] = [];
    for (let k = 0; k < LANDMARK_COUNT; k++) {
      const c = spread.covariance;
      ellipses.push(covarianceEllipse(c[3 * k], c[3 * k + 1], c[3 * k + 2]));
    }
    const outliers =
      rows.length > 0
        ? rankOutliers(model.coords, rows, spread.mean, OUTLIER_COUNT)
        : [];
    const groupMeans =
      model.groups.length > 1
        ? visible.map(g => ({
            name: g.name,
            color: g.color,
            shape: meanShape(model.coords, g.rows)
          }))
        : [];
    this._stats = { spread, ellipses, outliers, groupMeans };
    this._updateOutliers();
  }

  private _updateOutliers(): void {
    const parts = this._parts!;
    if (!parts.outliers) {
      return;
    }
    const { model } = parts;
    const entries: IOutlierEntry[] = this._stats!.outliers.map(o => ({
      ...o,
      label: Private.rowLabel(model, o.row),
      group:
        model.groupBy === null
          ? null
          : model.groups[model.rowGroup[o.row]].name,
      color: model.groups[model.rowGroup[o.row]].color
    }));
    parts.outliers.update(entries, frameUnit(model), this._state!.pinned);
    if (entries.length) {
      this.node.dataset.outlier = String(entries[0].row);
    } else {
      delete this.node.dataset.outlier;
    }
  }

  /** Stroke the visible groups' contours at the current zoom. */
  private _drawContours(): void {
    const parts = this._parts!;
    const state = this._state!;
    const layer = parts.contours;
    if (!layer) {
      return;
    }
    const { ctx, canvas } = layer;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    layer.drawnAt = parts.frame.mapping;
    canvas.style.transform = '';
    if (!state.layers.contours) {
      return;
    }
    const started = performance.now();
    const groups = parts.model.groups.filter(
      (_, g) => !state.hiddenGroups.has(g)
    );
    const image = ctx.createImageData(canvas.width, canvas.height);
    paintContourDensity(
      image,
      parts.model.coords,
      groups,
      state.organs,
      Private.device(layer.drawnAt, parts.dpr)
    );
    ctx.putImageData(image, 0, 0);
    this.node.dataset.drawMs = (performance.now() - started).toFixed(2);
  }

  /**
   * Give the vector layer what the state and statistics say to draw; with
   * `onlyHighlights`, just the highlighted rows (a hover changes no more).
   */
  private _updateShapes(onlyHighlights = false): void {
    const parts = this._parts!;
    const state = this._state!;
    const { model } = parts;
    const content: Partial<IShapeLayerContent> = {};
    if (!onlyHighlights) {
      content.organs = state.organs;
    }
    if (parts.single) {
      content.single = {
        shape: model.coords.subarray(0, SHAPE_STRIDE),
        colors: this._settings.current.colors
      };
    } else {
      const stats = this._stats!;
      const any = stats.spread.count > 0;
      if (!onlyHighlights) {
        content.mean = any && state.layers.mean ? stats.spread.mean : null;
        content.ellipses =
          any && state.layers.ellipses
            ? { centers: stats.spread.mean, axes: stats.ellipses }
            : null;
        content.groupMeans = state.layers.groupMeans ? stats.groupMeans : [];
      }
      const highlights: IHighlight[] = [];
      const add = (row: number | null, kind: IHighlight['kind']): void => {
        if (row !== null && !highlights.some(hl => hl.row === row)) {
          highlights.push({
            row,
            kind,
            color: model.groups[model.rowGroup[row]].color,
            shape: model.coords.subarray(
              row * SHAPE_STRIDE,
              (row + 1) * SHAPE_STRIDE
            )
          });
        }
      };
      add(state.pinned, 'pinned');
      add(state.listHover, 'hover');
      add(state.pointerRow, 'hover');
      content.highlights = highlights;
      if (state.pinned !== null) {
        this.node.dataset.pinned = String(state.pinned);
      } else {
        delete this.node.dataset.pinned;
      }
      this.node.dataset.highlighted = highlights.map(hl => hl.row).join(' ');
    }
    parts.shapes.setContent(content);
  }

  private _setOrgan(key: OrganKey, visible: boolean): void {
    const parts = this._parts!;
    const state = this._state!;
    const i = ORGANS.findIndex(o => o.key === key);
    state.organs = state.organs.map((v, j) => (j === i ? visible : v));
    const organ = ORGANS[i];
    parts.landmarkFilter.fill(visible ? 1 : 0, organ.start, organ.end);
    if (parts.underlay) {
      parts.underlay.masks.paint(
        Private.maskStyle(this._settings.current, state.organs)
      );
      this._drawUnderlay();
    }
    this._drawContours();
    this._updateShapes();
  }

  private _setGroup(index: number, visible: boolean): void {
    const parts = this._parts!;
    const state = this._state!;
    if (visible) {
      state.hiddenGroups.delete(index);
    } else {
      state.hiddenGroups.add(index);
    }
    for (const row of parts.model.groups[index].rows) {
      parts.rowFilter[row] = visible ? 1 : 0;
    }
    const hidden = (row: number | null): boolean =>
      row !== null && parts.rowFilter[row] === 0;
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
    const state = this._state!;
    state.layers[key] = visible;
    if (key === 'contours') {
      this._drawContours();
    } else if (key === 'masks') {
      this._drawUnderlay();
    } else {
      this._updateShapes();
    }
  }

  private _setListHover(row: number | null): void {
    if (this._state && this._state.listHover !== row) {
      this._state.listHover = row;
      this._updateShapes(true);
    }
  }

  /** Pin a row's highlight, or unpin it when it is already pinned. */
  private _pin(row: number): void {
    const state = this._state!;
    state.pinned = state.pinned === row ? null : row;
    this._parts!.outliers?.setPinned(state.pinned);
    this._updateShapes(true);
  }

  private _drawUnderlay(): void {
    const parts = this._parts!;
    const layer = parts.underlay;
    if (!layer) {
      return;
    }
    if (this._state!.layers.masks) {
      layer.masks.draw(
        layer.ctx,
        Private.device(parts.frame.mapping, parts.dpr)
      );
    } else {
      layer.ctx.clearRect(0, 0, layer.canvas.width, layer.canvas.height);
    }
  }

  private _onZoom(t: ZoomTransform): void {
    const parts = this._parts;
    if (!parts) {
      return;
    }
    const mapping = parts.frame.setTransform(t);
    parts.shapes.setMapping(mapping);
    this._drawUnderlay();
    const layer = parts.contours;
    if (!layer) {
      return;
    }
    if (parts.model.rows.length <= LIVE_REDRAW_ROWS) {
      this._drawContours();
      return;
    }
    // Move the last drawing with the gesture; redraw it sharp when it settles.
    const was = layer.drawnAt;
    const r = mapping.scale / was.scale;
    const tx = mapping.dx - r * was.dx;
    const ty = mapping.dy - r * was.dy;
    layer.canvas.style.transform = `translate(${((100 * tx) / parts.frame.width).toFixed(4)}%, ${((100 * ty) / parts.frame.height).toFixed(4)}%) scale(${r})`;
    if (this._redrawTimer !== null) {
      window.clearTimeout(this._redrawTimer);
    }
    this._redrawTimer = window.setTimeout(() => {
      this._redrawTimer = null;
      if (this._parts === parts) {
        this._drawContours();
      }
    }, REDRAW_DELAY_MS);
  }

  /**
   * The hover readout. A one-row plot looks at its 120 points; a many-row
   * plot looks at the mean shape's points, then the highlighted rows', then
   * the grid of every visible point near the pointer, so a pointer move costs
   * the same at 10 rows as at 10,000.
   */
  private _hover(event: PointerEvent): void {
    const parts = this._parts;
    const state = this._state;
    if (!parts || !state) {
      return;
    }
    const started = performance.now();
    const { model, frame } = parts;
    const [fx, fy] = frame.toFrame(event.clientX, event.clientY);
    const radius = HOVER_RADIUS / frame.mapping.scale;
    const filter = parts.landmarkFilter;
    let text = Private.position(model, fx, fy);
    let marker: [number, number] | null = null;
    let pointerRow: number | null = null;

    if (parts.single) {
      const k = Private.nearestInShape(model.coords, 0, fx, fy, radius, filter);
      if (k !== null) {
        const x = model.rows[0].coords[2 * k];
        const y = model.rows[0].coords[2 * k + 1];
        text = `${Private.landmarkText(k)} · x ${x}, y ${y}`;
        marker = [model.coords[2 * k], model.coords[2 * k + 1]];
      }
    } else {
      const stats = this._stats!;
      const mean = stats.spread.mean;
      const onMean =
        state.layers.mean && stats.spread.count > 0
          ? Private.nearestInShape(mean, 0, fx, fy, radius, filter)
          : null;
      if (onMean !== null) {
        text = Private.meanText(model, stats.spread, stats.ellipses, onMean);
        marker = [mean[2 * onMean], mean[2 * onMean + 1]];
      } else {
        let found: { row: number; landmark: number } | null = null;
        for (const row of [state.pinned, state.listHover]) {
          const k =
            row === null
              ? null
              : Private.nearestInShape(
                  model.coords,
                  row,
                  fx,
                  fy,
                  radius,
                  filter
                );
          if (row !== null && k !== null) {
            found = { row, landmark: k };
            break;
          }
        }
        found ??= this._grid().nearest(fx, fy, radius, {
          rows: parts.rowFilter,
          landmarks: filter
        });
        if (found) {
          const { row, landmark } = found;
          pointerRow = row;
          text = Private.rowPointText(model, row, landmark);
          const j = row * SHAPE_STRIDE + 2 * landmark;
          marker = [model.coords[j], model.coords[j + 1]];
        }
      }
    }
    parts.readout.textContent = text;
    parts.shapes.setHover(marker);
    if (pointerRow !== state.pointerRow) {
      state.pointerRow = pointerRow;
      this._updateShapes(true);
    }
    this.node.dataset.hoverMs = (performance.now() - started).toFixed(3);
  }

  private _unhover(): void {
    const parts = this._parts;
    if (!parts) {
      return;
    }
    parts.readout.textContent = ' ';
    parts.shapes.setHover(null);
    if (this._state && this._state.pointerRow !== null) {
      this._state.pointerRow = null;
      this._updateShapes(true);
    }
  }

  private _onSettings(_: SettingsModel, settings: IChexmaskSettings): void {
    const parts = this._parts;
    if (!parts) {
      return;
    }
    parts.controls.setColors(settings.colors);
    if (parts.underlay) {
      parts.underlay.masks.paint(
        Private.maskStyle(settings, this._state!.organs)
      );
      this._drawUnderlay();
    }
    if (parts.single) {
      this._updateShapes();
    }
  }
}

namespace Private {
  /** A canvas layer of the plot area. */
  export interface ICanvasLayer {
    canvas: HTMLCanvasElement;
    ctx: CanvasRenderingContext2D;
  }

  /** The pieces of a built view. */
  export interface IParts {
    model: ILandmarkModel;
    single: boolean;
    frame: PlotFrame;
    zoom: ZoomController;
    shapes: ShapeLayer;
    /** The many-row contour canvas and the mapping it was last drawn with. */
    contours: (ICanvasLayer & { drawnAt: ICanvasMapping }) | null;
    underlay: (ICanvasLayer & { masks: MaskUnderlay }) | null;
    /** Built on demand: see `_grid()`. */
    grid: PointGrid | null;
    controls: PlotControls;
    outliers: OutlierList | null;
    readout: HTMLElement;
    /** Canvas pixels per layout pixel. */
    dpr: number;
    /** 1 for rows of visible groups. */
    rowFilter: Uint8Array;
    /** 1 for landmarks of visible organs. */
    landmarkFilter: Uint8Array;
  }

  /** Statistics over the visible rows. */
  export interface IStats {
    spread: ILandmarkSpread;
    ellipses: IEllipse[];
    outliers: IOutlier[];
    groupMeans: Array<{ name: string; color: string; shape: Float64Array }>;
  }

  /** A layout-pixel mapping in canvas pixels. */
  export function device(m: ICanvasMapping, dpr: number): ICanvasMapping {
    return { scale: m.scale * dpr, dx: m.dx * dpr, dy: m.dy * dpr };
  }

  /** The mask painter's style from the settings and the organ toggles. */
  export function maskStyle(
    settings: IChexmaskSettings,
    organs: boolean[]
  ): Parameters<MaskUnderlay['paint']>[0] {
    const colors = {} as Record<OrganKey, Rgb>;
    const visible = {} as Record<OrganKey, boolean>;
    ORGANS.forEach((organ, i) => {
      colors[organ.key] = parseColor(
        settings.colors[organ.key],
        parseColor(DEFAULT_SETTINGS.colors[organ.key], [128, 128, 128])
      );
      visible[organ.key] = organs[i];
    });
    return {
      colors,
      visible,
      opacity: settings.opacity,
      mode: settings.drawMode
    };
  }

  /** The title and caption lines. */
  export function header(
    model: ILandmarkModel,
    title: string | null
  ): HTMLElement[] {
    const lines: HTMLElement[] = [];
    if (title) {
      lines.push(h('div', { className: 'jp-chexmask-title', text: title }));
    }
    const n = model.rows.length;
    let caption: string;
    if (n === 1) {
      const row = model.rows[0];
      caption = [
        row.id ?? '(no id)',
        row.dataset,
        `${row.height}×${row.width} px mask`,
        `120 landmarks in ${describeFrame(model)}`
      ]
        .filter(Boolean)
        .join(' · ');
    } else {
      const groups =
        model.groupBy === null
          ? ''
          : ` in ${model.groups.length} group${model.groups.length === 1 ? '' : 's'} by ${model.groupBy}`;
      caption =
        `${n.toLocaleString('en-US')} rows${groups} · frame: ${describeFrame(model)} · ` +
        `bold: mean shape; ellipses: one standard deviation per landmark`;
    }
    lines.push(
      h('div', { className: 'jp-chexmask-lm-caption', text: caption })
    );
    return lines;
  }

  /** A text summary of the plot for screen readers. */
  export function describe(model: ILandmarkModel): string {
    const n = model.rows.length;
    return n === 1
      ? `Landmarks of ${model.rows[0].id ?? 'one row'}: right lung, left lung and heart rings of 120 points`
      : `Landmark contours of ${n} rows with their mean shape, in ${describeFrame(model)}`;
  }

  /** A row's name: its id, or its position. */
  export function rowLabel(model: ILandmarkModel, row: number): string {
    return model.rows[row].id ?? `row ${row}`;
  }

  /** "landmark 57 · Left lung #13". */
  export function landmarkText(k: number): string {
    const organ = organOfLandmark(k)!;
    return `landmark ${k} · ${organ.label} #${k - organ.start}`;
  }

  /** The pointer's frame position, for when nothing is hovered. */
  export function position(
    model: ILandmarkModel,
    x: number,
    y: number
  ): string {
    const digits = model.frame === 'pixels' ? 0 : 3;
    return `x ${x.toFixed(digits)}, y ${y.toFixed(digits)}`;
  }

  /** A row's point: id, group, landmark, pixel coordinates (and frame ones when normalised). */
  export function rowPointText(
    model: ILandmarkModel,
    row: number,
    k: number
  ): string {
    const r = model.rows[row];
    const x = r.coords[2 * k];
    const y = r.coords[2 * k + 1];
    const group =
      model.groupBy === null
        ? ''
        : ` (${model.groups[model.rowGroup[row]].name})`;
    let text = `${rowLabel(model, row)}${group} · ${landmarkText(k)} · x ${x}, y ${y}`;
    if (model.frame === 'normalized') {
      const j = row * SHAPE_STRIDE + 2 * k;
      text += ` (${model.coords[j].toFixed(3)}, ${model.coords[j + 1].toFixed(3)})`;
    }
    return text;
  }

  /** A mean-shape point: position and its one-standard-deviation ellipse. */
  export function meanText(
    model: ILandmarkModel,
    spread: ILandmarkSpread,
    ellipses: IEllipse[],
    k: number
  ): string {
    const digits = model.frame === 'pixels' ? 1 : 4;
    const e = ellipses[k];
    const unit = model.frame === 'pixels' ? ' px' : '';
    return (
      `mean of ${spread.count.toLocaleString('en-US')} rows · ${landmarkText(k)} · ` +
      `x ${spread.mean[2 * k].toFixed(digits)}, y ${spread.mean[2 * k + 1].toFixed(digits)} · ` +
      `1σ ${e.major.toFixed(digits)} × ${e.minor.toFixed(digits)}${unit} at ${((e.angle * 180) / Math.PI).toFixed(0)}°`
    );
  }

  /**
   * The landmark of shape `row` in `coords` nearest to (x, y) within
   * `radius`, among landmarks with `filter[k]` set, or `null`.
   */
  export function nearestInShape(
    coords: ArrayLike<number>,
    row: number,
    x: number,
    y: number,
    radius: number,
    filter: Uint8Array
  ): number | null {
    const base = row * SHAPE_STRIDE;
    let best: number | null = null;
    let bestD2 = radius * radius;
    for (let k = 0; k < LANDMARK_COUNT; k++) {
      if (filter[k] === 0) {
        continue;
      }
      const dx = coords[base + 2 * k] - x;
      const dy = coords[base + 2 * k + 1] - y;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD2 || (d2 === bestD2 && best === null)) {
        best = k;
        bestD2 = d2;
      }
    }
    return best;
  }
}
