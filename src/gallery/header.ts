import { h } from '../common';
import { IGalleryPayload } from './payload';

/**
 * The header of a gallery: its title, how many rows it carries (of how
 * many given), and how tiles and rows opened large are drawn.
 */
export function galleryHeader(payload: IGalleryPayload): HTMLElement {
  return h('div', { className: 'jp-chexmask-header' }, [
    payload.title
      ? h('div', { className: 'jp-chexmask-title', text: payload.title })
      : null,
    h('div', {
      className: 'jp-chexmask-header-line jp-chexmask-gallery-note',
      text:
        `${payload.items.length.toLocaleString('en-US')} rows` +
        (payload.total > payload.items.length
          ? ` (the first of ${payload.total.toLocaleString('en-US')} given)`
          : '') +
        '. Tiles: each mask sampled at tile size from its RLE; opened large: ' +
        (payload.items.some(item => item.kind === 'tile' && item.landmarks)
          ? 'drawn from the landmark rings.'
          : 'at tile size (the rows carry no landmarks).')
    })
  ]);
}
