/**
 * Test helper: the histogram view's hostile payloads, run through
 * `HistogramView.renderModel` by hostile-histogram.spec.ts and sampled by
 * payload-schemas.spec.ts: every check of the histogram payload, wrong
 * types, missing fields, grids at their limits, statistics outside the
 * bins, and markup in column and group names.
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
import { smallGallery } from '../gallery/__tests__/fixtures';
import { histogramOf, histogramPayload } from './valid-payloads';

/** The small payload with `changes` to the top level (undefined deletes). */
export const histogramTop = changedAt(histogramPayload, []);

/** The small payload with `changes` to its first group. */
export const histogramGroup = changedAt(histogramPayload, ['groups', 0]);

/**
 * The small payload with example rows in its first group (AP: 0.52, 0.61,
 * 0.5, 0.47 on fine bins of 0.001 from 0.390): the small gallery's three
 * rows in bins 520, 610 and 470, bands of 10 bins, 2 per band; `change`
 * edits the examples.
 */
export function histogramWithExamples(
  change: (examples: Record<string, unknown>) => void = () => undefined
): () => Record<string, unknown> {
  return () => {
    const payload = histogramPayload();
    const bins = [520, 610, 470];
    const rows = (smallGallery().rows as Array<Record<string, unknown>>).map(
      (r, i) => ({
        ...r,
        values: { CTR: bins[i] / 1000 },
        bin: bins[i],
        key: 1000 + i
      })
    );
    const examples: Record<string, unknown> = {
      bandBins: 10,
      perBand: 2,
      rows
    };
    change(examples);
    (payload.groups as Array<Record<string, unknown>>)[0].examples = examples;
    return payload;
  };
}

/** The example rows of {@link histogramWithExamples} with row `i` changed. */
function exampleRow(i: number, changes: Record<string, unknown>) {
  return histogramWithExamples(e => {
    const rows = e.rows as Array<Record<string, unknown>>;
    rows[i] = { ...rows[i], ...changes };
  });
}

const EXAMPLES: IHostileCase[] = [
  paintedCase('example rows', histogramWithExamples()),
  paintedCase('examples null', histogramGroup({ examples: null })),
  errorCase(
    'examples a list',
    histogramGroup({ examples: [] }),
    'groups[0].examples'
  ),
  errorCase(
    'bandBins 3 (not a nice width)',
    histogramWithExamples(e => (e.bandBins = 3)),
    'groups[0].examples.bandBins'
  ),
  errorCase(
    'bandBins 0',
    histogramWithExamples(e => (e.bandBins = 0)),
    'groups[0].examples.bandBins'
  ),
  errorCase(
    'perBand 101',
    histogramWithExamples(e => (e.perBand = 101)),
    'groups[0].examples.perBand'
  ),
  errorCase(
    'rows not a list',
    histogramWithExamples(e => (e.rows = { 0: 1 })),
    'groups[0].examples.rows'
  ),
  errorCase(
    'more rows than the bands hold',
    histogramWithExamples(e => {
      e.perBand = 1;
      e.rows = Array.from({ length: 24 }, () => (e.rows as unknown[])[0]);
    }),
    'groups[0].examples.rows'
  ),
  errorCase(
    'three rows in a band of perBand 2',
    histogramWithExamples(e => {
      const rows = e.rows as Array<Record<string, unknown>>;
      e.rows = rows.map(r => ({ ...r, bin: 521 }));
    }),
    'groups[0].examples.rows[2].bin',
    /perBand/
  ),
  errorCase(
    'a bin below the fine bins',
    exampleRow(1, { bin: 389 }),
    'groups[0].examples.rows[1].bin'
  ),
  errorCase(
    'a bin past the fine bins',
    exampleRow(1, { bin: 611 }),
    'groups[0].examples.rows[1].bin'
  ),
  errorCase(
    'a fractional bin',
    exampleRow(0, { bin: 520.5 }),
    'groups[0].examples.rows[0].bin'
  ),
  errorCase(
    'a key of 2⁵³',
    exampleRow(0, { key: 2 ** 53 }),
    'groups[0].examples.rows[0].key'
  ),
  errorCase(
    'a key as text',
    exampleRow(0, { key: '7' }),
    'groups[0].examples.rows[0].key'
  ),
  errorCase(
    'a row that is not an object',
    histogramWithExamples(e => ((e.rows as unknown[])[1] = 'row')),
    'groups[0].examples.rows[1].bin'
  ),
  paintedCase(
    'a malformed tile is an error tile, the rest shown',
    exampleRow(2, { tile: { height: 8, width: 8, heart: '1 999' } })
  ),
  ...XSS_STRINGS.slice(0, 2).map(id =>
    paintedCase(`the example id ${id} is text`, exampleRow(0, { id }))
  )
];

