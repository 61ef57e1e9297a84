/**
 * Example rows under a histogram, DOM-free, shared by the RCA and histogram
 * payloads (`examples=k` in Python): a list of example rows, each a gallery
 * row with where it lies, and the gallery payload of some of them. The
 * gallery that shows them is `examples.ts`.
 */
import { ChexmaskFormatError } from '../core';
import { IGalleryPayload } from './payload';
import { GalleryItem, parseGalleryRow } from './tile-payload';

/** The most example rows per group per band (`MAX_EXAMPLES` in Python). */
export const MAX_EXAMPLES = 100;

/**
 * Check a list of example rows: at most `limit`, each a gallery row (a
 * malformed one becomes an error tile) with a place checked by `place`,
 * which throws naming `${where}[i].<field>` when it is wrong.
 *
 * @throws ChexmaskFormatError naming the field.
 */
export function parseExampleRows<T>(
  value: unknown,
  where: string,
  limit: number,
  columns: ReadonlyArray<string>,
  place: (row: Record<string, unknown>, at: string) => T
): { items: GalleryItem[]; places: T[] } {
  if (!Array.isArray(value) || value.length > limit) {
    throw new ChexmaskFormatError(
      where,
      `must be a list of at most ${limit} rows (perBand per band)`
    );
  }
  const items: GalleryItem[] = [];
  const places: T[] = [];
  value.forEach((row, i) => {
    const fields =
      typeof row === 'object' && row !== null
        ? (row as Record<string, unknown>)
        : {};
    places.push(place(fields, `${where}[${i}]`));
    items.push(parseGalleryRow(row, i, columns));
  });
  return { items, places };
}

/** A gallery payload of example rows, renumbered in the order given. */
export function examplesGallery(
  title: string,
  columns: string[],
  rows: GalleryItem[]
): IGalleryPayload {
  const items = rows.map((item, index) => ({ ...item, index }));
  return {
    title,
    columns,
    total: items.length,
    sortBy: null,
    ascending: true,
    items
  };
}
