/**
 * Tables as CSV text for the export bar: RFC 4180 quoting, and text cells
 * that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) prefixed with `'`, since names come from payloads,
 * which are untrusted.
 */

/** One cell as CSV: numbers as JavaScript writes them, text quoted when needed. */
export function csvCell(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text, lines ending in CRLF (RFC 4180). */
export function csvText(
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>
): string {
  return rows.map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The drawn bins of a histogram as CSV: a row per bin with its lower and
 * upper edge (as text, so they keep their decimals) and each series' count.
 *
 * @param edges - The bins' edges: one more than each series' counts.
 */
export function binCountsCsv(
  edges: ReadonlyArray<string>,
  series: ReadonlyArray<{ name: string; counts: ReadonlyArray<number> }>
): string {
  const rows: Array<Array<string | number>> = [
    ['lower', 'upper', ...series.map(s => s.name)]
  ];
  for (let i = 0; i + 1 < edges.length; i++) {
    rows.push([edges[i], edges[i + 1], ...series.map(s => s.counts[i] ?? 0)]);
  }
  return csvText(rows);
}
