import { formatNumber, h } from '../common';
import { IRcaSummary } from './summary';

/**
 * The live per-dataset table under the histogram: rows, missing, kept at the
 * threshold (count and %), mean, median and 5th percentile. Built once and
 * then only its text changes, so a threshold drag costs a few text writes.
 * Scores outside [0, 1] are counted by the kernel but cannot be binned: a
 * warning under the table says how many, so they never vanish silently.
 */
export class RcaTable {
  readonly node: HTMLTableElement;
  private readonly _cells = new Map<string, HTMLTableCellElement[]>();
  private readonly _keptHeader: HTMLTableCellElement;
  private readonly _warnings: HTMLUListElement;
  private readonly _foot: HTMLTableSectionElement;
  private _warningKey = '';

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
    this._warnings = h('ul', {
      className: 'jp-chexmask-warnings',
      attrs: { role: 'status' }
    });
    this._foot = h('tfoot', {}, [
      h('tr', {}, [h('td', { attrs: { colspan: '8' } }, [this._warnings])])
    ]);
    this._foot.hidden = true;
    this.node = h('table', { className: 'jp-chexmask-rca-table' }, [
      head,
      body,
      this._foot
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
    this._showOutOfRange(summaries, score);
  }

  /** The warnings about scores outside [0, 1], rewritten only when they change. */
  private _showOutOfRange(summaries: IRcaSummary[], score: string): void {
    const lines = summaries
      .filter(s => s.outOfRange > 0)
      .map(
        s =>
          `⚠ ${s.name}: ${s.outOfRange.toLocaleString('en-US')} Dice RCA (${score}) value(s) outside [0, 1] are not valid scores and are not counted`
      );
    const key = lines.join('\n');
    if (this._warningKey === key) {
      return;
    }
    this._warningKey = key;
    this._warnings.replaceChildren(
      ...lines.map(text => h('li', { className: 'jp-chexmask-warning', text }))
    );
    this._foot.hidden = lines.length === 0;
  }
}
