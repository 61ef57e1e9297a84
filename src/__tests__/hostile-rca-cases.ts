/**
 * Test helper: the RCA histogram's hostile payloads (issue 7), run through
 * `RcaHistogramView.renderModel` by hostile-rca.spec.ts and sampled by
 * payload-schemas.spec.ts: every check of the RCA payload, wrong types,
 * missing fields, Dice statistics that are NaN, infinite or outside [0, 1],
 * huge and nested values, and markup in dataset names and titles.
 */
import {
  changedAt,
  commonCases,
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase,
  XSS_STRINGS
} from './hostile-cases';
import { rcaPayload, rcaScore } from './valid-payloads';

type Json = Record<string, unknown>;

/** The small payload with `changes` to the top level (undefined deletes). */
export const rcaTop = changedAt(rcaPayload, []);

/** The small payload with `changes` to its first dataset. */
export const rcaDataset = changedAt(rcaPayload, ['datasets', 0]);

/** The small payload with `changes` to the `mean` score of its first dataset. */
export const rcaMean = changedAt(rcaPayload, ['datasets', 0, 'mean']);

/** Datasets named `names`, each one row with a mean of 0.8. */
export function rcaNamed(names: string[]) {
  return () => ({
    version: 1,
    bins: 10,
    datasets: names.map(name => ({
      name,
      rows: 1,
      mean: rcaScore(10, [0.8]),
      max: rcaScore(10, [0.9])
    })),
    title: null
  });
}

const COUNTS = new Array<number>(20).fill(0);

