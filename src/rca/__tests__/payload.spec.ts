/**
 * RCA payload checks added for hostile input: statistics that cannot come
 * from Dice scores in [0, 1], row counts that contradict the bins, unsafe
 * integers, a non-text title, and values whose wording used to overflow.
 */
import { parseRcaPayload } from '../payload';
import { summarize } from '../summary';
import { formatError } from '../../__tests__/format-error';

const BINS = 10;

function score(
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  const counts = new Array<number>(BINS).fill(0);
  counts[7] = 2; // 0.7 and 0.75
  counts[9] = 1; // 1.0
  return {
    counts,
    missing: 1,
    outOfRange: 0,
    count: 3,
    sum: 2.45,
    sumSquares: 2.0525,
    min: 0.7,
    max: 1,
    ...overrides
  };
}

function payload(
  dataset: Record<string, unknown> = {},
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    version: 1,
    bins: BINS,
    datasets: [
      {
        name: 'A',
        rows: 4,
        swapped: 0,
        mean: score(),
        max: score(),
        ...dataset
      }
    ],
    ...extra
  };
}

function deeplyNested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) {
    value = [value];
  }
  return value;
}

describe('RCA payload: values that are not Dice statistics', () => {
  it('accepts the unbroken payload', () => {
    const parsed = parseRcaPayload(payload());
    expect(parsed.datasets[0].mean.count).toBe(3);
    expect(parsed.title).toBeNull();
  });

  it.each([
    [
      'min below 0',
      { mean: score({ min: -0.5 }) },
      'datasets[0].mean.min',
      /between 0 and 1/
    ],
    [
      'max above 1',
      { max: score({ max: 1.5 }) },
      'datasets[0].max.max',
      /between 0 and 1/
    ],
    [
      'min above max',
      { mean: score({ min: 0.9, max: 0.8 }) },
      'datasets[0].mean.min',
      /above max/
    ],
    [
      'a mean above 1',
      { mean: score({ sum: 5 }) },
      'datasets[0].mean.sum',
      /not a Dice score/
    ],
    [
      'a negative sum',
      { mean: score({ sum: -1 }) },
      'datasets[0].mean.sum',
      /not a Dice score/
    ],
    [
      'a negative sum of squares',
      { max: score({ sumSquares: -1 }) },
      'datasets[0].max.sumSquares',
      /negative/
    ],
    [
      'NaN as a statistic',
      { mean: score({ sum: NaN }) },
      'datasets[0].mean.sum',
      /finite number or null, got NaN/
    ],
    [
      '"NaN" as a statistic',
      { mean: score({ min: 'NaN' }) },
      'datasets[0].mean.min',
      /got the text "NaN"/
    ],
    [
      'Infinity as a statistic',
      { mean: score({ max: Infinity }) },
      'datasets[0].mean.max',
      /got Infinity/
    ],
    [
      'rows that do not add up',
      { rows: 5 },
      'datasets[0].rows',
      /3 binned \+ 1 missing \+ 0 out-of-range/
    ],
    [
      'more swapped rows than rows',
      { swapped: 5 },
      'datasets[0].swapped',
      /more than the 4 rows/
    ],
    [
      'a count beyond 2^53',
      { rows: 2 ** 60 },
      'datasets[0].rows',
      /whole number/
    ],
    [
      'a nested count',
      { rows: deeplyNested(100_000) },
      'datasets[0].rows',
      /got an array/
    ]
  ])('refuses %s', (_name, dataset, field, message) => {
    const error = formatError(() => parseRcaPayload(payload(dataset)));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses counts that add up beyond exact whole numbers', () => {
    const counts = new Array<number>(BINS).fill(0);
    counts[0] = Number.MAX_SAFE_INTEGER;
    counts[1] = Number.MAX_SAFE_INTEGER;
    const error = formatError(() =>
      parseRcaPayload(payload({ mean: score({ counts, count: undefined }) }))
    );
    expect(error.field).toBe('datasets[0].mean.counts');
  });

  it('refuses a title that is not text, like the other payloads', () => {
    for (const title of [42, { html: '<b>' }, ['t'], deeplyNested(100_000)]) {
      const error = formatError(() => parseRcaPayload(payload({}, { title })));
      expect(error.field).toBe('title');
    }
    expect(parseRcaPayload(payload({}, { title: 't'.repeat(900) })).title).toBe(
      't'.repeat(500)
    );
  });

  it('keeps out-of-range counts for the summary', () => {
    const parsed = parseRcaPayload(
      payload({
        rows: 6,
        mean: score({ outOfRange: 2 }),
        max: score({ missing: 3 })
      })
    );
    expect(summarize(parsed.datasets[0], 'mean', 0.7).outOfRange).toBe(2);
    expect(summarize(parsed.datasets[0], 'max', 0.7).outOfRange).toBe(0);
  });
});
