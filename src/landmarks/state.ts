/**
 * What the controls and the pointer choose in a landmark plot, in one
 * object: the one source of truth. What follows from it (which rows and
 * landmarks can be hovered, which rows are highlighted, what the vector
 * layer and the contour canvas draw) is derived by the functions here,
 * never stored beside it.
 */
import { LANDMARK_COUNT, ORGANS, OrganKey } from '../core';
import type { IContourCloud } from './contours';
import type { ILandmarkModel } from './model';
import type { IHighlight, IShapeLayerContent } from './shape-layer';
import { SHAPE_STRIDE } from './shapes';
import { ColorBy, rowSigmaColor, sigmaDensityGroups } from './sigma';
import type { ILandmarkPlotStats } from './statistics';

/** The layers a plot can show or hide. */
export type LayerKey =
  'contours' | 'mean' | 'ellipses' | 'groupMeans' | 'masks';

/**
 * The state of a landmark plot. It lives as long as one built plot: a new
 * build starts from {@link initialPlotState} again.
 */
export interface ILandmarkPlotState {
  /** Organs shown, in `ORGANS` order. */
  organs: boolean[];
  /** Indices of the groups hidden from the legend. */
  hiddenGroups: Set<number>;
  /** Layers shown. */
  layers: Record<LayerKey, boolean>;
  /** What the rows' contours and highlights are coloured by. */
  colorBy: ColorBy;
  /** Row highlighted by a click (list or plot) until clicked again. */
  pinned: number | null;
  /** Row under the pointer or focus in the outlier list. */
  listHover: number | null;
  /** Row whose point is nearest the pointer in the plot. */
  pointerRow: number | null;
}

/**
 * The state of a freshly rendered plot: every organ and group shown, every
 * layer but the group means, and the masks when there are masks to show.
 *
 * @param masks - Whether the plot has a mask underlay.
 */
export function initialPlotState(masks: boolean): ILandmarkPlotState {
  return {
    organs: ORGANS.map(() => true),
    hiddenGroups: new Set(),
    layers: {
      contours: true,
      mean: true,
      ellipses: true,
      groupMeans: false,
      masks
    },
    colorBy: 'group',
    pinned: null,
    listHover: null,
    pointerRow: null
  };
}

/** 1 for the landmarks of the organs shown, 0 for the others. */
export function landmarkFilter(organs: readonly boolean[]): Uint8Array {
  const filter = new Uint8Array(LANDMARK_COUNT);
  ORGANS.forEach((organ, i) => {
    if (organs[i]) {
      filter.fill(1, organ.start, organ.end);
    }
  });
  return filter;
}

/** 1 for the rows of the groups shown, 0 for the others. */
export function rowFilter(
  model: ILandmarkModel,
  hiddenGroups: ReadonlySet<number>
): Uint8Array {
  const filter = new Uint8Array(model.rows.length).fill(1);
  for (const g of hiddenGroups) {
    for (const row of model.groups[g]?.rows ?? []) {
      filter[row] = 0;
    }
  }
  return filter;
}

/** Whether a row's group is shown (rows of hidden groups cannot be picked). */
export function isRowShown(
  model: ILandmarkModel,
  state: ILandmarkPlotState,
  row: number
): boolean {
  return !state.hiddenGroups.has(model.rowGroup[row]);
}

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
 * What the contour canvas rasterises for the plot's state: the visible
 * groups' rows in their groups' colours, or in σ bands when coloured by σ;
 * `null` with the contours hidden. `initial` says the cloud is the plot's
 * first (by group, every group and organ shown), which the worker may have
 * drawn already.
 */
export function contourContent(
  model: ILandmarkModel,
  state: ILandmarkPlotState
): { cloud: IContourCloud | null; initial: boolean } {
  const groups =
    state.colorBy === 'sigma' && model.sigmaScale
      ? sigmaDensityGroups(
          model.rows,
          model.sigmaScale,
          rowFilter(model, state.hiddenGroups)
        )
      : model.groups.filter((_, g) => !state.hiddenGroups.has(g));
  return {
    cloud: state.layers.contours
      ? { coords: model.coords, groups, organs: state.organs }
      : null,
    initial:
      state.colorBy === 'group' &&
      state.hiddenGroups.size === 0 &&
      state.organs.every(Boolean)
  };
}

/** A row's colour: its group's, or its mean σ's when the plot is coloured by σ. */
export function rowColor(
  model: ILandmarkModel,
  state: ILandmarkPlotState,
  row: number
): string {
  return state.colorBy === 'sigma' && model.sigmaScale
    ? rowSigmaColor(model.rows[row], model.sigmaScale)
    : model.groups[model.rowGroup[row]].color;
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
        color: rowColor(model, state, row),
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
