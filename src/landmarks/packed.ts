/**
 * Version 2 of the landmark payload (`schema/payloads/landmarks.v2.json`):
 * the rows as columns, and every row's 120 landmarks packed into one string.
 * The kernel writes it for large plots: JupyterLab decodes and copies an
 * output several times on the main thread when it arrives (JSON.parse, then
 * JSON.stringify + JSON.parse for its output model, again for the table of
 * contents…), so the message's size is main-thread time. 10,000 rows'
 * landmarks as raw text are 10 MB, as 16-bit integers in base64 6.4 MB, and
 * coded along their rings about 2.6–2.9 MB; none of them need parsing on the page.
 * The landmarks' code is in `ring-code.ts`.
 */
import {
  ChexmaskFormatError,
  describeType,
  LANDMARK_COUNT,
  MAX_MASK_PIXELS,
  meanSigma
} from '../core';
import { isWholeNumber, MAX_TEXT, optionalText } from '../common/payload';
import type { IParsedLandmarkRow } from './payload';
import {
  checkRowCount,
  checkSize,
  groupText,
  GroupTally,
  idText,
  maskSide,
  sigmaCell
} from './row-fields';

import {
  decodeLandmarks,
  MAX_NUMBER_CHARS,
  PACKED_ROW_MIN_CHARS
} from './ring-code';

/**
 * A version-2 payload's rows, checked around their content: the count, the
 * columns' lengths and the packed landmarks' length. A column that is null
 * or absent gives every row null.
 */
export interface ILandmarkColumns {
  rowCount: number;
  ids: readonly unknown[] | null;
  datasets: readonly unknown[] | null;
  groups: readonly unknown[] | null;
  heights: readonly unknown[] | null;
  widths: readonly unknown[] | null;
  /** Every row's landmarks, coded (see the module's comment). */
  landmarks: string;
  sigma: readonly unknown[] | null;
}

/** The optional columns of version 2, by field name. */
const COLUMNS = [
  'ids',
  'datasets',
  'groups',
  'heights',
  'widths',
  'sigma'
] as const;

/**
 * Check a version-2 payload's rows around their content: cheap whatever
 * the payload's size (lengths only), so the rows can be parsed elsewhere.
 *
 * @throws ChexmaskFormatError naming the field at fault.
 */
export function checkLandmarkColumns(
  payload: Record<string, unknown>,
  groupBy: string | null
): ILandmarkColumns {
  const { rowCount, landmarks } = payload;
  if (!isWholeNumber(rowCount, 1)) {
    throw new ChexmaskFormatError(
      'rowCount',
      `must be the number of rows, a whole number of at least 1, got ${
        typeof rowCount === 'number' ? String(rowCount) : describeType(rowCount)
      }`
    );
  }
  checkRowCount(rowCount, 'rowCount');
  if (typeof landmarks !== 'string') {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be text (every row's landmarks coded in base64 characters), got ${describeType(landmarks)}`
    );
  }
  const fewest = rowCount * PACKED_ROW_MIN_CHARS;
  if (
    landmarks.length < fewest ||
    landmarks.length > fewest * MAX_NUMBER_CHARS
  ) {
    throw new ChexmaskFormatError(
      'landmarks',
      `must be ${fewest.toLocaleString('en-US')} to ${(fewest * MAX_NUMBER_CHARS).toLocaleString('en-US')} base64 characters (${rowCount.toLocaleString('en-US')} rows × ${LANDMARK_COUNT} landmarks × 2 coordinates, 1 to ${MAX_NUMBER_CHARS} characters each), got ${landmarks.length.toLocaleString('en-US')}`
    );
  }
  const columns: Record<string, readonly unknown[] | null> = {};
  for (const name of COLUMNS) {
    const value = payload[name];
    // Groups are ignored, whatever they hold, without a grouping.
    if (
      value === undefined ||
      value === null ||
      (name === 'groups' && groupBy === null)
    ) {
      columns[name] = null;
    } else if (!Array.isArray(value) || value.length !== rowCount) {
      throw new ChexmaskFormatError(
        name,
        `must be an array of one value per row (${rowCount.toLocaleString('en-US')}) or null, got ${
          Array.isArray(value)
            ? `${value.length.toLocaleString('en-US')} values`
            : describeType(value)
        }`
      );
    } else {
      columns[name] = value;
    }
  }
  return {
    rowCount,
    landmarks,
    ids: columns.ids,
    datasets: columns.datasets,
    groups: columns.groups,
    heights: columns.heights,
    widths: columns.widths,
    sigma: columns.sigma
  };
}

