import { IChexmaskRow, MaskSource, ORGANS, OrganKey } from '../core';
import { formatNumber, h } from '../common';

/**
 * The header of a row view: id, dataset, mask size, Dice RCA Mean and Max
 * with a badge for rows under the quality threshold, and every warning.
 */
export class RowHeader {
  readonly node: HTMLElement;
  private readonly _badge: HTMLElement;
  private readonly _sources: HTMLElement;

  constructor(
    private readonly _row: IChexmaskRow,
    title: string | null
  ) {
    const row = _row;
    this._badge = h('span', { className: 'jp-chexmask-badge' });
    this._sources = h('div', {
      className: 'jp-chexmask-header-line jp-chexmask-mask-sources',
      attrs: { role: 'status' }
    });
    const dataset = row.dataset
      ? `${row.dataset} (from ${row.idColumn})`
      : row.idColumn
        ? `id column ${row.idColumn}`
        : 'unknown dataset';
    this.node = h('div', { className: 'jp-chexmask-header' }, [
      title ? h('div', { className: 'jp-chexmask-title', text: title }) : null,
      h('div', { className: 'jp-chexmask-header-line' }, [
        h('span', {
          className: 'jp-chexmask-id',
          text: row.id ?? '(no id)',
          attrs: { title: row.id ?? '' }
        }),
        h('span', { className: 'jp-chexmask-dataset', text: dataset }),
        h('span', {
          className: 'jp-chexmask-size',
          text: `${row.height}×${row.width} px`
        })
      ]),
      h('div', { className: 'jp-chexmask-header-line' }, [
        h('span', {
          className: 'jp-chexmask-dice jp-chexmask-dice-mean',
          text: `Dice RCA (Mean) ${formatNumber(row.diceRcaMean)}`
        }),
        h('span', {
          className: 'jp-chexmask-dice jp-chexmask-dice-max',
          text: `Dice RCA (Max) ${formatNumber(row.diceRcaMax)}`
        }),
        this._badge
      ]),
      row.warnings.length
        ? // The live region wraps the list: a role on the <ul> itself would
          // take its list semantics away from the items (axe-core listitem).
          h('div', { attrs: { role: 'status' } }, [
            h(
              'ul',
              { className: 'jp-chexmask-warnings' },
              row.warnings.map(w =>
                h('li', { className: 'jp-chexmask-warning', text: `⚠ ${w}` })
              )
            )
          ])
        : null,
      this._sources
    ]);
  }

  /** Say which organs are drawn from their landmarks rather than from RLE. */
  setSources(sources: Record<OrganKey, MaskSource>): void {
    const filled = ORGANS.filter(o => sources[o.key] === 'landmarks');
    this._sources.textContent = filled.length
      ? `Drawn from landmarks (no RLE mask): ${filled.map(o => o.label).join(', ')}`
      : '';
    this._sources.hidden = filled.length === 0;
  }

  /** Mark the row against the RCA threshold. */
  setThreshold(threshold: number): void {
    const mean = this._row.diceRcaMean;
    const low = mean !== null && mean < threshold;
    this._badge.textContent =
      mean === null
        ? 'no RCA score'
        : low
          ? `below ${threshold}`
          : `≥ ${threshold}`;
    this._badge.classList.toggle('jp-chexmask-badge-low', low);
    this._badge.classList.toggle('jp-chexmask-badge-ok', mean !== null && !low);
    this._badge.title = `Rows with Dice RCA (Mean) under ${threshold} are marked (CheXmask recommends 0.7)`;
  }
}
