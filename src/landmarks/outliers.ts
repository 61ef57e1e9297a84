/**
 * The outlier list of a many-row landmark plot: the rows furthest from the
 * mean shape, which highlight their contour on hover and pin it on click.
 */
import { h } from '../common';
import { IOutlier } from './shapes';

/** One entry to list. */
export interface IOutlierEntry extends IOutlier {
  /** The row's id (or a stand-in such as "row 12"). */
  label: string;
  /** The row's group name, or `null` when ungrouped. */
  group: string | null;
  /** The group's colour. */
  color: string;
}

/** Callbacks of the list. */
export interface IOutlierHandlers {
  /** The pointer or focus is on a row (or left the list: `null`). */
  hover(row: number | null): void;
  /** A row was clicked (or pressed): pin or unpin its highlight. */
  pin(row: number): void;
}

/**
 * The rows furthest from the mean shape, furthest first, with their ids and
 * distances. Hovering or focusing an entry highlights its contour; clicking
 * pins the highlight until clicked again. Entries are buttons, so the list
 * works from the keyboard.
 */
export class OutlierList {
  /** The heading and the list. */
  readonly node: HTMLElement;
  private readonly _list: HTMLOListElement;
  private readonly _heading: HTMLElement;

  /** @param _handlers - Hover and pin callbacks. */
  constructor(private readonly _handlers: IOutlierHandlers) {
    this._heading = h('div', { className: 'jp-chexmask-lm-outliers-title' });
    this._list = h('ol', { className: 'jp-chexmask-lm-outlier-list' });
    this._list.addEventListener('pointerleave', () => _handlers.hover(null));
    this.node = h(
      'div',
      {
        className: 'jp-chexmask-lm-outliers',
        attrs: { role: 'group', 'aria-label': 'Outliers' }
      },
      [this._heading, this._list]
    );
  }

  /**
   * Show a new ranking.
   *
   * @param entries - Furthest first.
   * @param unit - The distance unit, e.g. "px".
   * @param pinned - The pinned row, or `null`.
   */
  update(entries: IOutlierEntry[], unit: string, pinned: number | null): void {
    this._heading.textContent = entries.length
      ? `Furthest from the mean shape (mean distance of the 120 landmarks to the mean's, ${unit})`
      : 'No rows shown';
    const digits = unit === 'px' ? 1 : 4;
    this._list.replaceChildren(
      ...entries.map(entry => {
        const swatch = h('span', {
          className: 'jp-chexmask-swatch',
          attrs: { 'aria-hidden': 'true' }
        });
        swatch.style.background = entry.color;
        const button = h(
          'button',
          {
            className: 'jp-chexmask-lm-outlier-button',
            attrs: {
              type: 'button',
              'aria-pressed': String(entry.row === pinned),
              title: 'Click to keep this contour highlighted'
            },
            on: {
              click: () => this._handlers.pin(entry.row),
              pointerenter: () => this._handlers.hover(entry.row),
              focus: () => this._handlers.hover(entry.row),
              blur: () => this._handlers.hover(null)
            }
          },
          [
            swatch,
            h('span', {
              className: 'jp-chexmask-lm-outlier-id',
              text: entry.label
            }),
            entry.group !== null
              ? h('span', {
                  className: 'jp-chexmask-lm-outlier-group',
                  text: entry.group
                })
              : null,
            h('span', {
              className: 'jp-chexmask-lm-outlier-distance',
              text: `${entry.distance.toFixed(digits)} ${unit}`
            })
          ]
        );
        return h(
          'li',
          {
            className: 'jp-chexmask-lm-outlier',
            attrs: { 'data-row': String(entry.row) }
          },
          [button]
        );
      })
    );
  }

  /** Mark the pinned row's entry. */
  setPinned(pinned: number | null): void {
    for (const item of Array.from(this._list.children)) {
      const row = Number((item as HTMLElement).dataset.row);
      item
        .querySelector('button')
        ?.setAttribute('aria-pressed', String(row === pinned));
    }
  }
}
