import { copyText, downloadBlob, safeFileName } from '../common';
import { ExportKind, ExportScope } from './controls';
import { csvText, idsText, pandasFilter } from './exports';
import { GalleryItem } from './tile-payload';

/** Where an export of gallery rows reports. */
export interface IRowExportHost {
  /** The view node's `data-*`: `exported` holds the text, for tests and scripts. */
  dataset: DOMStringMap;
  /** A file name for the download, without extension. */
  fileName(): string;
  /** Say what happened; `fallback` is text to copy by hand, when the clipboard failed. */
  setStatus(text: string, fallback?: string | null): void;
}

/**
 * Export gallery rows: a CSV of them downloaded, or their ids or a pandas
 * filter selecting them copied to the clipboard (shown selected for copying
 * by hand where the clipboard is not available).
 *
 * @param kind - What to export.
 * @param scope - Which rows `items` are, for the status ("3 selected rows").
 * @param items - The rows.
 * @param columns - The numeric columns the CSV carries.
 * @param host - Where to report.
 */
export async function exportRows(
  kind: ExportKind,
  scope: ExportScope,
  items: ReadonlyArray<GalleryItem>,
  columns: ReadonlyArray<string>,
  host: IRowExportHost
): Promise<void> {
  const what = `${items.length} ${scope === 'selected' ? 'selected' : 'shown'} row${items.length === 1 ? '' : 's'}`;
  if (kind === 'csv') {
    const text = csvText(items, columns);
    host.dataset.exported = text;
    downloadBlob(
      new Blob([text], { type: 'text/csv' }),
      `${safeFileName(host.fileName())}.csv`
    );
    host.setStatus(`CSV of ${what} downloaded`);
    return;
  }
  const text = kind === 'ids' ? idsText(items) : pandasFilter(items);
  host.dataset.exported = text;
  const copied = await copyText(text);
  host.setStatus(
    copied
      ? `${kind === 'ids' ? 'Ids' : 'pandas filter'} of ${what} copied`
      : `The clipboard is not available here: the ${kind === 'ids' ? 'ids' : 'filter'} of ${what} are selected below, to copy`,
    copied ? null : text
  );
}
