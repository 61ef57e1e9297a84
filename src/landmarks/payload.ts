/**
 * The landmark payload, `application/vnd.chexmask.landmarks.v1+json`: up to
 * 10,000 rows with their ids, groups and sizes, and their landmarks either
 * as each row's raw `Landmarks` cell (version 1) or coded along their rings
 * for all rows in one string (version 2, see `packed.ts`). The formats
 * are specified in `schema/payloads/landmarks.v{1,2}.json`; this is the
 * check users see, naming the field at fault, and it parses every row's
 * landmarks once with the core.
 */
import {
  ChexmaskFormatError,
  describeType,
  IChexmaskRow,
  LandmarkSigma,
  meanSigma,
  parseLandmarkCoordinates,
  parseRow
} from '../core';
import {
  checkPayloadVersion,
  expectObject,
  optionalText,
  PayloadVersion
} from '../common/payload';
import {
  checkLandmarkColumns,
  ILandmarkColumns,
  parsePackedRows
} from './packed';
import {
  checkRowCount,
  checkSize,
  groupText,
  GroupTally,
  idText,
  maskSide,
  problemOf,
  sigmaCell
} from './row-fields';

export {
  checkRowCount,
  MAX_LANDMARK_GROUPS,
  MAX_LANDMARK_ROWS
} from './row-fields';

/** The MIME type of landmark plots, versioned so the payload can evolve. */
export const MIME_LANDMARKS = 'application/vnd.chexmask.landmarks.v1+json';

/**
 * The newest payload version read: 2 packs every row's landmarks into one
 * string (`landmarks.v2.json`); 1, each row's raw cell, stays readable.
 */
export const LANDMARK_PAYLOAD_VERSION = 2;

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

/**
 * A payload's rows, not checked yet: version 1's row objects (see
 * {@link LandmarkRowsParser}) or version 2's columns (see `parsePackedRows`).
 */
export type LandmarkRowsInput =
  | { packed: false; rawRows: unknown[] }
  | { packed: true; columns: ILandmarkColumns };

/** A landmark payload's fields other than its rows, checked. */
export interface ILandmarkEnvelope {
  /** The rows, not checked yet. */
  rows: LandmarkRowsInput;
  /** How many rows. */
  rowCount: number;
  groupBy: string | null;
  frame: LandmarkFrame | null;
  title: string | null;
}

/**
 * A landmark payload as the object it is, or as the JSON text of one. The
 * kernel sends large plots (version 2) as text: JupyterLab copies an
 * output's JSON objects and arrays (JSON.stringify + JSON.parse) on every
 * read of its data — making its output model, rendering it, listing the
 * notebook's headings — but shares strings, so text crosses them all
 * uncopied and is parsed once, here.
 *
 * @throws ChexmaskFormatError naming `payload` when it is neither.
 */
export function landmarkPayloadObject(data: unknown): Record<string, unknown> {
  if (typeof data !== 'string') {
    return expectObject(data, 'payload');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new ChexmaskFormatError(
      'payload',
      `is text but not JSON (${data.length.toLocaleString('en-US')} characters): a payload is an object or the JSON text of one`
    );
  }
  // One level only: the text must hold the object itself.
  return expectObject(parsed, 'payload');
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
  const payload = landmarkPayloadObject(data);
  const version = checkPayloadVersion(
    payload.version,
    MIME_LANDMARKS,
    LANDMARK_PAYLOAD_VERSION
  );
  if (version === 2) {
    const rest = Private.rest(payload);
    const columns = checkLandmarkColumns(payload, rest.groupBy);
    return {
      rows: { packed: true, columns },
      rowCount: columns.rowCount,
      ...rest
    };
  }
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
  checkRowCount(rawRows.length, 'rows');
  return {
    rows: { packed: false, rawRows },
    rowCount: rawRows.length,
    ...Private.rest(payload)
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
  private readonly _groups = new GroupTally();

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
      this._groups.add(row.group, `rows[${i}].group`);
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
  const envelope = parseLandmarkEnvelope(data);
  return {
    rows: parseLandmarkRows(envelope),
    groupBy: envelope.groupBy,
    frame: envelope.frame,
    title: envelope.title
  };
}

/**
 * Parse an envelope's rows, of either version, in one go.
 *
 * @throws ChexmaskFormatError naming the field at fault.
 */
export function parseLandmarkRows(
  envelope: ILandmarkEnvelope
): IParsedLandmarkRow[] {
  const { rows, groupBy, rowCount } = envelope;
  if (rows.packed) {
    return parsePackedRows(rows.columns, groupBy);
  }
  const parser = new LandmarkRowsParser(groupBy, rowCount);
  parser.add(rows.rawRows);
  return parser.rows;
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
    const height = maskSide(entry.height, `${where}.height`);
    const width = maskSide(entry.width, `${where}.width`);
    checkSize(height, width, `${where}.height`, `${where}.width`);
    if (!('landmarks' in entry)) {
      throw new ChexmaskFormatError(`${where}.landmarks`, 'is missing');
    }
    const coords = parseLandmarkCoordinates(
      entry.landmarks,
      `${where}.landmarks`
    );
    const sigma = sigmaCell(entry.sigma, `${where}.sigma`);
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

  /** A payload's fields besides its version and rows, checked. */
  export function rest(
    payload: Record<string, unknown>
  ): Pick<ILandmarkEnvelope, 'groupBy' | 'frame' | 'title'> {
    return {
      groupBy: optionalText(payload.groupBy, 'groupBy'),
      frame: parseFrame(payload.frame),
      title: optionalText(payload.title, 'title')
    };
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
}
