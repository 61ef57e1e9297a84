import { checkMaskSize, DEFAULT_MASK_SIZE } from './dimensions';
import { ChexmaskFormatError, describeType, quoteForMessage } from './errors';
import { ID_COLUMNS, inferDataset } from './datasets';
import {
  LandmarkPoint,
  LandmarkSigma,
  LANDMARKS_MEAN_COLUMN,
  LANDMARKS_STD_COLUMN,
  parseLandmarks,
  parseLandmarkStd
} from './landmarks';
import { ORGANS, OrganKey } from './organs';
import { forEachRun } from './rle';

/** The RCA quality columns. */
export const DICE_MEAN_COLUMN = 'Dice RCA (Mean)';
export const DICE_MAX_COLUMN = 'Dice RCA (Max)';

/**
 * A CheXmask row, normalised: one shape whatever the dataset, version,
 * resolution or column order it came from.
 */
export interface IChexmaskRow {
  /** The image id, or `null` when the row has no id column. */
  id: string | null;
  /** The column the id came from (`Path`, `dicom_id`, …), or `null`. */
  idColumn: string | null;
  /** The source dataset implied by the id column, or `null`. */
  dataset: string | null;
  /** `Dice RCA (Mean)`, or `null` when missing. */
  diceRcaMean: number | null;
  /** `Dice RCA (Max)`, or `null` when missing. */
  diceRcaMax: number | null;
  /** Mask height in pixels (1024 when the row has none). */
  height: number;
  /** Mask width in pixels (1024 when the row has none). */
  width: number;
  /**
   * The 120 landmarks, or `null` when the row has none: a CheXmask-U row's
   * `Landmarks (Mean)`, otherwise `Landmarks`.
   */
  landmarks: LandmarkPoint[] | null;
  /**
   * A CheXmask-U row's `Landmarks (Std)`: each landmark's `[σx, σy]` in mask
   * pixels, or `null` when the row has none (or no landmarks to go with).
   */
  sigma: LandmarkSigma[] | null;
  /** The organ masks as checked RLE strings, `null` when empty or absent. */
  masks: Record<OrganKey, string | null>;
  /** Things a person should know that do not make the row unusable. */
  warnings: string[];
}

/**
 * Normalise one CheXmask CSV row.
 *
 * `record` is a row as an object keyed by column name, either as raw CSV cells
 * (all strings, `""` for missing) or as pandas' `Series.to_dict()` through
 * JSON (numbers for numeric columns, `null` for NaN). Columns are found by
 * name, so either Dice order works; the pandas index column (`""` or
 * `Unnamed: 0`) and unknown columns are ignored.
 *
 * Every value is checked, RLE masks included, so a row that parses can be
 * drawn.
 *
 * @throws ChexmaskFormatError naming the column of the first malformed value.
 */
export function parseRow(record: unknown): IChexmaskRow {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new ChexmaskFormatError(
      'row',
      `must be an object keyed by column name, got ${describeType(record)}`
    );
  }
  const cells = record as Record<string, unknown>;
  const warnings: string[] = [];

  const idColumn =
    ID_COLUMNS.find(c => Object.prototype.hasOwnProperty.call(cells, c)) ??
    null;
  const id = idColumn === null ? null : parseId(cells[idColumn], idColumn);
  if (idColumn === null) {
    warnings.push(`no image-id column (looked for ${ID_COLUMNS.join(', ')})`);
  }

  const height = parseSide(cells, 'Height');
  const width = parseSide(cells, 'Width');
  checkMaskSize(height, width);

  const diceRcaMean = parseDice(cells, DICE_MEAN_COLUMN);
  const diceRcaMax = parseDice(cells, DICE_MAX_COLUMN);
  for (const [column, value] of [
    [DICE_MEAN_COLUMN, diceRcaMean],
    [DICE_MAX_COLUMN, diceRcaMax]
  ] as const) {
    // A column that is there but empty or NaN: the row's quality is unknown,
    // which a reader filtering by RCA should see.
    if (value === null && column in cells) {
      warnings.push(`${column} is missing (empty or NaN): quality unknown`);
    }
  }
  if (diceRcaMean !== null && diceRcaMax !== null && diceRcaMean > diceRcaMax) {
    warnings.push(
      `${DICE_MEAN_COLUMN} ${diceRcaMean} is above ${DICE_MAX_COLUMN} ${diceRcaMax}: ` +
        'the values look swapped (known in part of the early Padchest export)'
    );
  }

  const { landmarks, sigma } = parseRowLandmarks(cells, warnings);

  const masks = {} as Record<OrganKey, string | null>;
  for (const organ of ORGANS) {
    const cell = cells[organ.column];
    if (isMissing(cell)) {
      masks[organ.key] = null;
      continue;
    }
    forEachRun(cell, height, width, organ.column);
    masks[organ.key] = cell as string;
  }

  const hasMask = ORGANS.some(o => masks[o.key] !== null);
  if (!hasMask && landmarks === null) {
    throw new ChexmaskFormatError(
      'row',
      'has neither masks (Right Lung, Left Lung, Heart) nor Landmarks'
    );
  }
  const empty = ORGANS.filter(o => masks[o.key] === null);
  if (empty.length) {
    warnings.push(emptyOrgansWarning(empty.map(o => o.column)));
  }

  return {
    id,
    idColumn,
    dataset: inferDataset(idColumn, id),
    diceRcaMean,
    diceRcaMax,
    height,
    width,
    landmarks,
    sigma,
    masks,
    warnings
  };
}

