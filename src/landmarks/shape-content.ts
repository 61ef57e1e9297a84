import { OrganKey } from '../core';
import { ILandmarkModel } from './model';
import { ILandmarkPlotState } from './plot-state';
import { ILandmarkPlotStats } from './plot-stats';
import { IHighlight, IShapeLayerContent } from './shape-layer';
import { SHAPE_STRIDE } from './shapes';

/** What the vector layer is given, and the rows it highlights. */
export interface IShapeUpdate {
  /** The parts of the vector layer's content that change. */
  content: Partial<IShapeLayerContent>;
  /** The highlighted rows, without repeats; `null` in a one-row plot. */
  highlighted: number[] | null;
}

/**
 * What the vector layer draws for the plot's state and statistics. With
 * `onlyHighlights`, just the highlighted rows: a hover or a pin changes no
 * more, and leaving the rest out spares redrawing 120 ellipses.
 *
 * @param stats - The statistics of a many-row plot; `null` in a one-row
 *   plot, which draws its one row in organ colours.
 * @param colors - The organ colours of the settings.
 */
export function shapeLayerContent(
  model: ILandmarkModel,
  state: ILandmarkPlotState,
  stats: ILandmarkPlotStats | null,
  colors: Record<OrganKey, string>,
  onlyHighlights = false
): IShapeUpdate {
  const content: Partial<IShapeLayerContent> = {};
  if (!onlyHighlights) {
    content.organs = state.organs;
  }
  if (stats === null) {
    content.single = {
      shape: model.coords.subarray(0, SHAPE_STRIDE),
      colors
    };
    return { content, highlighted: null };
  }
  const any = stats.spread.count > 0;
  if (!onlyHighlights) {
    content.mean = any && state.layers.mean ? stats.spread.mean : null;
    content.ellipses =
      any && state.layers.ellipses
        ? { centers: stats.spread.mean, axes: stats.ellipses }
        : null;
    content.groupMeans = state.layers.groupMeans ? stats.groupMeans : [];
  }
  content.highlights = plotHighlights(model, state);
  return {
    content,
    highlighted: content.highlights.map(hl => hl.row)
  };
}

/**
 * The rows drawn bold above the cloud: the pinned row, the row hovered in
 * the outlier list and the row under the pointer, each once, in that order.
 */
export function plotHighlights(
  model: ILandmarkModel,
  state: ILandmarkPlotState
): IHighlight[] {
  const result: IHighlight[] = [];
  const add = (row: number | null, kind: IHighlight['kind']): void => {
    if (row !== null && !result.some(hl => hl.row === row)) {
      result.push({
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
  return result;
}
