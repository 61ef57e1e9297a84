/**
 * The landmark payload, `application/vnd.chexmask.landmarks.v1+json`: up to
 * 10,000 rows' raw `Landmarks` cells with their ids, groups and sizes. Its
 * format is specified in `schema/payloads/landmarks.v1.json`; this is the
 * check users see, naming the field at fault, and it parses every row's
 * landmarks once with the core.
 */
import {
  ChexmaskFormatError,
  checkMaskSize,
  DEFAULT_MASK_SIZE,
  describeType,
  IChexmaskRow,
  LandmarkSigma,
  meanSigma,
  parseLandmarkCoordinates,
  parseLandmarkStd,
  parseRow
} from '../core';
import {
  checkPayloadVersion,
  expectObject,
  isWholeNumber,
  optionalText,
  PayloadVersion
} from '../common/payload';

/** The MIME type of landmark plots, versioned so the payload can evolve. */
export const MIME_LANDMARKS = 'application/vnd.chexmask.landmarks.v1+json';

/**
 * The most rows one plot takes. 10,000 rows are 1.2 million points: drawn in
 * well under a second; more would only blur into the same cloud while the
 * notebook grows by a megabyte per thousand rows.
 */
export const MAX_LANDMARK_ROWS = 10_000;

/** The most groups one plot tells apart (colours repeat after ten). */
export const MAX_LANDMARK_GROUPS = 64;

/**
 * The common frame of a plot: mask pixels (`x`, `y` as in the `Landmarks`
 * cell) or normalised by image size (`x / Width`, `y / Height`).
 */
export type LandmarkFrame = 'pixels' | 'normalized';

/**
 * One row of a landmark payload, as the kernel writes it: `landmarks` is
 * the raw `Landmarks` cell (either CheXmask encoding, 240 numbers or 120
 * `[x, y]` pairs; a CheXmask-U row's `Landmarks (Mean)`); `sigma`, for a
 * CheXmask-U row, its raw `Landmarks (Std)` cell; `row`, only in a one-row
 * payload, is the full CSV row whose masks are drawn under the landmarks.
 */
export interface ILandmarkPayloadRow {
  id?: string | number | null;
  dataset?: string | null;
  group?: string | number | boolean | null;
  height?: number | null;
  width?: number | null;
  landmarks: unknown;
  sigma?: unknown;
  row?: Record<string, unknown> | null;
}

/**
 * The payload of {@link MIME_LANDMARKS}, as `jupyterlab_chexmask.landmarks()`
 * writes it: one row is drawn as a contour set, several as a shape cloud.
 */
export interface ILandmarkPayload {
  version: PayloadVersion;
  rows: ILandmarkPayloadRow[];
  groupBy?: string | null;
  frame?: LandmarkFrame | null;
  title?: string | null;
}

/** One row after checking. */
export interface IParsedLandmarkRow {
  /** The image id, or `null`. */
  id: string | null;
  /** The inferred dataset, or `null`. */
  dataset: string | null;
  /** The group name, or `null` (no grouping, or a row without a group). */
  group: string | null;
  height: number;
  width: number;
  /** The 120 landmarks in mask pixels, flat: x0, y0, x1, y1, … */
  coords: Float64Array;
  /** A CheXmask-U row's `[σx, σy]` per landmark in mask pixels, or `null`. */
  sigma: LandmarkSigma[] | null;
  /** The mean of (σx + σy) / 2 over its landmarks, or `null` without σ. */
  meanSigma: number | null;
  /** The full CSV row for the mask underlay, parsed by the core, or `null`. */
  row: IChexmaskRow | null;
}

/** A landmark payload after checking. */
export interface IParsedLandmarkPayload {
  rows: IParsedLandmarkRow[];
  groupBy: string | null;
  /** The frame asked for, or `null` to choose from the rows' sizes. */
  frame: LandmarkFrame | null;
  title: string | null;
}

