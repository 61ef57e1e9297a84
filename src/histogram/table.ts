import { formatCount, formatNumber, keptCells, SummaryTable } from '../common';
import { decimalsOf } from './grid';
import { IHistogramPayload } from './payload';
import { IGroupSummary } from './summary';

/**
 * The live per-group table under a histogram (a `common` summary table):
 * rows, missing, kept at the threshold (count and %), mean, median,
 * smallest and largest value, with the decimals of the fine bins (and two
 * more for the mean). Values outside the fine bins are counted by the
 * kernel but not binned: a warning says how many per group.
 */
export class HistogramTable {
  private readonly _table: SummaryTable;
  private readonly _digits: number;

  constructor(payload: IHistogramPayload, colors: Map<string, string>) {
    this._digits = Math.min(12, decimalsOf(payload.exponent));
    this._table = new SummaryTable({
      className: 'jp-chexmask-histogram-table',
      rowHeader: payload.by ?? 'Group',
      columns: [
        'Rows',
        'Missing',
        'Kept',
        'Kept %',
        'Mean',
        'Median',
        'Min',
        'Max'
      ],
      rows: payload.groups.map(g => ({
        name: g.name,
        color: colors.get(g.name) ?? ''
      })),
      rowAttribute: 'group'
    });
  }

  /** The table element. */
  get node(): HTMLTableElement {
    return this._table.node;
  }

  /**
   * Show the summaries at a threshold.
   *
   * @param kept - The kept column's header, e.g. "Kept (CTR ≥ 0.500)".
   */
  update(summaries: IGroupSummary[], kept: string): void {
    const d = this._digits;
    this._table.setHeader(2, kept);
    for (const s of summaries) {
      this._table.setRow(s.name, [
        ...keptCells(s),
        formatNumber(s.mean, d + 2),
        formatNumber(s.median, d + 1),
        formatNumber(s.min, d + 2),
        formatNumber(s.max, d + 2)
      ]);
    }
    this._table.setWarnings(
      summaries
        .filter(s => s.outOfRange > 0)
        .map(
          s =>
            `⚠ ${s.name}: ${formatCount(s.outOfRange)} value(s) infinite or outside the binned range are counted in Rows but not drawn`
        )
    );
  }
}
