/**
 * Test helper: the landmark plot's hostile payloads (issue 7), run through
 * `LandmarkPlotView.renderModel` by hostile-landmarks.spec.ts and sampled by
 * payload-schemas.spec.ts: every check of the landmark payload and, through
 * a row's mask underlay, of the core's row rules; wrong types, missing
 * fields, NaN and infinite coordinates, 10⁶ landmarks, huge and nested
 * values, and markup in ids, groups and titles.
 */
import {
  commonCases,
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase,
  XSS_STRINGS
} from './hostile-cases';
import { landmarkPayload, landmarkPayloadV2 } from './valid-payloads';
import {
  LANDMARKS,
  NUMBERS,
  plotRow,
  plotTop
} from './hostile-landmarks-payloads';
import { PACKED } from './hostile-landmarks-packed-cases';
import { SIGMA, UNDERLAY } from './hostile-landmarks-row-cases';

type Json = Record<string, unknown>;

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

/** Payloads given as text: the JSON text of a payload, or not. */
const AS_TEXT: IHostileCase[] = [
  paintedCase('payload a JSON string', () => JSON.stringify(landmarkPayload())),
  paintedCase('v2 as JSON text', () => JSON.stringify(landmarkPayloadV2(3))),
  errorCase(
    'payload text that is not JSON',
    () => JSON.stringify(landmarkPayload()).slice(0, -1),
    'payload',
    /is text but not JSON/
  ),
  errorCase(
    'payload the JSON text of JSON text',
    () => JSON.stringify(JSON.stringify(landmarkPayload())),
    'payload',
    /must be an object, got a string/
  ),
  errorCase(
    'payload the JSON text of an array',
    () => JSON.stringify([landmarkPayload()]),
    'payload',
    /must be an object, got an array/
  ),
  errorCase(
    'v2 as JSON text with a bad row',
    () => JSON.stringify(landmarkPayloadV2(3, { heights: [16, 0, 16] })),
    'heights[1]',
    /positive whole/
  ),
  paintedCase(
    'markup as JSON text is text',
    () => JSON.stringify(landmarkPayload(2, { title: XSS_STRINGS[0] })),
    { text: [XSS_STRINGS[0]] }
  )
];

/** Every hostile landmark payload: the common cases (versions 1 and 2 read), then the plot's own. */
export const LANDMARK_CASES: IHostileCase[] = [
  // The common cases, but a payload's JSON text is read as the payload: the
  // kernel sends large plots as text (see landmarkPayloadObject).
  ...commonCases(() => landmarkPayload(), 2).filter(
    c => c.name !== 'payload a JSON string'
  ),
  ...AS_TEXT,
  ...STRUCTURE,
  ...PACKED,
  ...SIGMA,
  ...UNDERLAY,
  ...MARKUP
];
