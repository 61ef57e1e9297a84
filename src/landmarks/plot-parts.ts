import { ZoomTransform } from 'd3';
import { LANDMARK_COUNT } from '../core';
import { h } from '../common';
import { ZoomController } from '../common';
import { describePlot, plotCaption } from './labels';
import { ILandmarkModel } from './model';
import { IOutlierHandlers, OutlierList } from './outlier-list';
import { ContourCanvas, UnderlayCanvas } from './plot-canvases';
import { IPlotControlHandlers, LayerKey, PlotControls } from './plot-controls';
import { PlotFrame } from './plot-frame';
import { PointGrid } from './point-grid';
import { ShapeLayer } from './shape-layer';
import { MaskUnderlay } from './underlay';

/** The pieces of a built landmark plot. */
export interface ILandmarkPlotParts {
  model: ILandmarkModel;
  /** Whether the plot shows one row (points and rings) rather than a cloud. */
  single: boolean;
  frame: PlotFrame;
  zoom: ZoomController;
  shapes: ShapeLayer;
  /** The contour cloud of a many-row plot. */
  contours: ContourCanvas | null;
  /** The masks of a one-row plot in pixels. */
  underlay: UnderlayCanvas | null;
  /** Built on demand: see {@link plotPointGrid}. */
  grid: PointGrid | null;
  controls: PlotControls;
  /** The outlier list of a many-row plot. */
  outliers: OutlierList | null;
  /** The hover readout under the plot. */
  readout: HTMLElement;
  /** 1 for rows of visible groups. */
  rowFilter: Uint8Array;
  /** 1 for landmarks of visible organs. */
  landmarkFilter: Uint8Array;
  /** The view's children in order: title, caption, controls, plot, readout, outliers. */
  nodes: HTMLElement[];
}

/** What the pieces of a plot report to its view. */
export interface ILandmarkPlotHandlers
  extends
    Pick<IPlotControlHandlers, 'organ' | 'group' | 'layer'>,
    IOutlierHandlers {
  /** A zoom or pan moved the plot area. */
  zoom(transform: ZoomTransform): void;
  /** The pointer moved over the plot area. */
  pointerMove(event: PointerEvent): void;
  /** The pointer left the plot area. */
  pointerLeave(): void;
  /** The plot area was clicked. */
  click(): void;
}

/**
 * Make the pieces of a plot of `model`, not yet painted: the frame with its
 * canvases and vector layer, zoom, controls, readout and, for many rows, the
 * outlier list. One row is drawn over its masks when the payload carries
 * its CSV row and the frame is mask pixels (masks are drawn in mask pixels,
 * so not under a normalised plot).
 *
 * @param title - The payload's title, or `null`.
 */
export function createPlotParts(
  model: ILandmarkModel,
  title: string | null,
  handlers: ILandmarkPlotHandlers
): ILandmarkPlotParts {
  const single = model.rows.length === 1;
  const underlayRow =
    single && model.frame === 'pixels' ? model.rows[0].row : null;
  const unitLabel = model.frame === 'pixels' ? 'px' : 'normalised';
  const frame = new PlotFrame(
    model.bounds,
    { x: `x (${unitLabel}) →`, y: `↓ y (${unitLabel})` },
    describePlot(model)
  );
  // Capped at 2: the canvases are filled pixel by pixel, so their cost grows
  // with the square of the ratio.
  const dpr = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const underlay = underlayRow
    ? new UnderlayCanvas(
        new MaskUnderlay(underlayRow),
        frame.width,
        frame.height,
        dpr
      )
    : null;
  const contours = single
    ? null
    : new ContourCanvas(frame.width, frame.height, dpr, frame.mapping);
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
  const zoom = new ZoomController(frame.stage, t => handlers.zoom(t));
  const controls = new PlotControls(
    {
      groups: single ? [] : model.groups,
      groupBy: model.groupBy,
      layers
    },
    {
      organ: (key, visible) => handlers.organ(key, visible),
      group: (index, visible) => handlers.group(index, visible),
      layer: (key, visible) => handlers.layer(key, visible),
      zoomBy: f => zoom.zoomBy(f),
      resetView: () => zoom.reset()
    }
  );
  const outliers = single
    ? null
    : new OutlierList({
        hover: row => handlers.hover(row),
        pin: row => handlers.pin(row)
      });
  const readout = h('div', {
    className: 'jp-chexmask-lm-readout',
    attrs: { 'aria-live': 'polite' },
    text: ' '
  });

  frame.stage.addEventListener('pointermove', event =>
    handlers.pointerMove(event)
  );
  frame.stage.addEventListener('pointerleave', () => handlers.pointerLeave());
  // Focus on press, so the wheel zooms (the focus rule of ZoomController).
  frame.stage.addEventListener('pointerdown', () =>
    frame.stage.focus({ preventScroll: true })
  );
  frame.stage.addEventListener('click', () => handlers.click());

  return {
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
    rowFilter: new Uint8Array(model.rows.length).fill(1),
    landmarkFilter: new Uint8Array(LANDMARK_COUNT).fill(1),
    nodes: [
      ...Private.header(model, title),
      controls.node,
      frame.node,
      readout,
      ...(outliers ? [outliers.node] : [])
    ]
  };
}

/**
 * The grid of every row's points for hover, built on first use and kept: it
 * costs ~50 ms at 10,000 rows, too much for the first paint.
 */
export function plotPointGrid(parts: ILandmarkPlotParts): PointGrid {
  parts.grid ??= new PointGrid(parts.model.coords, parts.model.bounds);
  return parts.grid;
}

/**
 * Build the hover grid after the first paint, when the browser is idle (the
 * first hover builds it if sooner), unless the plot is no longer `current()`.
 */
export function buildGridWhenIdle(
  parts: ILandmarkPlotParts,
  current: () => boolean
): void {
  const build = (): void => {
    if (current()) {
      plotPointGrid(parts);
    }
  };
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(build, { timeout: 1000 });
  } else {
    window.setTimeout(build, 50);
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
}
