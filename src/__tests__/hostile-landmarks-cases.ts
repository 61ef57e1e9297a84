/**
 * Test helper: the landmark plot's hostile payloads (issue 7), run through
 * `LandmarkPlotView.renderModel` by hostile-landmarks.spec.ts and sampled by
 * payload-schemas.spec.ts: every check of the landmark payload and, through
 * a row's mask underlay, of the core's row rules; wrong types, missing
 * fields, NaN and infinite coordinates, 10⁶ landmarks, huge and nested
 * values, and markup in ids, groups and titles.
 */
import {
  changedAt,
  commonCases,
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase,
  withChanges,
  XSS_STRINGS
} from './hostile-cases';
import { syntheticStd } from '../core/__tests__/chexmask-u';
import {
  landmarkPayload,
  landmarkPayloadWithRow,
  smallLandmarks,
  smallRow
} from './valid-payloads';

type Json = Record<string, unknown>;

/** The two-row payload with `changes` to the top level (undefined deletes). */
export const plotTop = changedAt(landmarkPayload, []);

/** The two-row payload with `changes` to its first row. */
export const plotRow = changedAt(landmarkPayload, ['rows', 0]);

/** A one-row payload whose CSV row (the mask underlay) has `changes`. */
export function underlay(changes: Json) {
  return () => landmarkPayloadWithRow(withChanges(smallRow(), changes));
}

const LANDMARKS = smallLandmarks();
const NUMBERS = LANDMARKS.split(',').map(Number);