/** Groups named `names`, each of one value 0.5. */
function named(names: string[]) {
  return () => histogramOf(Object.fromEntries(names.map(n => [n, [0.5]])), -3);
}

const STRUCTURE: IHostileCase[] = [
  errorCase('column missing', histogramTop({ column: undefined }), 'column'),
  errorCase('column blank', histogramTop({ column: ' \t' }), 'column'),
  errorCase('column a number', histogramTop({ column: 3 }), 'column'),
  errorCase('by a number', histogramTop({ by: 1 }), 'by'),
  errorCase('by empty', histogramTop({ by: '' }), 'by'),
  errorCase(
    'exponent missing',
    histogramTop({ exponent: undefined }),
    'exponent',
    /got nothing/
  ),
  errorCase('exponent 0.5', histogramTop({ exponent: 0.5 }), 'exponent'),
  errorCase('exponent 301', histogramTop({ exponent: 301 }), 'exponent'),
  errorCase('exponent as text', histogramTop({ exponent: '-3' }), 'exponent'),
  errorCase('start missing', histogramTop({ start: undefined }), 'start'),
  errorCase('start fractional', histogramTop({ start: 1.5 }), 'start'),
  errorCase('start 2⁶⁰', histogramTop({ start: 2 ** 60 }), 'start'),
  errorCase(
    'edges beyond the doubles',
    histogramTop({ exponent: 300, start: 1e9 }),
    'start',
    /finite/
  ),
  errorCase('bins missing', histogramTop({ bins: undefined }), 'bins'),
  errorCase('bins zero', histogramTop({ bins: 0 }), 'bins'),
  errorCase('bins above 100,000', histogramTop({ bins: 100_001 }), 'bins'),
  errorCase(
    'counts too short for bins',
    histogramTop({ bins: 500 }),
    'groups[0].counts',
    /500 counts/
  ),
  errorCase('groups missing', histogramTop({ groups: undefined }), 'groups'),
  errorCase('groups empty', histogramTop({ groups: [] }), 'groups'),
  errorCase('groups an object', histogramTop({ groups: { a: 1 } }), 'groups'),
  errorCase(
    '65 groups',
    named(Array.from({ length: 65 }, (_, i) => `g${i}`)),
    'groups',
    /more than 64/
  ),
  errorCase(
    'groups nested 10⁵ levels',
    histogramTop({ groups: deeplyNested(100_000, 'array') }),
    'groups[0]'
  ),
  errorCase('a group null', histogramTop({ groups: [null] }), 'groups[0]'),
  errorCase(
    'a name missing',
    histogramGroup({ name: undefined }),
    'groups[0].name'
  ),
  errorCase(
    'a name of blanks',
    histogramGroup({ name: ' ' }),
    'groups[0].name'
  ),
  errorCase(
    'a repeated name',
    () => {
      const p = named(['A', 'B'])();
      const groups = p.groups as unknown[];
      groups.push(groups[0]);
      return p;
    },
    'groups[2].name',
    /repeats the group "A"/
  ),
  errorCase(
    'rows missing',
    histogramGroup({ rows: undefined }),
    'groups[0].rows'
  ),
  errorCase('rows negative', histogramGroup({ rows: -1 }), 'groups[0].rows'),
  errorCase(
    'rows that contradict the bins',
    histogramGroup({ rows: 99 }),
    'groups[0].rows',
    /4 binned \+ 1 missing \+ 0 out-of-range/
  ),
  errorCase(
    'counts missing',
    histogramGroup({ counts: undefined }),
    'groups[0].counts'
  ),
  errorCase(
    'a negative count',
    () => {
      const p = histogramPayload();
      const g = (p.groups as Array<Record<string, unknown>>)[0];
      g.counts = (g.counts as number[]).map((c, i) => (i === 2 ? -1 : c));
      return p;
    },
    'groups[0].counts[2]'
  ),
  errorCase(
    'count that is not the sum of the bins',
    histogramGroup({ count: 3 }),
    'groups[0].count',
    /bins hold 4/
  ),
  errorCase(
    'min below the bins',
    histogramGroup({ min: 0.1 }),
    'groups[0].min',
    /outside the fine bins/
  ),
  errorCase(
    'max above the bins',
    histogramGroup({ max: 2 }),
    'groups[0].max',
    /outside the fine bins/
  ),
  errorCase(
    'min above max',
    histogramGroup({ min: 0.6, max: 0.5 }),
    'groups[0].min',
    /above max/
  ),
  errorCase('max NaN', histogramGroup({ max: NaN }), 'groups[0].max', /NaN/),
  errorCase('sum Infinity', histogramGroup({ sum: Infinity }), 'groups[0].sum'),
  errorCase(
    'a negative sum of squares',
    histogramGroup({ sumSquares: -1 }),
    'groups[0].sumSquares'
  ),
  errorCase(
    'threshold as text',
    histogramTop({ threshold: '0.5' }),
    'threshold'
  ),
  errorCase('keep "both"', histogramTop({ keep: 'both' }), 'keep'),
  errorCase('shownBins zero', histogramTop({ shownBins: 0 }), 'shownBins'),
  errorCase(
    'more than 2,000,000 counts',
    () =>
      histogramOf(
        Object.fromEntries(
          Array.from({ length: 21 }, (_, i) => [`g${i}`, [i]])
        ),
        0,
        { start: 0, bins: 100_000 }
      ),
    'bins',
    /2,000,000 counts/
  )
];

