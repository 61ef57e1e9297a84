/**
 * The RCA payload, `application/vnd.chexmask.rca.v1+json`: per dataset,
 * fine-bin counts of both Dice RCA scores with additive statistics. Its
 * format is specified in `schema/payloads/rca.v1.json`; this is the check
 * users see, naming the field at fault.
 */
import { ChexmaskFormatError, describeValue } from '../core';
import {
  checkPayloadVersion,
  expectCount,
  expectObject,
  finiteOrNull,
  IBinnedStats,
  parseBinnedStats,
  isWholeNumber,
  optionalText,
  PAYLOAD_VERSION,
  PayloadVersion
} from '../common/payload';
import { IRcaExamples, parseRcaExamples } from './examples-payload';

/** The MIME type of RCA histograms. */
export const MIME_RCA = 'application/vnd.chexmask.rca.v1+json';

/** The most fine bins a payload may have. */
export const MAX_BINS = 100_000;
/** The most datasets a payload may have. */
export const MAX_DATASETS = 64;

/**
 * Counts and additive statistics of one score of one dataset: counts per
 * fine bin over [0, 1] (bin i is [i/bins, (i+1)/bins), the last includes
 * 1); values outside [0, 1] are out of range.
 */
export type IScoreHistogram = IBinnedStats;

/** One dataset of an RCA payload. */
export interface IRcaDataset {
  name: string;
  rows: number;
  /** Rows with Mean > Max (the swapped early Padchest export). */
  swapped: number;
  mean: IScoreHistogram;
  max: IScoreHistogram;
  /** Raw values, when the kernel sent them (few rows). */
  values: { mean: Array<number | null>; max: Array<number | null> } | null;
  /** Example rows per score band, when the kernel sent them (`examples=`). */
  examples?: IRcaExamples | null;
}

/**
 * The payload of {@link MIME_RCA}, checked: any engine that can group and
 * count can produce it, and counts from several sources add up.
 */
export interface IRcaPayload {
  version: PayloadVersion;
  bins: number;
  datasets: IRcaDataset[];
  title: string | null;
}

/**
 * Check an RCA payload. Every count must be a non-negative integer and every
 * array the declared length, so the view never draws nonsense silently.
 *
 * @throws ChexmaskFormatError naming the payload field at fault.
 */
export function parseRcaPayload(data: unknown): IRcaPayload {
  const payload = expectObject(data, 'payload');
  checkPayloadVersion(payload.version, MIME_RCA);
  const bins = payload.bins;
  if (!isWholeNumber(bins, 1, MAX_BINS)) {
    throw new ChexmaskFormatError(
      'bins',
      `must be a whole number from 1 to ${MAX_BINS}, got ${describeValue(bins)}`
    );
  }
  if (!Array.isArray(payload.datasets) || payload.datasets.length === 0) {
    throw new ChexmaskFormatError('datasets', 'must be a non-empty array');
  }
  if (payload.datasets.length > MAX_DATASETS) {
    throw new ChexmaskFormatError(
      'datasets',
      `has ${payload.datasets.length} entries, more than ${MAX_DATASETS}`
    );
  }
  const names = new Set<string>();
  const datasets = payload.datasets.map((value, i) => {
    const where = `datasets[${i}]`;
    const d = expectObject(value, where);
    if (typeof d.name !== 'string' || d.name.trim() === '') {
      throw new ChexmaskFormatError(
        `${where}.name`,
        'must be a non-empty text'
      );
    }
    const name = d.name.slice(0, 200);
    if (names.has(name)) {
      throw new ChexmaskFormatError(
        `${where}.name`,
        `repeats the dataset ${JSON.stringify(name)}`
      );
    }
    names.add(name);
    const dataset: IRcaDataset = {
      name,
      rows: expectCount(d.rows, `${where}.rows`),
      swapped: expectCount(d.swapped ?? 0, `${where}.swapped`),
      mean: Private.score(d.mean, bins, `${where}.mean`),
      max: Private.score(d.max, bins, `${where}.max`),
      values: null
    };
    Private.checkRows(dataset, where);
    if (d.values !== undefined && d.values !== null) {
      const v = expectObject(d.values, `${where}.values`);
      dataset.values = {
        mean: Private.rawValues(v.mean, `${where}.values.mean`),
        max: Private.rawValues(v.max, `${where}.values.max`)
      };
    }
    if (d.examples !== undefined && d.examples !== null) {
      dataset.examples = parseRcaExamples(d.examples, `${where}.examples`);
    }
    return dataset;
  });
  return {
    version: PAYLOAD_VERSION,
    bins,
    datasets,
    title: optionalText(payload.title, 'title')
  };
}

namespace Private {
  /**
   * Every row has each score binned, missing or out of range, and only rows
   * can be swapped: otherwise the table's "Rows" and "Kept %" contradict
   * each other without a word.
   */
  export function checkRows(dataset: IRcaDataset, where: string): void {
    for (const key of ['mean', 'max'] as const) {
      const h = dataset[key];
      const accounted = h.count + h.missing + h.outOfRange;
      if (accounted !== dataset.rows) {
        throw new ChexmaskFormatError(
          `${where}.rows`,
          `is ${dataset.rows}, but ${key} has ${h.count} binned + ${h.missing} missing + ${h.outOfRange} out-of-range values (${accounted})`
        );
      }
    }
    if (dataset.swapped > dataset.rows) {
      throw new ChexmaskFormatError(
        `${where}.swapped`,
        `is ${dataset.swapped}, more than the ${dataset.rows} rows`
      );
    }
  }

  export function score(
    value: unknown,
    bins: number,
    field: string
  ): IScoreHistogram {
    const histogram = parseBinnedStats(expectObject(value, field), bins, field);
    checkBinnedValues(histogram, field);
    return histogram;
  }

  /**
   * The statistics of binned values are those of Dice scores in [0, 1]: the
   * smallest and largest lie in [0, 1] in order, and the sum (whose mean the
   * table shows) lies in [0, count]. Naive float sums of values ≤ 1 never
   * exceed their count, so no tolerance is needed.
   */
  export function checkBinnedValues(h: IScoreHistogram, field: string): void {
    for (const key of ['min', 'max'] as const) {
      const v = h[key];
      if (v !== null && (v < 0 || v > 1)) {
        throw new ChexmaskFormatError(
          `${field}.${key}`,
          `must be a Dice score between 0 and 1 (binned values are), got ${v}`
        );
      }
    }
    if (h.min !== null && h.max !== null && h.min > h.max) {
      throw new ChexmaskFormatError(
        `${field}.min`,
        `is ${h.min}, above max ${h.max}`
      );
    }
    if (h.sum < 0 || h.sum > h.count) {
      throw new ChexmaskFormatError(
        `${field}.sum`,
        `is ${h.sum} for ${h.count} values: their mean is not a Dice score between 0 and 1`
      );
    }
  }

  export function rawValues(
    value: unknown,
    field: string
  ): Array<number | null> {
    if (!Array.isArray(value) || value.length > 1_000_000) {
      throw new ChexmaskFormatError(
        field,
        'must be an array of at most 1,000,000 numbers or nulls'
      );
    }
    return value.map((v, i) => finiteOrNull(v, `${field}[${i}]`));
  }
}
