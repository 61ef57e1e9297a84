/**
 * What each control of a landmark plot changes in its state (organs,
 * groups, layers shown and what the rows are coloured by) and what the
 * change leaves to redraw, without the DOM: the plot redraws just that.
 */
import { ORGANS, OrganKey } from '../core';
import type { IPlotControlHandlers } from './controls';
import { ILandmarkModel } from './model';
import { ColorBy } from './sigma';
import { ILandmarkPlotState, isRowShown, LayerKey } from './state';

/**
 * What a change leaves to redraw. The plot redraws in the order of the
 * fields (masks, statistics with the outlier list, contours, vector layer):
 * the vector layer draws the statistics made just before.
 */
export interface IPlotRedraw {
  /**
   * The masks of a one-row plot: `'paint'` them again for the organs shown
   * and draw them, just `'draw'` them (shown or cleared), or `null`.
   */
  masks: 'paint' | 'draw' | null;
  /** The statistics over the rows shown, and the outliers they rank. */
  stats: boolean;
  /** The contour cloud. */
  contours: boolean;
  /** The vector layer, in full. */
  shapes: boolean;
}

/** Show or hide an organ: in the masks, the contours and the vector layer. */
export function showOrgan(
  state: ILandmarkPlotState,
  key: OrganKey,
  visible: boolean
): IPlotRedraw {
  const i = ORGANS.findIndex(o => o.key === key);
  state.organs = state.organs.map((v, j) => (j === i ? visible : v));
  return { masks: 'paint', stats: false, contours: true, shapes: true };
}

/**
 * Show or hide a group; its rows can then be neither pinned nor hovered,
 * and the list's hover is dropped with the list it was over.
 */
export function showGroup(
  model: ILandmarkModel,
  state: ILandmarkPlotState,
  index: number,
  visible: boolean
): IPlotRedraw {
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
  return { masks: null, stats: true, contours: true, shapes: true };
}

/** Show or hide a layer: only that layer is redrawn. */
export function showLayer(
  state: ILandmarkPlotState,
  key: LayerKey,
  visible: boolean
): IPlotRedraw {
  state.layers[key] = visible;
  return {
    masks: key === 'masks' ? 'draw' : null,
    stats: false,
    contours: key === 'contours',
    shapes: key !== 'contours' && key !== 'masks'
  };
}

/** Colour the rows by their group or by their mean σ. */
export function colorRowsBy(
  state: ILandmarkPlotState,
  mode: ColorBy
): IPlotRedraw {
  state.colorBy = mode;
  return { masks: null, stats: false, contours: true, shapes: true };
}

/** What the plot does after a control changed its state. */
export interface IControlEffects {
  /** Redraw what the change left to redraw. */
  redraw(redraw: IPlotRedraw): void;
  /** Show the colouring chosen (the control, its colour bar, `data-color-by`). */
  showColorBy(mode: ColorBy): void;
}

/**
 * The controls' callbacks for a plot: each changes the state as above, then
 * has the plot show the colouring chosen (colour choice only) and redraw.
 */
export function controlHandlers(
  model: ILandmarkModel,
  state: ILandmarkPlotState,
  effects: IControlEffects
): IPlotControlHandlers {
  return {
    organ: (key, visible) => effects.redraw(showOrgan(state, key, visible)),
    group: (index, visible) =>
      effects.redraw(showGroup(model, state, index, visible)),
    layer: (key, visible) => effects.redraw(showLayer(state, key, visible)),
    colorBy: mode => {
      const redraw = colorRowsBy(state, mode);
      effects.showColorBy(mode);
      effects.redraw(redraw);
    }
  };
}
