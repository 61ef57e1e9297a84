/**
 * What the user chooses in a gallery: sort, filter, selection, the tile in
 * focus, the tile opened large and where the grid was scrolled. One object
 * per payload: it outlives the view's builds (a gallery painted again after
 * scrolling back keeps it), and a new payload starts from
 * {@link initialGalleryState} again. Pure: no DOM, tested in plain Node.
 */
import { DICE_MEAN_COLUMN } from '../core';
import { IGalleryPayload } from './payload';
import { GalleryItem } from './tile-payload';

/** The state of a gallery. */
export interface IGalleryState {
  /** A carried column to sort by, or `null` for the payload's order. */
  sortBy: string | null;
  ascending: boolean;
  /** Datasets hidden by the filter (by name; `null`'s key is {@link NO_DATASET}). */
  hiddenDatasets: Set<string>;
  /** The column the score range applies to. */
  rangeColumn: string;
  /** The range's bounds, inclusive; `null` for none. */
  rangeMin: number | null;
  rangeMax: number | null;
  /** Selected rows, by their index in the payload. */
  selected: Set<number>;
  /** Where a Shift-click range starts (a payload index), or `null`. */
  anchor: number | null;
  /** The tile in focus (a payload index), or `null`. */
  focus: number | null;
  /** The tile opened large (a payload index), or `null` for the grid. */
  open: number | null;
  /** The grid's scroll position, restored when the view is built again. */
  scrollTop: number;
  /** Which rows the exports take: the selection, or all shown. */
  exportScope: 'selected' | 'shown';
}

/** The filter's name for rows without a dataset. */
export const NO_DATASET = '(no dataset)';

/**
 * A fresh gallery: in the payload's order (the kernel's sort), every
 * dataset shown, the range on Dice RCA (Mean) and open, nothing selected.
 */
export function initialGalleryState(payload: IGalleryPayload): IGalleryState {
  return {
    sortBy: null,
    ascending: payload.ascending,
    hiddenDatasets: new Set(),
    rangeColumn: payload.columns.includes(DICE_MEAN_COLUMN)
      ? DICE_MEAN_COLUMN
      : (payload.columns[0] ?? DICE_MEAN_COLUMN),
    rangeMin: null,
    rangeMax: null,
    selected: new Set(),
    anchor: null,
    focus: null,
    open: null,
    scrollTop: 0,
    exportScope: 'selected'
  };
}

/** The dataset filter's key of an item. */
export function datasetKey(item: GalleryItem): string {
  return item.dataset ?? NO_DATASET;
}

/** The datasets of a payload with their row counts, in order of appearance. */
export function datasetCounts(payload: IGalleryPayload): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of payload.items) {
    const key = datasetKey(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Whether an item passes the filter: its dataset is shown and, when the
 * range has a bound, its value of the range column lies within it (a row
 * without that value is then left out: it cannot be said to lie inside).
 */
export function passesFilter(item: GalleryItem, state: IGalleryState): boolean {
  if (state.hiddenDatasets.has(datasetKey(item))) {
    return false;
  }
  if (state.rangeMin === null && state.rangeMax === null) {
    return true;
  }
  const value = item.values[state.rangeColumn];
  if (value === null || value === undefined) {
    return false;
  }
  return (
    (state.rangeMin === null || value >= state.rangeMin) &&
    (state.rangeMax === null || value <= state.rangeMax)
  );
}

/**
 * The items shown, in order: filtered, then sorted by the chosen column
 * (stable: ties keep the payload's order; rows without a value last,
 * whichever the direction, as pandas' `na_position="last"`).
 */
export function shownItems(
  payload: IGalleryPayload,
  state: IGalleryState
): GalleryItem[] {
  const shown = payload.items.filter(item => passesFilter(item, state));
  const column = state.sortBy;
  if (column === null) {
    return state.ascending === payload.ascending ? shown : shown.reverse();
  }
  const sign = state.ascending ? 1 : -1;
  return shown
    .map(item => ({ item, value: item.values[column] ?? null }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        return a.value === b.value
          ? a.item.index - b.item.index
          : a.value === null
            ? 1
            : -1;
      }
      return a.value === b.value
        ? a.item.index - b.item.index
        : sign * (a.value - b.value);
    })
    .map(entry => entry.item);
}

/** How a click or key changes the selection. */
export type SelectGesture = 'only' | 'toggle' | 'range';

/**
 * The selection after a gesture on the shown item at `position`:
 * `only` selects it alone, `toggle` adds or removes it (Ctrl/⌘-click,
 * Space), `range` adds every shown item from the anchor to it
 * (Shift-click, Shift+Space; from the item itself without an anchor).
 * The anchor moves to the item, except after a range.
 */
export function select(
  state: IGalleryState,
  shown: ReadonlyArray<GalleryItem>,
  position: number,
  gesture: SelectGesture
): void {
  const item = shown[position];
  if (!item) {
    return;
  }
  if (gesture === 'only') {
    state.selected = new Set([item.index]);
    state.anchor = item.index;
    return;
  }
  if (gesture === 'toggle') {
    if (state.selected.has(item.index)) {
      state.selected.delete(item.index);
    } else {
      state.selected.add(item.index);
    }
    state.anchor = item.index;
    return;
  }
  const from =
    state.anchor === null
      ? -1
      : shown.findIndex(other => other.index === state.anchor);
  const start = from < 0 ? position : Math.min(from, position);
  const end = from < 0 ? position : Math.max(from, position);
  for (let i = start; i <= end; i++) {
    state.selected.add(shown[i].index);
  }
}

/** Select every shown item (what is selected but filtered out stays selected). */
export function selectAllShown(
  state: IGalleryState,
  shown: ReadonlyArray<GalleryItem>
): void {
  for (const item of shown) {
    state.selected.add(item.index);
  }
}

/** The selected items, in the order shown, then those the filter hides. */
export function selectedItems(
  payload: IGalleryPayload,
  state: IGalleryState,
  shown: ReadonlyArray<GalleryItem>
): GalleryItem[] {
  const inShown = shown.filter(item => state.selected.has(item.index));
  const seen = new Set(inShown.map(item => item.index));
  const hidden = payload.items.filter(
    item => state.selected.has(item.index) && !seen.has(item.index)
  );
  return [...inShown, ...hidden];
}

/** Where focus goes from `position` on a key, in a grid of `columns`. */
export function moveFocus(
  position: number,
  key: string,
  columns: number,
  count: number,
  pageRows: number
): number | null {
  if (count === 0) {
    return null;
  }
  const step: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -columns,
    ArrowDown: columns,
    PageUp: -columns * pageRows,
    PageDown: columns * pageRows
  };
  if (key === 'Home') {
    return 0;
  }
  if (key === 'End') {
    return count - 1;
  }
  if (!(key in step)) {
    return null;
  }
  return Math.max(0, Math.min(count - 1, position + step[key]));
}
