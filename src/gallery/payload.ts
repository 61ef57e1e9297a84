/**
 * The gallery payload, `application/vnd.chexmask.gallery.v1+json`: many
 * CheXmask rows as tiles. Its format is specified in
 * `schema/payloads/gallery.v1.json`; this is the check users see.
 *
 * A gallery does not carry the rows' full RLE cells (20–30 KB a row at
 * 1024²): each row's masks come as CheXmask RLE of the mask sampled at
 * nearest pixel centres on a small tile grid (computed by the kernel from
 * the checked runs, so exact at that size), plus its landmarks for the large
 * view. A malformed row, whether the kernel found it or the payload holds
 * it, becomes an error tile naming the field; only a payload whose frame is
 * wrong (version, rows not a list, …) is refused as a whole. One row's
 * check is in `./tile-payload`.
 */
import {
  ChexmaskFormatError,
  describeType,
  describeValue,
  DICE_MAX_COLUMN,
  DICE_MEAN_COLUMN
} from '../core';
import {
  checkPayloadVersion,
  expectObject,
  isWholeNumber,
  MAX_TEXT,
  optionalText
} from '../common/payload';
import { GalleryItem, parseGalleryRow } from './tile-payload';

/** The MIME type of a gallery of CheXmask rows. */
export const MIME_GALLERY = 'application/vnd.chexmask.gallery.v1+json';

/** The most rows a gallery payload holds. */
export const MAX_GALLERY_ROWS = 100_000;

/** The most numeric columns a gallery carries per row. */
export const MAX_COLUMNS = 64;

/** A gallery payload after checking. */
export interface IGalleryPayload {
  title: string | null;
  /** The numeric columns carried, in order; the Dice columns first. */
  columns: string[];
  /** Rows given to `cm.gallery` before its `limit` (≥ rows carried). */
  total: number;
  /** How the kernel sorted, if it did. */
  sortBy: string | null;
  ascending: boolean;
  items: GalleryItem[];
}

/**
 * Check a gallery payload. The frame (version, rows, columns, …) must be
 * right; each row is checked on its own and a bad one becomes an
 * {@link IGalleryErrorTile}.
 *
 * @throws ChexmaskFormatError naming the top-level field at fault.
 */
export function parseGalleryPayload(data: unknown): IGalleryPayload {
  const payload = expectObject(data, 'payload');
  checkPayloadVersion(payload.version, MIME_GALLERY);
  const rows = payload.rows;
  if (!Array.isArray(rows)) {
    throw new ChexmaskFormatError(
      'rows',
      `must be a list of rows, got ${describeType(rows)}`
    );
  }
  if (rows.length > MAX_GALLERY_ROWS) {
    throw new ChexmaskFormatError(
      'rows',
      `has ${rows.length} rows, above the limit of ${MAX_GALLERY_ROWS}`
    );
  }
  const columns = Private.columns(payload.columns);
  const total =
    payload.total === undefined || payload.total === null
      ? rows.length
      : payload.total;
  if (!isWholeNumber(total, rows.length, Number.MAX_SAFE_INTEGER)) {
    throw new ChexmaskFormatError(
      'total',
      `must be a whole number of rows, at least the ${rows.length} carried, got ${describeValue(total)}`
    );
  }
  const sortBy = optionalText(payload.sortBy, 'sortBy');
  const ascending = payload.ascending ?? true;
  if (typeof ascending !== 'boolean') {
    throw new ChexmaskFormatError(
      'ascending',
      `must be true or false, got ${describeValue(ascending)}`
    );
  }
  return {
    title: optionalText(payload.title, 'title'),
    columns,
    total,
    sortBy,
    ascending,
    items: rows.map((row, index) => parseGalleryRow(row, index, columns))
  };
}

namespace Private {
  /** `columns`: distinct names, at most {@link MAX_COLUMNS}. */
  export function columns(value: unknown): string[] {
    if (value === undefined || value === null) {
      return [DICE_MEAN_COLUMN, DICE_MAX_COLUMN];
    }
    if (!Array.isArray(value) || value.length > MAX_COLUMNS) {
      throw new ChexmaskFormatError(
        'columns',
        `must be a list of at most ${MAX_COLUMNS} column names, got ${describeType(value)}`
      );
    }
    const seen = new Set<string>();
    for (const [i, name] of value.entries()) {
      if (
        typeof name !== 'string' ||
        name.length === 0 ||
        name.length > MAX_TEXT
      ) {
        throw new ChexmaskFormatError(
          `columns[${i}]`,
          `must be a column name (text of 1 to ${MAX_TEXT} characters), got ${describeValue(name)}`
        );
      }
      if (seen.has(name)) {
        throw new ChexmaskFormatError(
          `columns[${i}]`,
          `repeats the column ${JSON.stringify(name.slice(0, 40))}`
        );
      }
      seen.add(name);
    }
    return [...seen];
  }
}