/**
 * The landmarks and their uncertainty: `Landmarks`, then CheXmask-U's
 * `Landmarks (Mean)` (drawn when present: its masks were filled from it and
 * its σ is about it) and `Landmarks (Std)`, each checked in that order.
 */
function parseRowLandmarks(
  cells: Record<string, unknown>,
  warnings: string[]
): { landmarks: LandmarkPoint[] | null; sigma: LandmarkSigma[] | null } {
  const cell = cells['Landmarks'];
  const plain = isMissing(cell) ? null : parseLandmarks(cell, 'Landmarks');
  const meanCell = cells[LANDMARKS_MEAN_COLUMN];
  const mean = isMissing(meanCell)
    ? null
    : parseLandmarks(meanCell, LANDMARKS_MEAN_COLUMN);
  const stdCell = cells[LANDMARKS_STD_COLUMN];
  let sigma = isMissing(stdCell)
    ? null
    : parseLandmarkStd(stdCell, LANDMARKS_STD_COLUMN);
  if (plain !== null && mean !== null) {
    warnings.push(
      `both Landmarks and ${LANDMARKS_MEAN_COLUMN} are given: ${LANDMARKS_MEAN_COLUMN} is drawn`
    );
  }
  const landmarks = mean ?? plain;
  if (sigma !== null && landmarks === null) {
    warnings.push(
      `${LANDMARKS_STD_COLUMN} is given without landmarks (${LANDMARKS_MEAN_COLUMN}): the uncertainty is not shown`
    );
    sigma = null;
  }
  return { landmarks, sigma };
}

/**
 * The warning for organs whose cell is empty (or absent): an empty mask, as
 * the format says. The kernel side words it identically (`jupyterlab_chexmask/row/check.py`).
 */
export function emptyOrgansWarning(columns: ReadonlyArray<string>): string {
  if (columns.length === ORGANS.length) {
    return 'no RLE masks: every organ is an empty mask (the view can fill them from the landmarks)';
  }
  const many = columns.length > 1;
  return `${columns.join(', ')} ${many ? 'have' : 'has'} no RLE mask: ${
    many ? 'empty masks' : 'an empty mask'
  }, not drawn or counted`;
}

/** Empty CSV cell, JSON null, NaN or absent. */
function isMissing(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'number' && Number.isNaN(value)) ||
    (typeof value === 'string' && isBlank(value))
  );
}

/**
 * Whether text is only whitespace. The ends are looked at first, so a 50 MB
 * cell of blanks followed by one run is not copied by `trim` to find out.
 */
function isBlank(text: string): boolean {
  const n = text.length;
  return (
    n === 0 ||
    (BLANK.test(text[0]) && BLANK.test(text[n - 1]) && text.trim() === '')
  );
}

const BLANK = /\s/;

function parseId(value: unknown, column: string): string | null {
  if (isMissing(value)) {
    return null;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  throw new ChexmaskFormatError(
    column,
    `must be a text image id, got ${describeType(value)}`
  );
}

/** `Height` or `Width`: `"1024"`, `"1024.0"`, `1024.0`; empty or absent means 1024. */
function parseSide(
  cells: Record<string, unknown>,
  column: 'Height' | 'Width'
): number {
  const value = cells[column];
  if (isMissing(value)) {
    return DEFAULT_MASK_SIZE;
  }
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && /^\s*\d+(\.0*)?\s*$/.test(value)) {
    n = Number(value);
  } else {
    throw new ChexmaskFormatError(
      column,
      `must be a positive integer number of pixels, got ${
        typeof value === 'string' ? quoteForMessage(value) : describeType(value)
      }`
    );
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new ChexmaskFormatError(
      column,
      `must be a positive integer number of pixels, got ${String(n)}`
    );
  }
  return n;
}

/** A Dice RCA value in [0, 1], or `null` when missing. */
function parseDice(
  cells: Record<string, unknown>,
  column: string
): number | null {
  const value = cells[column];
  if (isMissing(value)) {
    return null;
  }
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (/^nan$/i.test(text)) {
      return null;
    }
    n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)
      ? Number(text)
      : NaN;
    if (Number.isNaN(n)) {
      throw new ChexmaskFormatError(
        column,
        `must be a number, got ${quoteForMessage(value)}`
      );
    }
  } else {
    throw new ChexmaskFormatError(
      column,
      `must be a number, got ${describeType(value)}`
    );
  }
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new ChexmaskFormatError(
      column,
      `must be a Dice score between 0 and 1, got ${String(n)}`
    );
  }
  return n;
}
