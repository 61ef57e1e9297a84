import { h } from '../common';
import { IParsedComparePayload } from './payload';

/**
 * The header of a comparison: title, the two sources (and ids), the size,
 * and any resampling the kernel did.
 */
export function compareHeader(payload: IParsedComparePayload): HTMLElement {
  const { labels, a, b, height, width, resizedFrom, title } = payload;
  const source = (name: string, label: string, id: string | null) =>
    h('span', { className: 'jp-chexmask-compare-source' }, [
      h('span', { className: 'jp-chexmask-compare-side', text: `${name}: ` }),
      h('span', { className: 'jp-chexmask-compare-label', text: label }),
      id ? h('span', { className: 'jp-chexmask-id', text: ` ${id}` }) : null
    ]);
  return h('div', { className: 'jp-chexmask-header' }, [
    title ? h('div', { className: 'jp-chexmask-title', text: title }) : null,
    h('div', { className: 'jp-chexmask-header-line' }, [
      source('A', labels[0], a.id),
      source('B', labels[1], b.id),
      h('span', {
        className: 'jp-chexmask-size',
        text: `${height}×${width} px`
      })
    ]),
    resizedFrom
      ? h('div', {
          className: 'jp-chexmask-header-line jp-chexmask-resized',
          attrs: { role: 'note' },
          text:
            `${labels[1]} was resized from ${resizedFrom.height}×${resizedFrom.width} ` +
            `to ${height}×${width} px by the kernel (resize="nearest": nearest-neighbour resampling); ` +
            'its landmarks were scaled.'
        })
      : null
  ]);
}