const STRUCTURE: IHostileCase[] = [
  errorCase('rows missing', plotTop({ rows: undefined }), 'rows', /missing/),
  errorCase('rows empty', plotTop({ rows: [] }), 'rows', /empty array/),
  errorCase(
    'rows an object',
    plotTop({ rows: { 0: {} } }),
    'rows',
    /an object/
  ),
  errorCase('rows text', plotTop({ rows: LANDMARKS }), 'rows', /a string/),
  errorCase(
    '10,001 rows',
    () => {
      const row = (landmarkPayload(1).rows as Json[])[0];
      return { version: 1, rows: new Array(10_001).fill(row) };
    },
    'rows',
    /more than the 10,000/
  ),
  errorCase('a row null', plotTop({ rows: [null] }), 'rows[0]', /got null/),
  errorCase(
    'a row an array',
    plotTop({ rows: [NUMBERS] }),
    'rows[0]',
    /got an array/
  ),
  errorCase(
    'rows nested 10⁵ levels',
    plotTop({ rows: deeplyNested(100_000, 'array') }),
    'rows[0]',
    /got an array/
  ),
  errorCase(
    'landmarks missing',
    plotRow({ landmarks: undefined }),
    'rows[0].landmarks',
    /missing/
  ),
  errorCase(
    'landmarks null',
    plotRow({ landmarks: null }),
    'rows[0].landmarks',
    /got null/
  ),
  errorCase(
    'landmarks a number',
    plotRow({ landmarks: 4 }),
    'rows[0].landmarks',
    /got a number/
  ),
  errorCase(
    'landmarks an object',
    plotRow({ landmarks: { x: [1] } }),
    'rows[0].landmarks',
    /got an object/
  ),
  errorCase(
    '239 landmark numbers',
    plotRow({ landmarks: NUMBERS.slice(1) }),
    'rows[0].landmarks',
    /found 239/
  ),
  errorCase(
    '241 landmark numbers',
    plotRow({ landmarks: LANDMARKS + ',3' }),
    'rows[0].landmarks',
    /found more/
  ),
  errorCase(
    'NaN among the numbers',
    plotRow({ landmarks: [NaN, ...NUMBERS.slice(1)] }),
    'rows[0].landmarks',
    /number 1 is NaN/
  ),
  errorCase(
    '"NaN" among the numbers',
    plotRow({ landmarks: 'NaN,' + NUMBERS.slice(1).join(',') }),
    'rows[0].landmarks',
    /not a number: "NaN"/
  ),
  errorCase(
    'Infinity among the numbers',
    plotRow({ landmarks: [...NUMBERS.slice(1), Infinity] }),
    'rows[0].landmarks',
    /number 240 is Infinity/
  ),
  errorCase(
    '-Infinity as text',
    plotRow({ landmarks: '-Infinity,' + NUMBERS.slice(1).join(',') }),
    'rows[0].landmarks',
    /not a number/
  ),
  errorCase(
    'a coordinate of 10⁶',
    plotRow({ landmarks: [1e6, ...NUMBERS.slice(1)] }),
    'rows[0].landmarks',
    /beyond ±65535/
  ),
  errorCase(
    'a coordinate of 1e308',
    plotRow({ landmarks: '1e308,' + NUMBERS.slice(1).join(',') }),
    'rows[0].landmarks',
    /beyond ±65535/
  ),
  errorCase(
    'a number as text in an array',
    plotRow({ landmarks: ['1', ...NUMBERS.slice(1)] }),
    'rows[0].landmarks',
    /got a string/
  ),
  errorCase(
    'a pair of three',
    plotRow({ landmarks: [[1, 2, 3], ...new Array(119).fill([1, 1])] }),
    'rows[0].landmarks',
    /point 0 must be an \[x, y\] pair/
  ),
  errorCase(
    '10⁶ landmarks as text',
    plotRow({ landmarks: '1,2,'.repeat(1_000_000) }),
    'rows[0].landmarks',
    /is 4000000 characters long, more than 240 numbers/
  ),
  errorCase(
    '241 numbers in text of an allowed length',
    plotRow({ landmarks: '1,2,'.repeat(10_000) }),
    'rows[0].landmarks',
    /found more/
  ),
  errorCase(
    '10⁶ landmarks as pairs',
    plotRow({ landmarks: Array.from({ length: 1_000_000 }, () => [1, 2]) }),
    'rows[0].landmarks',
    /found 2000000/
  ),
  errorCase(
    // Not 10⁶: a typed array cannot come from JSON, and comparing one on
    // re-render (JSON of 2 million keys) would dominate the time bound.
    '10⁵ landmarks as a typed array',
    plotRow({ landmarks: new Float64Array(200_000) }),
    'rows[0].landmarks',
    /found 200000/
  ),
  errorCase(
    'a 50 MB landmark token',
    plotRow({ landmarks: '7'.repeat(50_000_000) }),
    'rows[0].landmarks',
    /is 50000000 characters long/
  ),
  errorCase(
    'a 60,000-character landmark token',
    plotRow({ landmarks: '7'.repeat(60_000) }),
    'rows[0].landmarks',
    /number 1 is not a number: "7{24}…"/
  ),
  errorCase(
    'landmarks nested 10⁵ levels',
    plotRow({ landmarks: deeplyNested(100_000, 'array') }),
    'rows[0].landmarks',
    /must be an \[x, y\] pair/
  ),
  errorCase('height zero', plotRow({ height: 0 }), 'rows[0].height', /got 0/),
  errorCase('height negative', plotRow({ height: -16 }), 'rows[0].height'),
  errorCase(
    'width fractional',
    plotRow({ width: 16.5 }),
    'rows[0].width',
    /got 16.5/
  ),
  errorCase(
    'width as text',
    plotRow({ width: '16' }),
    'rows[0].width',
    /got a string/
  ),
  errorCase('width NaN', plotRow({ width: NaN }), 'rows[0].width', /got NaN/),
  errorCase(
    'height Infinity',
    plotRow({ height: Infinity }),
    'rows[0].height',
    /got Infinity/
  ),
  errorCase(
    'height true',
    plotRow({ height: true }),
    'rows[0].height',
    /got a boolean/
  ),
  errorCase(
    'height × width of 10¹⁰',
    plotRow({ height: 100_000, width: 100_000 }),
    'rows[0].height',
    /above the limit/
  ),
  errorCase(
    'an id that is an object',
    plotRow({ id: { id: 1 } }),
    'rows[0].id',
    /got an object/
  ),
  errorCase(
    'an id that is NaN',
    plotRow({ id: NaN }),
    'rows[0].id',
    /got a number/
  ),
  errorCase(
    'a dataset that is a number',
    plotRow({ dataset: 3 }),
    'rows[0].dataset'
  ),
  errorCase(
    'a group that is an object',
    plotRow({ group: {} }),
    'rows[0].group'
  ),
  errorCase(
    '65 groups',
    () => {
      const row = (landmarkPayload(1).rows as Json[])[0];
      return {
        version: 1,
        rows: Array.from({ length: 65 }, (_, i) => ({
          ...row,
          group: `g${i}`
        })),
        groupBy: 'site'
      };
    },
    'rows[64].group',
    /at most 64/
  ),
  errorCase('groupBy a number', plotTop({ groupBy: 1 }), 'groupBy'),
  errorCase(
    'frame unknown',
    plotTop({ frame: 'polar' }),
    'frame',
    /got "polar"/
  ),
  errorCase(
    'frame a 50 MB text',
    plotTop({ frame: 'p'.repeat(50_000_000) }),
    'frame'
  ),
  errorCase(
    'frame an array',
    plotTop({ frame: ['pixels'] }),
    'frame',
    /got an array/
  ),
  paintedCase(
    'a numeric id and a boolean group',
    () => ({
      ...landmarkPayload(),
      rows: (landmarkPayload().rows as Json[]).map((r, i) => ({
        ...r,
        id: 1e21 + i,
        group: i === 0
      })),
      groupBy: 'flag'
    }),
    { text: ['false', 'true'] }
  ),
  paintedCase(
    'coordinates far outside the image, kept in view',
    plotRow({ landmarks: NUMBERS.map((v, i) => (i % 2 ? -65535 : 65535)) })
  ),
  paintedCase(
    'landmarks as JSON text',
    plotRow({ landmarks: JSON.stringify(NUMBERS) })
  ),
  paintedCase(
    'landmarks as numpy text',
    plotRow({ landmarks: `[[ ${NUMBERS.join('  ')}]]` })
  ),
  paintedCase(
    'sizes null or absent (1024)',
    plotRow({ height: null, width: undefined })
  ),
  paintedCase(
    'different sizes: normalised frame',
    plotRow({ height: 32, width: 8 }),
    { text: ['normalised'] }
  )
];