/** A landmark payload's fields other than its rows, checked. */
export interface ILandmarkEnvelope {
  /** The rows, not checked yet (see {@link LandmarkRowsParser}). */
  rawRows: unknown[];
  groupBy: string | null;
  frame: LandmarkFrame | null;
  title: string | null;
}

/**
 * Check a landmark payload's fields but its rows' content: version, the
 * rows array and its length, grouping, frame and title. Cheap whatever the
 * payload's size, so a large payload's rows can be parsed elsewhere (the
 * worker) with {@link LandmarkRowsParser}.
 *
 * @throws ChexmaskFormatError naming the payload field at fault.
 */
export function parseLandmarkEnvelope(data: unknown): ILandmarkEnvelope {
  const payload = expectObject(data, 'payload');
  checkPayloadVersion(payload.version, MIME_LANDMARKS);
  const { rows: rawRows } = payload;
  if (rawRows === undefined) {
    throw new ChexmaskFormatError('rows', 'is missing from the payload');
  }
  if (!Array.isArray(rawRows) || rawRows.length === 0) {
    throw new ChexmaskFormatError(
      'rows',
      `must be a non-empty array of rows, got ${
        Array.isArray(rawRows) ? 'an empty array' : describeType(rawRows)
      }`
    );
  }
  if (rawRows.length > MAX_LANDMARK_ROWS) {
    throw new ChexmaskFormatError(
      'rows',
      `has ${rawRows.length.toLocaleString('en-US')} rows, more than the ${MAX_LANDMARK_ROWS.toLocaleString('en-US')} a landmark plot draws: plot a sample (e.g. df.sample(10000))`
    );
  }
  return {
    rawRows,
    groupBy: optionalText(payload.groupBy, 'groupBy'),
    frame: Private.parseFrame(payload.frame),
    title: optionalText(payload.title, 'title')
  };
}

/**
 * Parses a payload's rows in order, in as many slices as the caller likes
 * (the worker gets them in chunks): each row's landmarks once with the
 * core, and the count of distinct groups as it grows, so the first error is
 * the same, at the same row, however the rows are cut.
 */
export class LandmarkRowsParser {
  /** The rows parsed so far. */
  readonly rows: IParsedLandmarkRow[] = [];
  private readonly _groups = new Set<string>();

  /**
   * @param _groupBy - The payload's grouping.
   * @param _rowCount - How many rows the payload has in all.
   */
  constructor(
    private readonly _groupBy: string | null,
    private readonly _rowCount: number
  ) {}

  /**
   * Parse the next rows.
   *
   * @throws ChexmaskFormatError naming the field, e.g. `rows[12].landmarks`.
   */
  add(values: readonly unknown[]): void {
    for (const value of values) {
      const i = this.rows.length;
      const row = Private.parseRowEntry(
        value,
        `rows[${i}]`,
        this._groupBy,
        this._rowCount
      );
      if (row.group !== null && !this._groups.has(row.group)) {
        this._groups.add(row.group);
        if (this._groups.size > MAX_LANDMARK_GROUPS) {
          throw new ChexmaskFormatError(
            `rows[${i}].group`,
            `is the ${this._groups.size}th distinct group; a plot tells at most ${MAX_LANDMARK_GROUPS} apart`
          );
        }
      }
      this.rows.push(row);
    }
  }
}

/**
 * Check a landmark payload and parse every row's landmarks once.
 *
 * @throws ChexmaskFormatError naming the payload field at fault, e.g.
 *   `rows[12].landmarks` or `rows[0].row.Heart`.
 */
export function parseLandmarkPayload(data: unknown): IParsedLandmarkPayload {
  const { rawRows, groupBy, frame, title } = parseLandmarkEnvelope(data);
  const parser = new LandmarkRowsParser(groupBy, rawRows.length);
  parser.add(rawRows);
  return { rows: parser.rows, groupBy, frame, title };
}

