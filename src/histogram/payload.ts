/**
 * The histogram payload, `application/vnd.chexmask.histogram.v1+json`: one
 * numeric column of a table, counted per group into fine bins of a decimal
 * grid (`grid.ts`) with additive statistics. Its format is specified in
 * `schema/payloads/histogram.v1.json`; this is the check users see, naming
 * the field at fault.
 */
import { ChexmaskFormatError, describeValue } from '../core';
import type { KeepSide } from '../common/fine-bins';
import {
  checkPayloadVersion,
  expectCount,
  expectObject,
  finiteOrNull,
  IBinnedStats,
  isWholeNumber,
  parseBinnedStats,
  optionalText,
  PAYLOAD_VERSION,
  PayloadVersion
} from '../common/payload';
import { IHistogramExamples, parseHistogramExamples } from './examples-payload';
import { edgeValue, MAX_EXPONENT, MIN_EXPONENT } from './grid';

/** The MIME type of histograms of any column. */
export const MIME_HISTOGRAM = 'application/vnd.chexmask.histogram.v1+json';

/** The most fine bins a payload may have. */
export const MAX_HISTOGRAM_BINS = 100_000;
/** The most groups a payload may have. */
export const MAX_GROUPS = 64;
/** The most counts (groups × bins) a payload may carry. */
export const MAX_COUNTS = 2_000_000;
/** The longest column or group name kept: longer text is cut. */
export const MAX_NAME = 200;

/**
 * One group: its rows, and the counts and additive statistics of its
 * values (`counts[i]` is lattice bin `start + i`; infinite values and values
 * outside the fine bins are out of range).
 */
export interface IHistogramGroup extends IBinnedStats {
  name: string;
  /** Every row of the group: binned, missing or out of range. */
  rows: number;
  /** Example rows per band (`examples=k` in Python), if the payload has them. */
  examples?: IHistogramExamples | null;
}

/** The payload of {@link MIME_HISTOGRAM}, checked. */
export interface IHistogramPayload {
  version: PayloadVersion;
  /** The column counted, as the x axis names it. */
  column: string;
  /** The column the groups come from, or `null` for one group. */
  by: string | null;
  /** Fine bins are `10^exponent` wide. */
  exponent: number;
  /** The lattice index of the first fine bin. */
  start: number;
  /** The number of fine bins. */
  bins: number;
  groups: IHistogramGroup[];
  /** The threshold the view starts at, or `null` for the median of all values. */
  threshold: number | null;
  /** Which side of the threshold is kept. */
  keep: KeepSide;
  /** About how many bins the view first draws, or `null` for its default. */
  shownBins: number | null;
  title: string | null;
}

/**
 * Check a histogram payload. Every count must be a safe whole number, every
 * array the declared length, each group's rows accounted for, and its
 * smallest and largest values inside the fine bins, so the view never draws
 * nonsense silently.
 *
 * @throws ChexmaskFormatError naming the payload field at fault.
 */
