/**
 * The checks of one plotted row's fields, shared by both forms of the
 * landmark payload: version 1's row objects (`rows[3].height`) and version
 * 2's columns (`heights[3]`). Each names the field it is given.
 */
import {
  ChexmaskFormatError,
  checkMaskSize,
  DEFAULT_MASK_SIZE,
  describeType,
  LandmarkSigma,
  parseLandmarkStd
} from '../core';
import { isWholeNumber, optionalText } from '../common/payload';

/** The most groups one plot tells apart (colours repeat after ten). */
export const MAX_LANDMARK_GROUPS = 64;

/**
 * The most rows one plot takes. 10,000 rows are 1.2 million points: drawn in
 * well under a second; more would only blur into the same cloud while the
 * notebook grows by a megabyte per thousand rows.
 */
export const MAX_LANDMARK_ROWS = 10_000;

/**
 * Check a payload's number of rows against the most a plot draws.
 *
 * @throws ChexmaskFormatError naming `field`.
 */
export function checkRowCount(count: number, field: string): void {
  if (count > MAX_LANDMARK_ROWS) {
    throw new ChexmaskFormatError(
      field,
      `has ${count.toLocaleString('en-US')} rows, more than the ${MAX_LANDMARK_ROWS.toLocaleString('en-US')} a landmark plot draws: plot a sample (e.g. df.sample(10000))`
    );
  }
}

/** An id: text, or a finite number shown as text; null or absent for none. */
export function idText(value: unknown, field: string): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return optionalText(value, field);
}

/** A group: text, a number or a boolean, shown as text; null for none. */
export function groupText(value: unknown, field: string): string | null {
  if (typeof value === 'boolean') {
    return String(value);
  }
  return idText(value, field);
}

/** A mask side: a positive integer, or `null`/absent for 1024. */
export function maskSide(value: unknown, field: string): number {
  if (value === undefined || value === null) {
    return DEFAULT_MASK_SIZE;
  }
  if (!isWholeNumber(value, 1)) {
    throw new ChexmaskFormatError(
      field,
      `must be a positive whole number of pixels or null, got ${
        typeof value === 'number' ? String(value) : describeType(value)
      }`
    );
  }
  return value;
}

/**
 * Check a row's mask size as a whole (its area), naming the payload's
 * fields: the core names the CSV columns (`Height`, `Width`).
 */
export function checkSize(
  height: number,
  width: number,
  heightField: string,
  widthField: string
): void {
  try {
    checkMaskSize(height, width);
  } catch (error) {
    if (!(error instanceof ChexmaskFormatError)) {
      throw error;
    }
    const field = error.field === 'Height' ? heightField : widthField;
    throw new ChexmaskFormatError(field, problemOf(error));
  }
}

/** `sigma`: a `Landmarks (Std)` cell, or null, absent or blank for none. */
export function sigmaCell(
  value: unknown,
  field: string
): LandmarkSigma[] | null {
  if (
    value === undefined ||
    value === null ||
    // Short blank text only: longer text is refused by its length unread.
    (typeof value === 'string' && value.length < 1024 && !/\S/.test(value))
  ) {
    return null;
  }
  return parseLandmarkStd(value, field);
}

/** The problem of a format error, without its `field: ` prefix. */
export function problemOf(error: ChexmaskFormatError): string {
  return error.message.slice(error.field.length + 2);
}

/**
 * Counts a payload's distinct groups as its rows come, so the first row
 * past the limit is the one named, however the rows are cut.
 */
export class GroupTally {
  private readonly _groups = new Set<string>();

  /**
   * Count a row's group.
   *
   * @throws ChexmaskFormatError naming `field` when it is one group too many.
   */
  add(group: string | null, field: string): void {
    if (group === null || this._groups.has(group)) {
      return;
    }
    this._groups.add(group);
    if (this._groups.size > MAX_LANDMARK_GROUPS) {
      throw new ChexmaskFormatError(
        field,
        `is the ${this._groups.size}th distinct group; a plot tells at most ${MAX_LANDMARK_GROUPS} apart`
      );
    }
  }
}