namespace Private {
  export function parseRowEntry(
    value: unknown,
    where: string,
    groupBy: string | null,
    rowCount: number
  ): IParsedLandmarkRow {
    const entry = expectObject(value, where);
    const id = idText(entry.id, `${where}.id`);
    const dataset = optionalText(entry.dataset, `${where}.dataset`);
    const height = side(entry.height, `${where}.height`);
    const width = side(entry.width, `${where}.width`);
    try {
      checkMaskSize(height, width);
    } catch (error) {
      // The core names the CSV column (`Height`); the payload field is lower case.
      throw error instanceof ChexmaskFormatError
        ? new ChexmaskFormatError(
            `${where}.${error.field.toLowerCase()}`,
            problemOf(error)
          )
        : error;
    }
    if (!('landmarks' in entry)) {
      throw new ChexmaskFormatError(`${where}.landmarks`, 'is missing');
    }
    const coords = parseLandmarkCoordinates(
      entry.landmarks,
      `${where}.landmarks`
    );
    const sigma = Private.sigma(entry.sigma, `${where}.sigma`);
    let group: string | null = null;
    if (groupBy !== null) {
      group =
        'group' in entry
          ? groupText(entry.group, `${where}.group`)
          : groupBy === 'dataset'
            ? dataset
            : null;
    }
    let row: IChexmaskRow | null = null;
    if (entry.row !== undefined && entry.row !== null) {
      if (rowCount !== 1) {
        throw new ChexmaskFormatError(
          `${where}.row`,
          'a mask underlay is drawn for a single row only; leave it out when plotting several rows'
        );
      }
      try {
        row = parseRow(entry.row);
      } catch (error) {
        throw rename(error, `${where}.row`);
      }
      if (row.height !== height || row.width !== width) {
        throw new ChexmaskFormatError(
          `${where}.row`,
          `is ${row.height}×${row.width} pixels, but the plot row says ${height}×${width}`
        );
      }
    }
    return {
      id,
      dataset,
      group,
      height,
      width,
      coords,
      sigma,
      meanSigma: sigma && meanSigma(sigma),
      row
    };
  }

  /** `sigma`: a `Landmarks (Std)` cell, or null, absent or blank for none. */
  export function sigma(value: unknown, field: string): LandmarkSigma[] | null {
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

  /**
   * A format error of a nested row, re-issued under the payload's field name:
   * a column `Heart` becomes `rows[0].row.Heart`, and the core's `row` (the
   * whole row) is `rows[0].row` itself.
   */
  export function rename(error: unknown, where: string): unknown {
    return error instanceof ChexmaskFormatError
      ? new ChexmaskFormatError(
          error.field === 'row' ? where : `${where}.${error.field}`,
          problemOf(error)
        )
      : error;
  }

  /** The problem of a format error, without its `field: ` prefix. */
  export function problemOf(error: ChexmaskFormatError): string {
    return error.message.slice(error.field.length + 2);
  }

  /** `frame`: "pixels", "normalized", or null/absent to choose from the sizes. */
  export function parseFrame(value: unknown): LandmarkFrame | null {
    if (value === undefined || value === null) {
      return null;
    }
    if (value === 'pixels' || value === 'normalized') {
      return value;
    }
    throw new ChexmaskFormatError(
      'frame',
      `must be "pixels", "normalized" or null, got ${
        typeof value === 'string'
          ? JSON.stringify(value.slice(0, 24))
          : describeType(value)
      }`
    );
  }

  export function idText(value: unknown, field: string): string | null {
    if (typeof value === 'number' && Number.isFinite(value)) {
      return String(value);
    }
    return optionalText(value, field);
  }

  export function groupText(value: unknown, field: string): string | null {
    if (typeof value === 'boolean') {
      return String(value);
    }
    return idText(value, field);
  }

  /** A mask side: a positive integer, or `null`/absent for 1024. */
  export function side(value: unknown, field: string): number {
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
}
