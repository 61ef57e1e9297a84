/**
 * What a gallery's rows are exported as: their ids, a pandas filter that
 * selects them again, and a CSV of ids, datasets and scores. Pure text,
 * tested in plain Node; the buttons are in `controls.ts`.
 */
import { GalleryItem } from './tile-payload';

/** The ids of items (rows without an id are left out), one per line. */
export function idsText(items: ReadonlyArray<GalleryItem>): string {
  return items
    .map(item => item.id)
    .filter((id): id is string => id !== null)
    .join('\n');
}

/**
 * A Python string literal of `text`: JSON's escapes are Python's for every
 * character (`\"`, `\\`, `\n`, `\uXXXX`), so the literal reads back as the id.
 */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A pandas expression selecting the items again from the DataFrame `df` of
 * their CSV, by the dataset's id column:
 * `df[df["Path"].isin(["train/…", …])]`. Rows from datasets with another
 * id column get a line each (their CSVs are other frames); rows without an
 * id cannot be selected and are counted in a comment.
 */
export function pandasFilter(
  items: ReadonlyArray<GalleryItem>,
  frame = 'df'
): string {
  const byColumn = new Map<string, string[]>();
  let withoutId = 0;
  for (const item of items) {
    if (item.id === null) {
      withoutId++;
      continue;
    }
    const column = item.idColumn ?? 'id';
    const ids = byColumn.get(column) ?? [];
    ids.push(item.id);
    byColumn.set(column, ids);
  }
  const lines = [...byColumn].map(
    ([column, ids]) =>
      `${frame}[${frame}[${pythonString(column)}].isin([${ids.map(pythonString).join(', ')}])]`
  );
  if (lines.length === 0) {
    lines.push(`${frame}.iloc[0:0]`);
  }
  if (withoutId) {
    lines.push(
      `# ${withoutId} row${withoutId > 1 ? 's' : ''} without an id left out`
    );
  }
  return lines.join('\n');
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV of the items: `id`, `id_column`, `dataset`, then every carried
 * column; a malformed row's `error` says why it could not be drawn. Numbers
 * are written in full (JavaScript's shortest round-trip form).
 */
export function csvText(
  items: ReadonlyArray<GalleryItem>,
  columns: ReadonlyArray<string>
): string {
  const header = ['id', 'id_column', 'dataset', ...columns, 'error'];
  const lines = [header.map(csvField).join(',')];
  for (const item of items) {
    lines.push(
      [
        item.id,
        item.idColumn,
        item.dataset,
        ...columns.map(c => item.values[c] ?? null),
        item.kind === 'error' ? item.message : null
      ]
        .map(csvField)
        .join(',')
    );
  }
  return lines.join('\r\n') + '\r\n';
}
