import { ORGANS } from '../core';
import { LayerKey } from './plot-controls';

/**
 * What the controls and the pointer choose in a landmark plot. It lives as
 * long as one rendered payload: a new payload starts from
 * {@link initialPlotState} again.
 */
export interface ILandmarkPlotState {
  /** Organs shown, in `ORGANS` order. */
  organs: boolean[];
  /** Indices of the groups hidden from the legend. */
  hiddenGroups: Set<number>;
  /** Layers shown. */
  layers: Record<LayerKey, boolean>;
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
    pinned: null,
    listHover: null,
    pointerRow: null
  };
}
