import { formatCount, formatNumber, keptCells, SummaryTable } from '../common';
import { IRcaSummary } from './summary';

/**
 * The live per-dataset table under the histogram (a `common` summary
 * table): rows, missing, kept at the threshold (count and %), mean, median
 * and 5th percentile. Scores outside [0, 1] are counted by the kernel but
 * cannot be binned: a warning under the table says how many, so they never
 * vanish silently.
 */
export class RcaTable {
  private readonly _table: SummaryTable;

  constructor(names: string[], colors: Map<string, string>) {
    this._table = new SummaryTable({
      className: 'jp-chexmask-rca-table',
      rowHeader: 'Dataset',
      columns: [
        'Rows',
        'Missing',
        'Kept',
        'Kept %',
        'Mean',
        'Median',
        '5th pct'
      ],
      rows: names.map(name => ({ name, color: colors.get(name) ?? '' })),
      rowAttribute: 'dataset'
    });
  }

  /** The table element. */
  get node(): HTMLTableElement {
    return this._table.node;
  }

  /** Show the summaries at a threshold. */
  update(summaries: IRcaSummary[], threshold: number, score: string): void {
    this._table.setHeader(2, `Kept (${score} ≥ ${threshold.toFixed(3)})`);
    for (const s of summaries) {
      this._table.setRow(s.name, [
        ...keptCells(s),
        formatNumber(s.mean),
        formatNumber(s.median),
        formatNumber(s.p5)
      ]);
    }
    this._table.setWarnings(
      summaries
        .filter(s => s.outOfRange > 0)
        .map(
          s =>
            `⚠ ${s.name}: ${formatCount(s.outOfRange)} Dice RCA (${score}) value(s) outside [0, 1] are not valid scores and are not counted`
        )
    );
  }
}