/** A one-row plot's underlay row goes through the core: its errors are named under the row. */
const UNDERLAY: IHostileCase[] = [
  paintedCase('a row for the mask underlay', underlay({})),
  errorCase(
    'an underlay RLE past the mask',
    underlay({ Heart: '250 10' }),
    'rows[0].row.Heart',
    /ends past the 256 pixels/
  ),
  errorCase(
    'an underlay RLE with markup',
    underlay({ Heart: '<img src=x onerror=alert(1)>' }),
    'rows[0].row.Heart',
    /not an integer/
  ),
  errorCase(
    'underlay Dice above 1',
    underlay({ 'Dice RCA (Mean)': 1.5 }),
    'rows[0].row.Dice RCA (Mean)',
    /between 0 and 1/
  ),
  errorCase(
    'underlay Dice negative',
    underlay({ 'Dice RCA (Max)': -0.2 }),
    'rows[0].row.Dice RCA (Max)',
    /between 0 and 1/
  ),
  errorCase(
    'underlay Dice Infinity',
    underlay({ 'Dice RCA (Max)': Infinity }),
    'rows[0].row.Dice RCA (Max)'
  ),
  errorCase(
    'underlay Dice as a word',
    underlay({ 'Dice RCA (Max)': 'good' }),
    'rows[0].row.Dice RCA (Max)'
  ),
  paintedCase(
    'underlay Dice NaN (missing)',
    underlay({ 'Dice RCA (Mean)': NaN, 'Dice RCA (Max)': 'NaN' })
  ),
  errorCase(
    'underlay Height×Width of 10¹⁰',
    () => ({
      version: 1,
      rows: [
        {
          landmarks: LANDMARKS,
          height: 16,
          width: 16,
          row: { ...smallRow(), Height: 100_000, Width: 100_000 }
        }
      ]
    }),
    'rows[0].row.Height',
    /above the limit/
  ),
  errorCase(
    'an underlay of another size',
    () => ({
      version: 1,
      rows: [{ landmarks: LANDMARKS, height: 32, width: 32, row: smallRow() }]
    }),
    'rows[0].row',
    /16×16 pixels, but the plot row says 32×32/
  ),
  errorCase(
    'an underlay in a plot of two rows',
    () => ({
      version: 1,
      rows: [
        { landmarks: LANDMARKS, row: smallRow() },
        { landmarks: LANDMARKS }
      ]
    }),
    'rows[0].row',
    /single row only/
  ),
  errorCase(
    'an underlay row that is text',
    () => ({ version: 1, rows: [{ landmarks: LANDMARKS, row: 'Heart,1 1' }] }),
    'rows[0].row',
    /got a string/
  ),
  errorCase(
    'a 50 MB RLE of blanks in the underlay',
    underlay({ Heart: ' '.repeat(50_000_000) + '1 2' }),
    'rows[0].row.Heart',
    /50000003 characters long, more than any 16×16 mask can take/
  ),
  paintedCase(
    'blanks in the underlay RLE within what its mask can take',
    underlay({ Heart: ' '.repeat(2000) + '1 2' })
  )
];