const STRUCTURE: IHostileCase[] = [
  errorCase('bins missing', rcaTop({ bins: undefined }), 'bins', /got nothing/),
  errorCase('bins zero', rcaTop({ bins: 0 }), 'bins', /got 0/),
  errorCase('bins negative', rcaTop({ bins: -20 }), 'bins', /got -20/),
  errorCase('bins fractional', rcaTop({ bins: 20.5 }), 'bins', /got 20.5/),
  errorCase('bins above 100,000', rcaTop({ bins: 1e6 }), 'bins', /got 1000000/),
  errorCase(
    'bins as text',
    rcaTop({ bins: '20' }),
    'bins',
    /got the text "20"/
  ),
  errorCase('bins NaN', rcaTop({ bins: NaN }), 'bins', /got NaN/),
  errorCase(
    'bins Infinity',
    rcaTop({ bins: Infinity }),
    'bins',
    /got Infinity/
  ),
  errorCase(
    'bins nested 10⁵ levels',
    rcaTop({ bins: deeplyNested(100_000) }),
    'bins',
    /got an/
  ),
  errorCase('datasets missing', rcaTop({ datasets: undefined }), 'datasets'),
  errorCase(
    'datasets empty',
    rcaTop({ datasets: [] }),
    'datasets',
    /non-empty/
  ),
  errorCase('datasets an object', rcaTop({ datasets: { a: 1 } }), 'datasets'),
  errorCase('datasets text', rcaTop({ datasets: 'CheXpert' }), 'datasets'),
  errorCase(
    '65 datasets',
    rcaNamed(Array.from({ length: 65 }, (_, i) => `d${i}`)),
    'datasets',
    /more than 64/
  ),
  errorCase(
    'datasets nested 10⁵ levels',
    rcaTop({ datasets: deeplyNested(100_000, 'array') }),
    'datasets[0]',
    /got an array/
  ),
  errorCase('a dataset null', rcaTop({ datasets: [null] }), 'datasets[0]'),
  errorCase('a dataset a number', rcaTop({ datasets: [7] }), 'datasets[0]'),
  errorCase(
    'a name missing',
    rcaDataset({ name: undefined }),
    'datasets[0].name'
  ),
  errorCase('a name empty', rcaDataset({ name: '' }), 'datasets[0].name'),
  errorCase(
    'a name of blanks',
    rcaDataset({ name: '  \n' }),
    'datasets[0].name'
  ),
  errorCase('a name a number', rcaDataset({ name: 42 }), 'datasets[0].name'),
  errorCase(
    'a repeated name',
    rcaNamed(['A', 'B', 'A']),
    'datasets[2].name',
    /repeats the dataset "A"/
  ),
  errorCase(
    'rows missing',
    rcaDataset({ rows: undefined }),
    'datasets[0].rows'
  ),
  errorCase('rows negative', rcaDataset({ rows: -1 }), 'datasets[0].rows'),
  errorCase('rows fractional', rcaDataset({ rows: 4.5 }), 'datasets[0].rows'),
  errorCase('rows as text', rcaDataset({ rows: '5' }), 'datasets[0].rows'),
  errorCase('rows NaN', rcaDataset({ rows: NaN }), 'datasets[0].rows', /NaN/),
  errorCase(
    'rows Infinity',
    rcaDataset({ rows: Infinity }),
    'datasets[0].rows'
  ),
  errorCase('rows 2⁶⁰', rcaDataset({ rows: 2 ** 60 }), 'datasets[0].rows'),
  errorCase(
    'rows that contradict the bins',
    rcaDataset({ rows: 1000 }),
    'datasets[0].rows',
    /5 binned \+ 0 missing \+ 0 out-of-range/
  ),
  errorCase(
    'swapped negative',
    rcaDataset({ swapped: -1 }),
    'datasets[0].swapped'
  ),
  errorCase(
    'more swapped rows than rows',
    rcaDataset({ swapped: 6 }),
    'datasets[0].swapped'
  ),
  errorCase(
    'mean missing',
    rcaDataset({ mean: undefined }),
    'datasets[0].mean'
  ),
  errorCase('mean an array', rcaDataset({ mean: [1, 2] }), 'datasets[0].mean'),
  errorCase(
    'counts missing',
    rcaMean({ counts: undefined }),
    'datasets[0].mean.counts'
  ),
  errorCase(
    'counts too short',
    rcaMean({ counts: [1, 2] }),
    'datasets[0].mean.counts',
    /20 counts, got 2/
  ),
  errorCase(
    'a negative count',
    rcaMean({ counts: COUNTS.map((_, i) => (i === 3 ? -1 : 0)) }),
    'datasets[0].mean.counts[3]'
  ),
  errorCase(
    'a fractional count',
    rcaMean({ counts: COUNTS.map((_, i) => (i === 3 ? 0.5 : 0)) }),
    'datasets[0].mean.counts[3]'
  ),
  errorCase(
    'a NaN count',
    rcaMean({ counts: COUNTS.map((_, i) => (i === 3 ? NaN : 0)) }),
    'datasets[0].mean.counts[3]',
    /NaN/
  ),
  errorCase(
    'a count as text',
    rcaMean({ counts: COUNTS.map((_, i) => (i === 3 ? '1' : 0)) }),
    'datasets[0].mean.counts[3]'
  ),
  errorCase(
    'a null count',
    rcaMean({ counts: COUNTS.map((_, i) => (i === 3 ? null : 0)) }),
    'datasets[0].mean.counts[3]'
  ),
  errorCase(
    'count that is not the sum of the bins',
    rcaMean({ count: 4 }),
    'datasets[0].mean.count',
    /bins hold 5/
  ),
  errorCase(
    'values not an object',
    rcaDataset({ values: [0.5] }),
    'datasets[0].values'
  ),
  errorCase(
    'values with a NaN',
    rcaDataset({ values: { mean: [NaN], max: [] } }),
    'datasets[0].values.mean[0]',
    /got NaN/
  ),
  errorCase(
    'values with "NaN" text',
    rcaDataset({ values: { mean: [0.5, 'NaN'], max: [] } }),
    'datasets[0].values.mean[1]',
    /got the text "NaN"/
  ),
  errorCase(
    'values with Infinity',
    rcaDataset({ values: { mean: [], max: [Infinity] } }),
    'datasets[0].values.max[0]'
  ),
  errorCase(
    'more than 10⁶ raw values',
    rcaDataset({ values: { mean: new Array(1_000_001).fill(0.5), max: [] } }),
    'datasets[0].values.mean'
  ),
  paintedCase(
    'raw values outside [0, 1] are kept (they are not drawn)',
    rcaDataset({ values: { mean: [-3, 1.5, null], max: [] } })
  ),
  paintedCase(
    'a missing count is computed from the bins',
    rcaMean({ count: undefined, missing: undefined, outOfRange: undefined })
  )
];

