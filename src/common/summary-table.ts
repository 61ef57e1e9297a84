/**
 * The live table under a histogram: one row per series (dataset or group)
 * with a swatch, then cells the view fills, and warnings in its foot. Built
 * once; afterwards only changed text is written, so a threshold drag costs a
 * few text writes.
 */
import { h } from './dom';

/** How a summary table is laid out. */
export interface ISummaryTableOptions {
  /** The table's class, for styles and tests. */
  className: string;
  /** The header of the name column, e.g. "Dataset". */
  rowHeader: string;
  /** The headers of the other columns. */
  columns: string[];
  /** The rows: each series' name (shown as text, never markup) and colour. */
  rows: ReadonlyArray<{ name: string; color: string }>;
  /** The data attribute naming a row's series, e.g. `dataset` for `data-dataset`. */
  rowAttribute: string;
}

/** A live table of one row per series (see the module's comment). */
export class SummaryTable {
  readonly node: HTMLTableElement;
  private readonly _cells = new Map<string, HTMLTableCellElement[]>();
  private readonly _headers: HTMLTableCellElement[];
  private readonly _warnings: HTMLUListElement;
  private readonly _foot: HTMLTableSectionElement;
  private _warningKey = '';

  constructor(options: ISummaryTableOptions) {
    this._headers = options.columns.map(text =>
      h('th', { text, attrs: { scope: 'col' } })
    );
    const head = h('thead', {}, [
      h('tr', {}, [
        h('th', { text: options.rowHeader, attrs: { scope: 'col' } }),
        ...this._headers
      ])
    ]);
    const body = h('tbody');
    for (const { name, color } of options.rows) {
      const cells = options.columns.map(() => h('td'));
      const swatch = h('span', {
        className: 'jp-chexmask-swatch',
        attrs: { 'aria-hidden': 'true' }
      });
      swatch.style.background = color;
      body.appendChild(
        h('tr', { attrs: { [`data-${options.rowAttribute}`]: name } }, [
          h('th', { attrs: { scope: 'row' } }, [swatch, ` ${name}`]),
          ...cells
        ])
      );
      this._cells.set(name, cells);
    }
    // Not a role on the list itself: it would take the list semantics away
    // from the items (axe-core listitem); the live region wraps it.
    this._warnings = h('ul', { className: 'jp-chexmask-warnings' });
    this._foot = h('tfoot', {}, [
      h('tr', {}, [
        h('td', { attrs: { colspan: String(options.columns.length + 1) } }, [
          h('div', { attrs: { role: 'status' } }, [this._warnings])
        ])
      ])
    ]);
    this._foot.hidden = true;
    this.node = h('table', { className: options.className }, [
      head,
      body,
      this._foot
    ]);
  }

  /** Change a column's header (e.g. the kept column names the threshold). */
  setHeader(column: number, text: string): void {
    if (this._headers[column].textContent !== text) {
      this._headers[column].textContent = text;
    }
  }

  /** Show a row's cells (texts in column order); unknown names are ignored. */
  setRow(name: string, texts: ReadonlyArray<string>): void {
    const cells = this._cells.get(name);
    if (!cells) {
      return;
    }
    texts.forEach((text, i) => {
      if (cells[i] && cells[i].textContent !== text) {
        cells[i].textContent = text;
      }
    });
  }

  /** Show warnings under the table (none hides the foot); rewritten only when they change. */
  setWarnings(lines: ReadonlyArray<string>): void {
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

/** A count as the tables write it, e.g. "657,566". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A share (0–1) as a percentage with one decimal, or an em dash for none. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** What every histogram's table says about a series at a threshold. */
export interface ISeriesSummary {
  name: string;
  rows: number;
  missing: number;
  /** Values counted but not binned (outside the bins, or invalid): not in any share. */
  outOfRange: number;
  kept: number;
  /** Kept as a share of the binned values (0–1), `null` when none. */
  keptShare: number | null;
  /** Exact mean (sum / count), `null` when none. */
  mean: number | null;
  /** The centre of the fine bin holding the median, `null` when none. */
  median: number | null;
}

/** The first cells of a summary row: rows, missing, kept and kept %. */
export function keptCells(s: ISeriesSummary): string[] {
  return [
    formatCount(s.rows),
    formatCount(s.missing),
    formatCount(s.kept),
    formatShare(s.keptShare)
  ];
}
