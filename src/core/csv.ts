import { ChexmaskFormatError } from './errors';

/**
 * A small RFC 4180 CSV reader for CheXmask files: quoted fields may span
 * lines (OriginalResolution landmarks do) and hold `""` escapes, and there
 * is no field-size limit (masks at original resolution pass 20 k characters).
 */

/**
 * Parse CSV text into records keyed by the header's column names, all cells
 * as strings (`""` for empty), the way `parseRow` takes raw CSV rows.
 *
 * @throws ChexmaskFormatError (field `CSV`) for an unterminated quote or a
 *   record whose cell count differs from the header's.
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows = parseCsvRows(text);
  if (rows.length === 0) {
    return [];
  }
  const header = rows[0];
  const records: Array<Record<string, string>> = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.length === 1 && cells[0] === '') {
      continue; // blank line
    }
    if (cells.length !== header.length) {
      throw new ChexmaskFormatError(
        'CSV',
        `record ${r} has ${cells.length} cells, the header has ${header.length}`
      );
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name] = cells[i];
    });
    records.push(record);
  }
  return records;
}

/** Parse CSV text into rows of cells, header included. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) {
    return rows;
  }
  for (;;) {
    // One cell.
    let cell: string;
    if (text.charCodeAt(i) === 34) {
      const parts: string[] = [];
      i++;
      let from = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          throw new ChexmaskFormatError(
            'CSV',
            `unterminated quoted cell in record ${rows.length}`
          );
        }
        if (text.charCodeAt(q + 1) === 34) {
          parts.push(text.slice(from, q + 1));
          i = q + 2;
          from = i;
          continue;
        }
        parts.push(text.slice(from, q));
        i = q + 1;
        break;
      }
      cell = parts.join('');
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) {
          break;
        }
        j++;
      }
      cell = text.slice(i, j);
      i = j;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // End of record: \n, \r\n or \r.
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      i++;
    }
    i++;
    rows.push(row);
    row = [];
    if (i >= n) {
      break;
    }
  }
  return rows;
}
