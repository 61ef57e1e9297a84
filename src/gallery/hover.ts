/**
 * The gallery's readout: what the tile under the pointer (or in focus) is,
 * in full — its id, dataset, every carried value and flag, or its error.
 */
import { formatNumber, h } from '../common';
import { GalleryItem } from './tile-payload';
import { FLAG_TEXT } from './tile';

/** The readout of one item, in words. */
export function tileReadout(
  item: GalleryItem,
  columns: ReadonlyArray<string>
): string {
  const parts = [
    item.id ?? `row ${item.index + 1} (no id)`,
    item.dataset ?? 'unknown dataset',
    ...columns.map(c => `${c} ${formatNumber(item.values[c] ?? null, 4)}`)
  ];
  if (item.flags.length) {
    parts.push(item.flags.map(f => FLAG_TEXT[f]).join(', '));
  }
  if (item.kind === 'error') {
    parts.push(item.message);
  }
  return parts.join(' · ');
}

/** The readout line, updated as the pointer or focus moves over tiles. */
export class GalleryReadout {
  readonly node: HTMLElement = h('div', {
    className: 'jp-chexmask-readout',
    attrs: { 'aria-live': 'polite' },
    text: ' '
  });

  constructor(private readonly _columns: ReadonlyArray<string>) {}

  /** Say what `item` is, or clear the line for `null`. */
  show(item: GalleryItem | null): void {
    this.node.textContent = item ? tileReadout(item, this._columns) : ' ';
  }
}