/** Dice statistics: only what Dice scores in [0, 1] can give. */
const DICE: IHostileCase[] = [
  errorCase(
    'min below 0',
    rcaMean({ min: -0.1 }),
    'datasets[0].mean.min',
    /between 0 and 1/
  ),
  errorCase(
    'max above 1',
    rcaMean({ max: 1.5 }),
    'datasets[0].mean.max',
    /between 0 and 1/
  ),
  errorCase(
    'min above max',
    rcaMean({ min: 0.95, max: 0.9 }),
    'datasets[0].mean.min'
  ),
  errorCase(
    'min NaN',
    rcaMean({ min: NaN }),
    'datasets[0].mean.min',
    /got NaN/
  ),
  errorCase(
    'max "NaN"',
    rcaMean({ max: 'NaN' }),
    'datasets[0].mean.max',
    /"NaN"/
  ),
  errorCase(
    'max Infinity',
    rcaMean({ max: Infinity }),
    'datasets[0].mean.max',
    /Infinity/
  ),
  errorCase(
    'min -Infinity',
    rcaMean({ min: -Infinity }),
    'datasets[0].mean.min'
  ),
  errorCase(
    'a sum giving a mean above 1',
    rcaMean({ sum: 50 }),
    'datasets[0].mean.sum',
    /not a Dice score/
  ),
  errorCase('a negative sum', rcaMean({ sum: -1 }), 'datasets[0].mean.sum'),
  errorCase(
    'a sum of NaN',
    rcaMean({ sum: NaN }),
    'datasets[0].mean.sum',
    /NaN/
  ),
  errorCase(
    'a sum of Infinity',
    rcaMean({ sum: Infinity }),
    'datasets[0].mean.sum'
  ),
  errorCase(
    'a negative sum of squares',
    rcaMean({ sumSquares: -2 }),
    'datasets[0].mean.sumSquares'
  ),
  paintedCase(
    'scores outside [0, 1] in the data are counted and flagged',
    () => {
      const payload = rcaPayload();
      const first = (payload.datasets as Json[])[0];
      first.rows = 7;
      first.mean = { ...(first.mean as Json), outOfRange: 2 };
      first.max = { ...(first.max as Json), missing: 2 };
      return payload;
    },
    { warning: /CheXpert: 2 Dice RCA \(Mean\) value\(s\) outside \[0, 1\]/ }
  ),
  paintedCase('swapped rows are flagged', () => rcaPayload(), {
    warning: /1 rows with Mean > Max/
  }),
  paintedCase(
    'a dataset without any value shows dashes',
    () => ({
      version: 1,
      bins: 10,
      datasets: [
        {
          name: 'empty',
          rows: 3,
          mean: { ...rcaScore(10, []), missing: 3 },
          max: { ...rcaScore(10, []), missing: 3 }
        }
      ]
    }),
    { text: ['empty', '—'] }
  )
];

/** Sizes at the limits: drawn within the bound. */
const LIMITS: IHostileCase[] = [
  paintedCase('100,000 bins', () => ({
    version: 1,
    bins: 100_000,
    datasets: [
      {
        name: 'fine',
        rows: 2,
        mean: rcaScore(100_000, [0.1, 0.9]),
        max: rcaScore(100_000, [0.2, 1])
      }
    ]
  })),
  paintedCase(
    '64 datasets',
    rcaNamed(Array.from({ length: 64 }, (_, i) => `dataset ${i}`)),
    { text: ['dataset 63'] }
  ),
  paintedCase(
    'a 50 MB dataset name is cut',
    rcaNamed(['n'.repeat(50_000_000)]),
    {
      text: ['n'.repeat(200)]
    }
  ),
  paintedCase(
    'counts of 2⁵³ - 1 rows',
    () => {
      const big = Number.MAX_SAFE_INTEGER;
      const score = {
        ...rcaScore(10, []),
        counts: [big, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        count: big,
        sum: 0,
        min: 0,
        max: 0.05
      };
      return {
        version: 1,
        bins: 10,
        datasets: [{ name: 'huge', rows: big, mean: score, max: score }]
      };
    },
    { text: ['9,007,199,254,740,991'] }
  )
];

const MARKUP: IHostileCase[] = XSS_STRINGS.map(name =>
  paintedCase(`the dataset name ${name} is text`, rcaNamed([name, 'plain']), {
    text: [name]
  })
);

/** Every hostile RCA payload: the common cases, then the RCA view's own. */
export const RCA_CASES: IHostileCase[] = [
  ...commonCases(() => rcaPayload()),
  ...STRUCTURE,
  ...DICE,
  ...LIMITS,
  ...MARKUP
];
