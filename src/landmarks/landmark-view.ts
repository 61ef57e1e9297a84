import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ZoomTransform } from 'd3';
import { ORGANS, OrganKey } from '../core';
import { PayloadView, themeBackground } from '../common';
import { figurePicture, figureSvg } from './figure-picture';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { HOVER_RADIUS, hitTest } from './hit-test';
import { buildLandmarkModel, frameUnit } from './model';
import { IParsedLandmarkPayload, parseLandmarkPayload } from './payload';
import { LayerKey } from './plot-controls';
import {
  buildGridWhenIdle,
  createPlotParts,
  ILandmarkPlotParts,
  plotPointGrid
} from './plot-parts';
import { ILandmarkPlotState, initialPlotState } from './plot-state';
import {
  computePlotStats,
  ILandmarkPlotStats,
  outlierEntries
} from './plot-stats';
import { shapeLayerContent } from './shape-content';

/** CSS class of the landmark plot. */
export const LANDMARK_VIEW_CLASS = 'jp-chexmask-LandmarkView';

/**
 * Landmark plots: one row's 120 landmarks as organ rings and points (with its
 * masks underneath when the payload carries the row), or the contours of up
 * to 10,000 rows in a common frame with the mean shape, one-standard-deviation
 * ellipses per landmark, groups and the rows furthest from the mean. Zoom and
 * pan follow the notebook focus rule of the row overlay. A malformed payload
 * renders an inline error panel (see {@link PayloadView}).
 *
 * Besides `data-state` and `data-render-ms`, the node carries what the UI
 * tests read: `data-parse-ms`, `data-draw-ms`, `data-hover-ms`, `data-rows`,
 * `data-groups`, `data-frame`, `data-outlier`, `data-pinned` and
 * `data-highlighted`.
 */
export class LandmarkPlotView extends PayloadView<IParsedLandmarkPayload> {
  private _parts: ILandmarkPlotParts | null = null;
  private _state: ILandmarkPlotState | null = null;
  /** Statistics of a many-row plot; `null` in a one-row plot. */
  private _stats: ILandmarkPlotStats | null = null;
  private _shapeModel: ReturnType<typeof buildLandmarkModel> | null = null;
  private _shapeModelOf: IParsedLandmarkPayload | null = null;