/** Markup in ids, datasets, groups and groupBy is text. */
const MARKUP: IHostileCase[] = XSS_STRINGS.flatMap(text => [
  paintedCase(
    `the single row id ${text} is text`,
    () => ({
      version: 1,
      rows: [{ id: text, dataset: text, landmarks: LANDMARKS }]
    }),
    { text: [text] }
  ),
  paintedCase(
    `the group ${text} is text`,
    () => ({
      ...landmarkPayload(),
      groupBy: text,
      rows: (landmarkPayload().rows as Json[]).map(r => ({ ...r, group: text }))
    }),
    { text: [text] }
  ),
  paintedCase(
    `the outlier id ${text} is text`,
    () => ({
      ...landmarkPayload(3),
      rows: (landmarkPayload(3).rows as Json[]).map((r, i) => ({
        ...r,
        id: `${text}${i}`,
        landmarks: NUMBERS.map(v => v + i)
      }))
    }),
    { text: [`${text}2`] }
  )
]);

/** Every hostile landmark payload: the common cases, then the plot's own. */
/** A row's `sigma` (CheXmask-U's `Landmarks (Std)`): checked like the row's. */
const SIGMA: IHostileCase[] = [
  paintedCase(
    'a row with σ (synthetic) among rows without',
    plotRow({ sigma: syntheticStd(0) })
  ),
  paintedCase('sigma null is none', plotRow({ sigma: null })),
  paintedCase('sigma blank is none', plotRow({ sigma: '  ' })),
  errorCase(
    '239 σ numbers',
    plotRow({ sigma: syntheticStd(0).replace(/,[\d.]+$/, '') }),
    'rows[0].sigma',
    /found 239/
  ),
  errorCase(
    'a negative σ',
    plotRow({ sigma: syntheticStd(0).replace(/^[\d.]+/, '-2') }),
    'rows[0].sigma',
    /never negative/
  ),
  errorCase(
    'σ an object',
    plotRow({ sigma: { x: 1 } }),
    'rows[0].sigma',
    /got an object/
  ),
  errorCase(
    'σ nested 10⁵ levels',
    plotRow({ sigma: deeplyNested(100_000, 'array') }),
    'rows[0].sigma',
    /must be an \[x, y\] pair/
  ),
  errorCase(
    'a 50 MB σ string',
    plotRow({ sigma: ' '.repeat(50_000_000) }),
    'rows[0].sigma',
    /is 50000000 characters long/
  )
];

export const LANDMARK_CASES: IHostileCase[] = [
  ...commonCases(() => landmarkPayload()),
  ...STRUCTURE,
  ...SIGMA,
  ...UNDERLAY,
  ...MARKUP
];
