import { formatNumber, h } from '../common';
import { IRcaSummary } from './summary';

/**
 * The live per-dataset table under the histogram: rows, missing, kept at the
 * threshold (count and %), mean, median and 5th percentile. Built once and
 * then only its text changes, so a threshold drag costs a few text writes.
 */
export class RcaTable {
  readonly node: HTMLTableElement;
  private readonly _cells = new Map<string, HTMLTableCellElement[]>();
  private readonly _keptHeader: HTMLTableCellElement;

  constructor(names: string[], colors: Map<string, string>) {
    this._keptHeader = h('th', { text: 'Kept', attrs: { scope: 'col' } });
    const head = h('thead', {}, [
      h('tr', {}, [
        h('th', { text: 'Dataset', attrs: { scope: 'col' } }),
        h('th', { text: 'Rows', attrs: { scope: 'col' } }),
        h('th', { text: 'Missing', attrs: { scope: 'col' } }),
        this._keptHeader,
        h('th', { text: 'Kept %', attrs: { scope: 'col' } }),
        h('th', { text: 'Mean', attrs: { scope: 'col' } }),
        h('th', { text: 'Median', attrs: { scope: 'col' } }),
        h('th', { text: '5th pct', attrs: { scope: 'col' } })
      ])
    ]);
    const body = h('tbody');
    for (const name of names) {
      const cells = Array.from({ length: 7 }, () => h('td'));
      const swatch = h('span', {
        className: 'jp-chexmask-swatch',
        attrs: { 'aria-hidden': 'true' }
      });
      swatch.style.background = colors.get(name) ?? '';
      body.appendChild(
        h('tr', { attrs: { 'data-dataset': name } }, [
          h('th', { attrs: { scope: 'row' } }, [swatch, ` ${name}`]),
          ...cells
        ])
      );
      this._cells.set(name, cells);
    }
    this.node = h('table', { className: 'jp-chexmask-rca-table' }, [
      head,
      body
    ]);
  }

  /** Show the summaries at a threshold. */
  update(summaries: IRcaSummary[], threshold: number, score: string): void {
    this._keptHeader.textContent = `Kept (${score} ≥ ${threshold.toFixed(3)})`;
    for (const s of summaries) {
      const cells = this._cells.get(s.name);
      if (!cells) {
        continue;
      }
      const texts = [
        s.rows.toLocaleString('en-US'),
        s.missing.toLocaleString('en-US'),
        s.kept.toLocaleString('en-US'),
        s.keptShare === null ? '—' : `${(s.keptShare * 100).toFixed(1)}%`,
        formatNumber(s.mean),
        formatNumber(s.median),
        formatNumber(s.p5)
      ];
      texts.forEach((text, i) => {
        if (cells[i].textContent !== text) {
          cells[i].textContent = text;
        }
      });
    }
  }
}