const PAINTED: IHostileCase[] = [
  paintedCase(
    'no threshold: the median',
    histogramTop({ threshold: null, keep: undefined })
  ),
  paintedCase(
    'values out of range are counted and flagged',
    () =>
      histogramOf({ all: [0.5, 0.6, Infinity, 3] }, -2, {
        start: 40,
        bins: 30
      }),
    { warning: /all: 2 value\(s\) infinite or outside the binned range/ }
  ),
  paintedCase(
    'a group without any value shows dashes',
    () => histogramOf({ empty: [NaN, null], some: [1] }, 0),
    { text: ['empty', '—'] }
  ),
  paintedCase('negative values and large exponents', () =>
    histogramOf({ a: [-250_000, 125_000, 3e5] }, 3)
  ),
  paintedCase('100,000 bins', () =>
    histogramOf({ fine: [0, 99_999] }, 0, { start: 0, bins: 100_000 })
  ),
  paintedCase(
    '64 groups',
    named(Array.from({ length: 64 }, (_, i) => `group ${i}`)),
    { text: ['group 63'] }
  ),
  paintedCase('a 50 MB group name is cut', named(['n'.repeat(50_000_000)]), {
    text: ['n'.repeat(200)]
  }),
  ...XSS_STRINGS.map(name =>
    paintedCase(`the group name ${name} is text`, named([name, 'plain']), {
      text: [name]
    })
  ),
  ...XSS_STRINGS.slice(0, 2).map(column =>
    paintedCase(`the column ${column} is text`, histogramTop({ column }), {
      text: [column]
    })
  )
];

/** Every hostile histogram payload: the common cases, then the view's own. */
export const HISTOGRAM_CASES: IHostileCase[] = [
  ...commonCases(() => histogramPayload()),
  ...STRUCTURE,
  ...PAINTED,
  ...EXAMPLES
];
