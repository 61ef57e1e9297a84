/**
 * One tile of the gallery: the row's masks painted at tile size (over its
 * x-ray thumbnail, or the neutral background), and under it the short id,
 * dataset, Dice RCA (Mean) with the threshold badge, and flags. A malformed
 * row's tile shows the field at fault and the problem instead, as text.
 */
import { DICE_MEAN_COLUMN } from '../core';
import {
  formatNumber,
  h,
  IMaskStyle,
  MaskPainter,
  scratchImage
} from '../common';
import { GalleryItem, IGalleryTile, shortId, TileFlag } from './tile-payload';

/** The words of each flag under a tile. */
export const FLAG_TEXT: Record<TileFlag, string> = {
  swapped: 'swapped scores',
  'empty-organ': 'empty organ',
  'no-score': 'no score',
  malformed: 'malformed'
};

/** A tile element and how to repaint it. */
export interface ITileElement {
  readonly node: HTMLElement;
  readonly item: GalleryItem;
  /** Paint the masks with the style (tiles of error rows have none). */
  paint(style: IMaskStyle): void;
  /** Show the threshold badge for `threshold`. */
  setThreshold(threshold: number): void;
  /** Show whether the row is selected. */
  setSelected(selected: boolean): void;
}

/** The DOM id of an item's tile, unique per gallery view. */
export function tileId(prefix: string, index: number): string {
  return `${prefix}-tile-${index}`;
}

/** Make the tile of an item (see the module's comment). */
export function makeTile(item: GalleryItem, domId: string): ITileElement {
  // A box drawn in CSS, not a checkbox: a tile is a list box option, whose
  // children are presentational (a control inside one is "nested
  // interactive"); the option's aria-selected says what the box shows, and
  // clicking the box toggles the selection (gallery.ts).
  const check = h('span', {
    className: 'jp-chexmask-tile-select',
    attrs: { 'aria-hidden': 'true', title: 'Select (Ctrl+click, Space)' }
  });
  const badge = h('span', { className: 'jp-chexmask-badge' });
  const mean = item.values[DICE_MEAN_COLUMN] ?? null;
  const flags = item.flags.map(flag =>
    h('span', {
      className: 'jp-chexmask-tile-flag',
      text: FLAG_TEXT[flag],
      attrs: { 'data-flag': flag }
    })
  );
  const picture =
    item.kind === 'tile' ? Private.picture(item) : Private.errorPicture(item);
  const node = h(
    'div',
    {
      className:
        'jp-chexmask-tile' +
        (item.kind === 'error' ? ' jp-chexmask-tile-error' : ''),
      attrs: {
        id: domId,
        role: 'option',
        'aria-selected': 'false',
        'data-index': String(item.index),
        'data-id': item.id ?? '',
        'aria-label': Private.label(item)
      }
    },
    [
      picture.node,
      h('div', { className: 'jp-chexmask-tile-caption' }, [
        h('div', { className: 'jp-chexmask-tile-line' }, [
          check,
          h('span', {
            className: 'jp-chexmask-tile-id',
            text: shortId(item.id),
            attrs: { title: item.id ?? '' }
          })
        ]),
        h('div', { className: 'jp-chexmask-tile-line' }, [
          h('span', {
            className: 'jp-chexmask-tile-dataset',
            text: item.dataset ?? '—'
          }),
          h('span', {
            className: 'jp-chexmask-tile-score',
            text: formatNumber(mean)
          }),
          badge
        ]),
        flags.length
          ? h('div', { className: 'jp-chexmask-tile-flags' }, flags)
          : null
      ])
    ]
  );
  return {
    node,
    item,
    paint: style => picture.paint(style),
    setThreshold: threshold => {
      const low = mean !== null && mean < threshold;
      badge.textContent = low ? `< ${threshold}` : '';
      badge.hidden = !low;
      badge.classList.toggle('jp-chexmask-badge-low', low);
      node.classList.toggle('jp-chexmask-tile-low', low);
    },
    setSelected: selected => {
      node.setAttribute('aria-selected', String(selected));
      node.classList.toggle('jp-chexmask-tile-selected', selected);
    }
  };
}

namespace Private {
  interface IPicture {
    node: HTMLElement;
    paint(style: IMaskStyle): void;
  }

  /** The masks (and thumbnail) of a drawable row. */
  export function picture(item: IGalleryTile): IPicture {
    const canvas = h('canvas', { className: 'jp-chexmask-tile-masks' });
    canvas.width = item.tileWidth;
    canvas.height = item.tileHeight;
    const xray = item.image
      ? h('img', {
          className: 'jp-chexmask-tile-xray',
          attrs: {
            alt: '',
            decoding: 'async',
            src: `data:${item.image.mimeType};base64,${item.image.data}`
          }
        })
      : null;
    const node = h(
      'div',
      {
        className:
          'jp-chexmask-tile-picture' + (xray ? ' jp-chexmask-has-xray' : ''),
        attrs: {
          style: `aspect-ratio: ${item.tileWidth} / ${item.tileHeight}`
        }
      },
      [xray, canvas]
    );
    const painter = new MaskPainter(item.runs, item.tileHeight, item.tileWidth);
    return {
      node,
      paint: style => {
        const context = canvas.getContext('2d');
        if (!context) {
          return; // no canvas here (jsdom): the caption still says it all
        }
        const pixels = scratchImage(context, item.tileWidth, item.tileHeight);
        painter.paint(pixels.data, style);
        context.putImageData(pixels, 0, 0);
      }
    };
  }

  /** What stands in for the picture of a malformed row: field and problem. */
  export function errorPicture(
    item: GalleryItem & { kind: 'error' }
  ): IPicture {
    return {
      node: h(
        'div',
        { className: 'jp-chexmask-tile-picture jp-chexmask-tile-problem' },
        [
          h('div', {
            className: 'jp-chexmask-error-field',
            text: `Field: ${item.field}`
          }),
          h('div', {
            className: 'jp-chexmask-error-message',
            text: item.message
          })
        ]
      ),
      paint: () => undefined
    };
  }

  /** What a screen reader says of a tile. */
  export function label(item: GalleryItem): string {
    const mean = item.values[DICE_MEAN_COLUMN] ?? null;
    const parts = [
      item.id ?? `row ${item.index + 1} without id`,
      item.dataset ?? 'unknown dataset',
      `Dice RCA (Mean) ${formatNumber(mean)}`,
      ...item.flags.map(flag => FLAG_TEXT[flag])
    ];
    if (item.kind === 'error') {
      parts.push(item.message);
    }
    return parts.join(', ');
  }
}
