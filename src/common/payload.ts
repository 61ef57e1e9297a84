/**
 * The checks every CheXmask payload makes, whatever its view: the version,
 * objects, and optional text. Each view's own fields are checked in its
 * `payload.ts`; the formats are specified in `schema/payloads/`.
 */
import { ChexmaskFormatError, describeType, describeValue } from '../core';

/** The payload version this extension writes and reads (`version` of every payload). */
export const PAYLOAD_VERSION = 1;

/** The type of a payload's `version` field. */
export type PayloadVersion = typeof PAYLOAD_VERSION;

/** The longest title (or other free text) kept: longer text is cut. */
export const MAX_TEXT = 500;

/**
 * Check a payload's `version`: 1 to `newest` are read (a view whose payload
 * has a newer, more compact form reads both); a higher one was written by a
 * newer extension and gets a message saying so rather than a confusing field
 * error.
 *
 * @returns The version.
 */
export function checkPayloadVersion(
  version: unknown,
  mimeType: string,
  newest: number = PAYLOAD_VERSION
): number {
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version >= PAYLOAD_VERSION &&
    version <= newest
  ) {
    return version;
  }
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > newest
  ) {
    throw new ChexmaskFormatError(
      'version',
      `this ${mimeType} payload is version ${version}, newer than this extension reads (${newest}): upgrade jupyterlab-chexmask`
    );
  }
  throw new ChexmaskFormatError(
    'version',
    `must be ${Private.versions(newest)}, got ${describeValue(version)}`
  );
}

/** Whether a value is a whole number from `min` to `max` (sizes, counts of bins). */
export function isWholeNumber(
  value: unknown,
  min: number,
  max = Infinity
): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    value <= max
  );
}

/**
 * A payload field that must be a JSON object.
 *
 * @throws ChexmaskFormatError naming `field` otherwise.
 */
export function expectObject(
  value: unknown,
  field: string
): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChexmaskFormatError(
      field,
      `must be an object, got ${describeType(value)}`
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Optional text: a string (cut to {@link MAX_TEXT} characters), or `null`
 * when null or absent.
 *
 * @throws ChexmaskFormatError naming `field` for anything else.
 */
export function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    throw new ChexmaskFormatError(
      field,
      `must be text or null, got ${describeType(value)}`
    );
  }
  return value.slice(0, MAX_TEXT);
}

/**
 * A count: a whole number ≥ 0 and safe (above 2^53 counts no longer add
 * exactly).
 *
 * @throws ChexmaskFormatError naming `field` otherwise.
 */
export function expectCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ChexmaskFormatError(
      field,
      `must be a whole number ≥ 0, got ${describeValue(value)}`
    );
  }
  return value;
}

/**
 * A finite number, or `null` when null or absent.
 *
 * @throws ChexmaskFormatError naming `field` for anything else (NaN and
 *   infinities included).
 */
export function finiteOrNull(value: unknown, field: string): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ChexmaskFormatError(
      field,
      `must be a finite number or null, got ${describeValue(value)}`
    );
  }
  return value;
}

/**
 * Counts per fine bin: exactly `bins` counts adding up to a safe whole
 * number. Returns them and their total.
 *
 * @throws ChexmaskFormatError naming `field` (or the count at fault).
 */
export function expectBinCounts(
  value: unknown,
  bins: number,
  field: string
): { counts: number[]; total: number } {
  if (!Array.isArray(value) || value.length !== bins) {
    throw new ChexmaskFormatError(
      field,
      `must be an array of ${bins} counts, got ${Array.isArray(value) ? value.length : describeType(value)}`
    );
  }
  let total = 0;
  const counts = value.map((c, i) => {
    const n = expectCount(c, `${field}[${i}]`);
    total += n;
    return n;
  });
  if (!Number.isSafeInteger(total)) {
    throw new ChexmaskFormatError(
      field,
      `add up to ${total}, beyond exact whole numbers`
    );
  }
  return { counts, total };
}

/**
 * Fine-bin counts of one series (a dataset's score, a group's column) and
 * their additive statistics, as the histogram payloads carry them.
 */
export interface IBinnedStats {
  /** Counts per fine bin. */
  counts: number[];
  /** Rows without a value: not binned. */
  missing: number;
  /** Values outside the fine bins (or not finite): counted, not binned. */
  outOfRange: number;
  /** Binned values: the sum of the counts. */
  count: number;
  /** Sum of the binned values (mean = sum / count) and of their squares. */
  sum: number;
  sumSquares: number;
  /** Smallest and largest binned value, `null` when none. */
  min: number | null;
  max: number | null;
}

/**
 * The counts and statistics of one series: `bins` counts, whole numbers
 * (absent `missing`/`outOfRange` are 0, an absent `count` the counts' sum,
 * which a given `count` must equal), finite or null sums and extremes
 * (absent sums are 0). What each view's values allow beyond that (Dice
 * scores in [0, 1], values inside the bins) the view checks.
 *
 * @throws ChexmaskFormatError naming the field at fault, under `field`.
 */
export function parseBinnedStats(
  value: Record<string, unknown>,
  bins: number,
  field: string
): IBinnedStats {
  const { counts, total } = expectBinCounts(
    value.counts,
    bins,
    `${field}.counts`
  );
  const stats: IBinnedStats = {
    counts,
    missing: expectCount(value.missing ?? 0, `${field}.missing`),
    outOfRange: expectCount(value.outOfRange ?? 0, `${field}.outOfRange`),
    count: expectCount(value.count ?? total, `${field}.count`),
    sum: finiteOrNull(value.sum, `${field}.sum`) ?? 0,
    sumSquares: finiteOrNull(value.sumSquares, `${field}.sumSquares`) ?? 0,
    min: finiteOrNull(value.min, `${field}.min`),
    max: finiteOrNull(value.max, `${field}.max`)
  };
  if (stats.count !== total) {
    throw new ChexmaskFormatError(
      `${field}.count`,
      `is ${stats.count}, but the bins hold ${total}`
    );
  }
  if (stats.sumSquares < 0) {
    throw new ChexmaskFormatError(
      `${field}.sumSquares`,
      `must not be negative, got ${stats.sumSquares}`
    );
  }
  return stats;
}

namespace Private {
  /** The versions read, in words: "1", "1 or 2", "1 to 3". */
  export function versions(newest: number): string {
    if (newest === PAYLOAD_VERSION) {
      return String(PAYLOAD_VERSION);
    }
    const word = newest === PAYLOAD_VERSION + 1 ? 'or' : 'to';
    return `${PAYLOAD_VERSION} ${word} ${newest}`;
  }
}
