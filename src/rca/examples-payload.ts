/**
 * The example rows of an RCA payload's dataset (`examples`), DOM-free:
 * `cm.rca_histogram(..., examples=k)` carries up to k rows per dataset per
 * 0.05-wide band of Dice RCA (Mean), each a gallery row with its band
 * (`schema/payloads/rca.v1.json`). The panel that shows them is
 * `examples.ts`.
 */
import { ChexmaskFormatError, describeValue } from '../core';
import { expectObject, isWholeNumber } from '../common/payload';
import { MAX_EXAMPLES, parseExampleRows } from '../gallery/examples-payload';
import { pythonString } from '../gallery/exports';
import { GalleryItem } from '../gallery/tile-payload';

/** A dataset's example rows and the band of each. */
export interface IRcaExamples {
  /** The width of a band of Dice RCA (Mean), 0.05. */
  bandWidth: number;
  perBand: number;
  /** The rows, as gallery items (a malformed one is an error tile). */
  items: GalleryItem[];
  /** Each item's band: floor(score / bandWidth). */
  bands: number[];
}

/** The columns example rows carry. */
export const EXAMPLE_COLUMNS = ['Dice RCA (Mean)', 'Dice RCA (Max)'];

/**
 * Check a dataset's `examples`: its band width and rows (each row as a
 * gallery row, with its `band`).
 *
 * @throws ChexmaskFormatError naming the field.
 */
export function parseRcaExamples(value: unknown, where: string): IRcaExamples {
  const e = expectObject(value, where);
  const bandWidth = e.bandWidth;
  if (bandWidth !== 0.05) {
    throw new ChexmaskFormatError(
      `${where}.bandWidth`,
      `must be 0.05, got ${describeValue(bandWidth)}`
    );
  }
  if (!isWholeNumber(e.perBand, 1, MAX_EXAMPLES)) {
    throw new ChexmaskFormatError(
      `${where}.perBand`,
      `must be a whole number from 1 to ${MAX_EXAMPLES}, got ${describeValue(e.perBand)}`
    );
  }
  const bands = 20;
  const { items, places } = parseExampleRows(
    e.rows,
    `${where}.rows`,
    bands * e.perBand,
    EXAMPLE_COLUMNS,
    (row, at) => {
      if (!isWholeNumber(row.band, 0, bands - 1)) {
        throw new ChexmaskFormatError(
          `${at}.band`,
          `must be a whole number from 0 to ${bands - 1}, got ${describeValue(row.band)}`
        );
      }
      return row.band;
    }
  );
  return { bandWidth, perBand: e.perBand, items, bands: places };
}

/** A band as text, e.g. "0.65–0.70". */
export function bandLabel(band: number, width = 0.05): string {
  return `${(band * width).toFixed(2)}–${((band + 1) * width).toFixed(2)}`;
}

/** The band just under a threshold (the one holding scores a little below it). */
export function bandUnder(threshold: number, width = 0.05): number {
  return Math.max(0, Math.ceil(threshold / width - 1e-9) - 1);
}

/** The pandas filter keeping rows at a threshold of a score column. */
export function thresholdFilter(column: string, threshold: number): string {
  return `df[df[${pythonString(column)}] >= ${threshold}]`;
}