/**
 * Parse a version-2 payload's rows: the packed landmarks, then each row's
 * fields in order, so the first bad one is named (`heights[12]`).
 *
 * @throws ChexmaskFormatError naming the field at fault.
 */
export function parsePackedRows(
  columns: ILandmarkColumns,
  groupBy: string | null
): IParsedLandmarkRow[] {
  const { rowCount } = columns;
  const coords = decodeLandmarks(columns.landmarks, rowCount);
  const stride = 2 * LANDMARK_COUNT;
  const ids = columns.ids ?? Private.nulls(rowCount);
  const datasets = columns.datasets ?? Private.nulls(rowCount);
  const heights = columns.heights ?? Private.nulls(rowCount);
  const widths = columns.widths ?? Private.nulls(rowCount);
  const sigmas = columns.sigma ?? Private.nulls(rowCount);
  const groups = groupBy === null ? null : columns.groups;
  const byDataset = groupBy === 'dataset' && groups === null;
  const tally = new GroupTally();
  const seen = new Set<string | null>();
  const rows: IParsedLandmarkRow[] = new Array(rowCount);
  // Each value takes a fast path when it is plainly valid (10,000 rows are
  // checked in one go in the worker, cold); anything else goes through the
  // full check, which names the field or returns the value as it reads it.
  for (let i = 0; i < rowCount; i++) {
    const id = Private.plainText(ids[i]) ?? idText(ids[i], `ids[${i}]`);
    const dataset =
      Private.plainText(datasets[i]) ??
      optionalText(datasets[i], `datasets[${i}]`);
    const height =
      Private.side(heights[i]) ?? maskSide(heights[i], `heights[${i}]`);
    const width =
      Private.side(widths[i]) ?? maskSide(widths[i], `widths[${i}]`);
    if (height * width > MAX_MASK_PIXELS) {
      checkSize(height, width, `heights[${i}]`, `widths[${i}]`);
    }
    const raw = sigmas[i];
    const sigma =
      raw === null || raw === undefined ? null : sigmaCell(raw, `sigma[${i}]`);
    let group: string | null = null;
    if (groups !== null) {
      group =
        Private.plainText(groups[i]) ?? groupText(groups[i], `groups[${i}]`);
      if (!seen.has(group)) {
        seen.add(group);
        tally.add(group, `groups[${i}]`);
      }
    } else if (byDataset) {
      group = dataset;
      if (!seen.has(group)) {
        seen.add(group);
        tally.add(group, `datasets[${i}]`);
      }
    }
    rows[i] = {
      id,
      dataset,
      group,
      height,
      width,
      coords: coords.subarray(i * stride, (i + 1) * stride),
      sigma,
      meanSigma: sigma && meanSigma(sigma),
      row: null
    };
  }
  return rows;
}

namespace Private {
  /** A column of nulls, for one that is absent. */
  export function nulls(count: number): null[] {
    return new Array<null>(count).fill(null);
  }

  /** Text that needs no check or cut, as it is; else `null` (left to the full check). */
  export function plainText(value: unknown): string | null {
    return typeof value === 'string' && value.length <= MAX_TEXT ? value : null;
  }

  /** A side given as a positive whole number; else `null` (left to the full check). */
  export function side(value: unknown): number | null {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1
      ? value
      : null;
  }
}