export function parseHistogramPayload(data: unknown): IHistogramPayload {
  const payload = expectObject(data, 'payload');
  checkPayloadVersion(payload.version, MIME_HISTOGRAM);
  const column = Private.name(payload.column, 'column');
  const by =
    payload.by === null || payload.by === undefined
      ? null
      : Private.name(payload.by, 'by');
  const exponent = payload.exponent;
  if (!isWholeNumber(exponent, MIN_EXPONENT, MAX_EXPONENT)) {
    throw new ChexmaskFormatError(
      'exponent',
      `must be a whole number from ${MIN_EXPONENT} to ${MAX_EXPONENT}, got ${describeValue(exponent)}`
    );
  }
  const bins = payload.bins;
  if (!isWholeNumber(bins, 1, MAX_HISTOGRAM_BINS)) {
    throw new ChexmaskFormatError(
      'bins',
      `must be a whole number from 1 to ${MAX_HISTOGRAM_BINS}, got ${describeValue(bins)}`
    );
  }
  const start = payload.start;
  if (
    typeof start !== 'number' ||
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(start + bins) ||
    !Number.isFinite(edgeValue(start, exponent)) ||
    !Number.isFinite(edgeValue(start + bins, exponent))
  ) {
    throw new ChexmaskFormatError(
      'start',
      `must be a whole number whose bins' edges are finite, got ${describeValue(start)}`
    );
  }
  if (!Array.isArray(payload.groups) || payload.groups.length === 0) {
    throw new ChexmaskFormatError('groups', 'must be a non-empty array');
  }
  if (payload.groups.length > MAX_GROUPS) {
    throw new ChexmaskFormatError(
      'groups',
      `has ${payload.groups.length} entries, more than ${MAX_GROUPS}`
    );
  }
  if (payload.groups.length * bins > MAX_COUNTS) {
    throw new ChexmaskFormatError(
      'bins',
      `is ${bins} for ${payload.groups.length} groups: more than ${MAX_COUNTS.toLocaleString('en-US')} counts in all`
    );
  }
  const low = edgeValue(start, exponent);
  const high = edgeValue(start + bins, exponent);
  const names = new Set<string>();
  const groups = payload.groups.map((value, i) => {
    const group = Private.group(value, bins, `groups[${i}]`, low, high);
    group.examples = parseHistogramExamples(
      (value as Record<string, unknown>).examples,
      `groups[${i}].examples`,
      { start, bins },
      column
    );
    if (names.has(group.name)) {
      throw new ChexmaskFormatError(
        `groups[${i}].name`,
        `repeats the group ${JSON.stringify(group.name)}`
      );
    }
    names.add(group.name);
    return group;
  });
  const keep = payload.keep ?? 'above';
  if (keep !== 'above' && keep !== 'below') {
    throw new ChexmaskFormatError(
      'keep',
      `must be "above" or "below", got ${describeValue(keep)}`
    );
  }
  const shownBins = payload.shownBins ?? null;
  if (shownBins !== null && !isWholeNumber(shownBins, 1, MAX_HISTOGRAM_BINS)) {
    throw new ChexmaskFormatError(
      'shownBins',
      `must be a whole number from 1 to ${MAX_HISTOGRAM_BINS} or null, got ${describeValue(shownBins)}`
    );
  }
  return {
    version: PAYLOAD_VERSION,
    column,
    by,
    exponent,
    start,
    bins,
    groups,
    threshold: finiteOrNull(payload.threshold, 'threshold'),
    keep,
    shownBins,
    title: optionalText(payload.title, 'title')
  };
}

namespace Private {
  /** A column or group name: text with something besides blanks, cut to {@link MAX_NAME}. */
  export function name(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ChexmaskFormatError(
        field,
        `must be a non-empty text, got ${describeValue(value)}`
      );
    }
    return value.slice(0, MAX_NAME);
  }

  /** One group, with its rows accounted for and its extremes inside `[low, high)`. */
  export function group(
    value: unknown,
    bins: number,
    where: string,
    low: number,
    high: number
  ): IHistogramGroup {
    const g = expectObject(value, where);
    const group: IHistogramGroup = {
      name: name(g.name, `${where}.name`),
      rows: expectCount(g.rows, `${where}.rows`),
      ...parseBinnedStats(g, bins, where)
    };
    const accounted = group.count + group.missing + group.outOfRange;
    if (accounted !== group.rows) {
      throw new ChexmaskFormatError(
        `${where}.rows`,
        `is ${group.rows}, but the group has ${group.count} binned + ${group.missing} missing + ${group.outOfRange} out-of-range values (${accounted})`
      );
    }
    for (const key of ['min', 'max'] as const) {
      const v = group[key];
      if (v !== null && (v < low || v >= high)) {
        throw new ChexmaskFormatError(
          `${where}.${key}`,
          `is ${v}, outside the fine bins [${low}, ${high})`
        );
      }
    }
    if (group.min !== null && group.max !== null && group.min > group.max) {
      throw new ChexmaskFormatError(
        `${where}.min`,
        `is ${group.min}, above max ${group.max}`
      );
    }
    return group;
  }
}