  /**
   * @param options - The renderer options (its `mimeType` picks the payload).
   * @param settings - The live settings shared by all views.
   */
  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, LANDMARK_VIEW_CLASS, 'this landmark plot');
  }

  /**
   * Check the payload, timed apart from drawing (`data-parse-ms`): at 10,000
   * rows parsing 1.2 million landmarks is a good part of the render.
   */
  protected parse(data: unknown): IParsedLandmarkPayload {
    const started = performance.now();
    const payload = parseLandmarkPayload(data);
    this.node.dataset.parseMs = (performance.now() - started).toFixed(2);
    return payload;
  }

  /** Build the plot and paint it; the hover grid waits until idle. */
  protected build(payload: IParsedLandmarkPayload): void {
    // Statistics outlive a release: painting again after scrolling back
    // should not redo them (10,000 rows cost a few hundred ms).
    if (this._shapeModelOf !== payload) {
      this._shapeModel = buildLandmarkModel(payload);
      this._shapeModelOf = payload;
    }
    const model = this._shapeModel!;
    const parts = createPlotParts(model, payload.title, {
      organ: (key, visible) => this._setOrgan(key, visible),
      group: (index, visible) => this._setGroup(index, visible),
      layer: (key, visible) => this._setLayer(key, visible),
      hover: row => this._setListHover(row),
      pin: row => this._pin(row),
      zoom: t => this._onZoom(t),
      pointerMove: event => this._hover(event),
      pointerLeave: () => this._unhover(),
      click: () => {
        const row = this._state?.pointerRow;
        if (row !== null && row !== undefined) {
          this._pin(row);
        }
      }
    });
    const state = initialPlotState(parts.underlay !== null);
    this._state = state;
    this.node.append(...parts.nodes);
    this.node.dataset.rows = String(model.rows.length);
    this.node.dataset.groups = String(model.groups.length);
    this.node.dataset.frame = model.frame;
    this._parts = parts;

    const settings = this.settings.current;
    parts.controls.setColors(settings.colors);
    parts.shapes.setMapping(parts.frame.mapping);
    if (parts.underlay) {
      parts.underlay.paint(settings, state.organs);
      this._drawUnderlay();
    }
    if (!parts.single) {
      this._recompute();
      this._drawContours();
      buildGridWhenIdle(parts, () => this._parts === parts);
    }
    this._updateShapes();
  }

  /** Drop the zoom listeners, a pending redraw and every `data-*` attribute. */
  /** The figure as shown, for exports (see {@link figurePicture}). */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this._parts
      ? figurePicture(this._parts.frame.node, themeBackground(this.node))
      : null;
  }

  protected readonly exportsSvg = true;

  /** The figure as shown, as SVG (rasters embedded as PNG). */
  protected async svgDocument(): Promise<string | null> {
    return this._parts
      ? figureSvg(this._parts.frame.node, themeBackground(this.node))
      : null;
  }

  protected fileName(): string {
    return 'chexmask-landmarks';
  }

  /** Rows, groups, frame and the furthest row, in words. */
  protected altText(): string {
    const parts = this._parts;
    if (!parts) {
      return '';
    }
    const { model } = parts;
    const outlier = this.node.dataset.outlier;
    const furthest =
      outlier === undefined
        ? ''
        : `; furthest from the mean shape: ${model.rows[Number(outlier)].id ?? 'a row'}`;
    return (
      `Landmark plot of ${model.rows.length.toLocaleString('en-US')} row(s)` +
      (model.groups.length > 1 ? ` in ${model.groups.length} groups` : '') +
      ` (frame: ${model.frame})` +
      (model.rows.length > 1
        ? '; mean shape and one-standard-deviation ellipses'
        : '') +
      furthest +
      '.'
    );
  }

  /** The picture changes with the toggles, pins and the plot's size. */
  protected pictureKey(): string {
    const sets = (_: string, v: unknown): unknown =>
      v instanceof Set ? [...v] : v;
    return JSON.stringify(
      [this._state, this.node.offsetWidth, this.altText()],
      sets
    );
  }

  protected forget(): void {
    this._shapeModel = null;
    this._shapeModelOf = null;
  }

  protected clear(): void {
    this._parts?.contours?.dispose();
    this._parts?.zoom.dispose();
    this._parts = null;
    this._state = null;
    this._stats = null;
    super.clear();
    // Timings, pins and highlights all describe the plot that is going; the
    // parse time belongs to the payload, which stays (painting is lazy).
    for (const key of Object.keys(this.node.dataset)) {
      if (key !== 'parseMs') {
        delete this.node.dataset[key];
      }
    }
  }

  /** New organ colours, opacity or draw mode: swatches, masks, one-row rings. */
  protected onSettings(settings: IChexmaskSettings): void {
    const parts = this._parts;
    if (!parts) {
      return;
    }
    parts.controls.setColors(settings.colors);
    if (parts.underlay) {
      parts.underlay.paint(settings, this._state!.organs);
      this._drawUnderlay();
    }
    if (parts.single) {
      this._updateShapes();
    }
  }

  /** Statistics over the rows of the visible groups, and the outliers they rank. */
  private _recompute(): void {
    const parts = this._parts!;
    const { model } = parts;
    const stats = computePlotStats(model, this._state!.hiddenGroups);
    this._stats = stats;
    if (!parts.outliers) {
      return;
    }
    const entries = outlierEntries(model, stats.outliers);
    parts.outliers.update(entries, frameUnit(model), this._state!.pinned);
    if (entries.length) {
      this.node.dataset.outlier = String(entries[0].row);
    } else {
      delete this.node.dataset.outlier;
    }
  }

  /** Rasterise the visible groups' contours at the current zoom. */
  private _drawContours(): void {
    const parts = this._parts!;
    const state = this._state!;
    const layer = parts.contours;
    if (!layer) {
      return;
    }
    const ms = layer.draw(
      parts.frame.mapping,
      state.layers.contours
        ? {
            coords: parts.model.coords,
            groups: parts.model.groups.filter(
              (_, g) => !state.hiddenGroups.has(g)
            ),
            organs: state.organs
          }
        : null
    );
    if (ms !== null) {
      this.node.dataset.drawMs = ms.toFixed(2);
    }
  }

  /** Draw the masks at the current zoom, or clear them when hidden. */
  private _drawUnderlay(): void {
    const parts = this._parts!;
    parts.underlay?.draw(parts.frame.mapping, this._state!.layers.masks);
  }

  /**
   * Give the vector layer what the state and statistics say to draw; with
   * `onlyHighlights`, just the highlighted rows (a hover changes no more).
   */
  private _updateShapes(onlyHighlights = false): void {
    const parts = this._parts!;
    const state = this._state!;
    const { content, highlighted } = shapeLayerContent(
      parts.model,
      state,
      this._stats,
      this.settings.current.colors,
      onlyHighlights
    );
    if (highlighted !== null) {
      if (state.pinned !== null) {
        this.node.dataset.pinned = String(state.pinned);
      } else {
        delete this.node.dataset.pinned;
      }
      this.node.dataset.highlighted = highlighted.join(' ');
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
      parts.underlay.paint(this.settings.current, state.organs);
      this._drawUnderlay();
    }
    this._drawContours();
    this._updateShapes();
  }

  /** Show or hide a group; its rows can then be neither pinned nor hovered. */
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
    this._state!.layers[key] = visible;
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

  private _onZoom(t: ZoomTransform): void {
    const parts = this._parts;
    if (!parts) {
      return;
    }
    const mapping = parts.frame.setTransform(t);
    parts.shapes.setMapping(mapping);
    this._drawUnderlay();
    parts.contours?.follow(mapping, parts.model.rows.length, () => {
      // A redraw still pending when the plot was replaced has nothing to draw.
      if (this._parts === parts) {
        this._drawContours();
      }
    });
  }

  /** The hover readout and marker, timed in `data-hover-ms`. */
  private _hover(event: PointerEvent): void {
    const parts = this._parts;
    const state = this._state;
    if (!parts || !state) {
      return;
    }
    const started = performance.now();
    const { frame } = parts;
    const [fx, fy] = frame.toFrame(event.clientX, event.clientY);
    const hit = hitTest(
      {
        model: parts.model,
        state,
        stats: this._stats,
        landmarkFilter: parts.landmarkFilter,
        rowFilter: parts.rowFilter,
        grid: () => plotPointGrid(parts)
      },
      fx,
      fy,
      HOVER_RADIUS / frame.mapping.scale
    );
    parts.readout.textContent = hit.text;
    parts.shapes.setHover(hit.marker);
    if (hit.row !== state.pointerRow) {
      state.pointerRow = hit.row;
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
}
