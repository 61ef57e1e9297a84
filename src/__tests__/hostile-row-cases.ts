/**
 * Test helper: the row overlay's hostile payloads (issue 7), run through
 * `RowOverlayView.renderModel` by hostile-row.spec.ts and sampled by
 * payload-schemas.spec.ts: every rule of the core's ChexmaskFormatError a
 * row can hit, wrong types, missing fields, bad Dice values, huge sizes and
 * strings, nesting, non-image data and markup in ids and titles.
 */
import {
  commonCases,
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase,
  XSS_STRINGS
} from './hostile-cases';
import { IMAGE_CASES } from './hostile-row-image-cases';
import { row } from './hostile-row-payloads';
import { SIGMA_CASES } from './hostile-row-sigma-cases';
import { rowPayload, smallLandmarks, smallRow } from './valid-payloads';

export { image, row } from './hostile-row-payloads';

const LANDMARKS = smallLandmarks();

/** Every rule of the core (as in core/__tests__/malformed.spec.ts), on a 16×16 row. */
const CORE_RULES: IHostileCase[] = [
  errorCase(
    'odd count of RLE numbers',
    row({ Heart: '1 2 5' }),
    'Heart',
    /odd count of numbers \(3\)/
  ),
  errorCase(
    'a non-integer RLE token',
    row({ 'Left Lung': '1 2 5.5 2' }),
    'Left Lung',
    /not an integer: "5.5"/
  ),
  errorCase(
    'a letter in the RLE',
    row({ 'Right Lung': '3 x' }),
    'Right Lung',
    /not an integer: "x"/
  ),
  errorCase('an RLE start below 1', row({ Heart: '0 2' }), 'Heart', /1-based/),
  errorCase(
    'a negative RLE length',
    row({ Heart: '1 -2' }),
    'Heart',
    /length -2/
  ),
  errorCase('a zero RLE length', row({ Heart: '1 0' }), 'Heart', /length 0/),
  errorCase(
    'decreasing runs',
    row({ Heart: '5 1 2 1' }),
    'Heart',
    /does not come after run 1/
  ),
  errorCase(
    'overlapping runs',
    row({ Heart: '1 3 3 1' }),
    'Heart',
    /ends at pixel 3/
  ),
  errorCase(
    'a run past Height×Width',
    row({ Heart: '250 10' }),
    'Heart',
    /ends past the 256 pixels of a 16×16 mask/
  ),
  errorCase(
    'a mask that is a number',
    row({ Heart: 12 }),
    'Heart',
    /got a number/
  ),
  errorCase(
    'a mask that is an array',
    row({ Heart: ['1', '2'] }),
    'Heart',
    /got an array/
  ),
  errorCase(
    'a mask that is an object',
    row({ Heart: { runs: [1, 2] } }),
    'Heart',
    /got an object/
  ),
  errorCase(
    'a mask that is true',
    row({ Heart: true }),
    'Heart',
    /got a boolean/
  ),
  errorCase(
    '239 landmark numbers',
    row({ Landmarks: LANDMARKS.replace(/,\d+$/, '') }),
    'Landmarks',
    /found 239/
  ),
  errorCase(
    '241 landmark numbers',
    row({ Landmarks: LANDMARKS + ',1' }),
    'Landmarks',
    /found more/
  ),
  errorCase(
    'a word among the landmarks',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, 'nan') }),
    'Landmarks',
    /not a number: "nan"/
  ),
  errorCase(
    '"Infinity" among the landmarks',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, 'Infinity') }),
    'Landmarks',
    /not a number/
  ),
  errorCase(
    'a landmark beyond ±65535',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, '1000000') }),
    'Landmarks',
    /beyond ±65535/
  ),
  errorCase(
    'landmarks that are an object',
    row({ Landmarks: { x: 1 } }),
    'Landmarks',
    /got an object/
  ),
  errorCase(
    'landmarks that are a number',
    row({ Landmarks: 7 }),
    'Landmarks',
    /got a number/
  ),
  errorCase(
    'NaN among landmark numbers',
    row({ Landmarks: [NaN, ...new Array(239).fill(1)] }),
    'Landmarks',
    /number 1 is NaN/
  ),
  errorCase(
    'Infinity among landmark pairs',
    row({ Landmarks: [[Infinity, 1], ...new Array(119).fill([1, 1])] }),
    'Landmarks',
    /Infinity/
  ),
  errorCase(
    '"NaN" text among landmark numbers',
    row({ Landmarks: ['NaN', ...new Array(239).fill(1)] }),
    'Landmarks',
    /must be a number, got a string/
  ),
  errorCase(
    '10⁶ landmarks as text',
    row({ Landmarks: '1,'.repeat(2_000_000) }),
    'Landmarks',
    /is 4000000 characters long, more than 240 numbers/
  ),
  errorCase(
    '10⁶ landmarks as [x, y] pairs',
    row({ Landmarks: Array.from({ length: 1_000_000 }, () => [1, 2]) }),
    'Landmarks',
    /found 2000000/
  ),
  errorCase(
    'landmarks nested 10⁵ levels',
    row({ Landmarks: deeplyNested(100_000, 'array') }),
    'Landmarks',
    /must be an \[x, y\] pair/
  ),
  errorCase('Height zero', row({ Height: '0' }), 'Height', /got 0/),
  errorCase('Height negative', row({ Height: -4 }), 'Height', /got -4/),
  errorCase('Width fractional', row({ Width: '4.5' }), 'Width', /got "4.5"/),
  errorCase(
    'Width not a number',
    row({ Width: 'wide' }),
    'Width',
    /got "wide"/
  ),
  errorCase('Width true', row({ Width: true }), 'Width', /got a boolean/),
  errorCase('Width an array', row({ Width: [16] }), 'Width', /got an array/),
  errorCase(
    'Height Infinity',
    row({ Height: Infinity }),
    'Height',
    /got Infinity/
  ),
  errorCase('Height "1e3"', row({ Height: '1e3' }), 'Height', /got "1e3"/),
  errorCase(
    'Height×Width of 10¹⁰',
    row({ Height: 100_000, Width: 100_000 }),
    'Height',
    /10000000000 pixels, above the limit/
  ),
  errorCase(
    'Height×Width of 10¹⁰ as text',
    row({ Height: '10000000000', Width: '1' }),
    'Height',
    /above the limit/
  ),
  errorCase(
    'neither masks nor landmarks',
    row({
      'Left Lung': '',
      'Right Lung': null,
      Heart: undefined,
      Landmarks: ''
    }),
    'row',
    /neither masks/
  ),
  errorCase(
    'an id that is not text',
    row({ image_id: { a: 1 } }),
    'image_id',
    /text image id/
  ),
  errorCase(
    'an id that is Infinity',
    row({ image_id: Infinity }),
    'image_id',
    /text image id/
  )
];

/** Dice RCA values: out of range is refused; NaN is pandas' "missing". */
const DICE: IHostileCase[] = [
  errorCase(
    'Dice not a number',
    row({ 'Dice RCA (Mean)': 'high' }),
    'Dice RCA (Mean)',
    /must be a number, got "high"/
  ),
  errorCase(
    'Dice above 1',
    row({ 'Dice RCA (Max)': 1.5 }),
    'Dice RCA (Max)',
    /between 0 and 1, got 1.5/
  ),
  errorCase(
    'Dice negative',
    row({ 'Dice RCA (Max)': '-0.1' }),
    'Dice RCA (Max)',
    /between 0 and 1, got -0.1/
  ),
  errorCase(
    'Dice Infinity',
    row({ 'Dice RCA (Mean)': Infinity }),
    'Dice RCA (Mean)',
    /got Infinity/
  ),
  errorCase(
    'Dice -Infinity',
    row({ 'Dice RCA (Mean)': -Infinity }),
    'Dice RCA (Mean)',
    /got -Infinity/
  ),
  errorCase(
    'Dice "1e400" (Infinity as text)',
    row({ 'Dice RCA (Mean)': '1e400' }),
    'Dice RCA (Mean)',
    /got Infinity/
  ),
  errorCase(
    'Dice "Infinity"',
    row({ 'Dice RCA (Mean)': 'Infinity' }),
    'Dice RCA (Mean)',
    /must be a number/
  ),
  errorCase(
    'Dice true',
    row({ 'Dice RCA (Mean)': true }),
    'Dice RCA (Mean)',
    /got a boolean/
  ),
  errorCase(
    'Dice an array',
    row({ 'Dice RCA (Mean)': [0.5] }),
    'Dice RCA (Mean)',
    /got an array/
  ),
  paintedCase(
    'Dice NaN (a JS number) is "no score"',
    row({ 'Dice RCA (Mean)': NaN, 'Dice RCA (Max)': NaN }),
    { text: ['Dice RCA (Mean) —', 'no RCA score'] }
  ),
  paintedCase(
    'Dice "NaN" (text) is "no score"',
    row({ 'Dice RCA (Mean)': 'NaN', 'Dice RCA (Max)': 'nan' }),
    { text: ['Dice RCA (Max) —', 'no RCA score'] }
  ),
  paintedCase(
    'Dice missing is "no score"',
    row({ 'Dice RCA (Mean)': undefined, 'Dice RCA (Max)': undefined }),
    { text: ['no RCA score'] }
  ),
  paintedCase(
    'Dice Mean above Max is flagged',
    row({ 'Dice RCA (Mean)': 0.95, 'Dice RCA (Max)': 0.9 }),
    { warning: /look swapped/, text: ['Dice RCA (Mean) 0.950'] }
  ),
  paintedCase(
    'Dice below the threshold is marked',
    row({ 'Dice RCA (Mean)': 0.2 }),
    { text: ['below 0.7'] }
  )
];

/** Missing fields and wrong types of the payload itself. */
const PAYLOAD: IHostileCase[] = [
  errorCase(
    'row missing',
    () => ({ version: 1, image: null }),
    'row',
    /missing/
  ),
  errorCase('row null', () => rowPayload(null as never), 'row', /got null/),
  errorCase(
    'row text',
    () => rowPayload('a,b,c' as never),
    'row',
    /got a string/
  ),
  errorCase(
    'row an array of cells',
    () => rowPayload(Object.values(smallRow()) as never),
    'row',
    /got an array/
  ),
  errorCase(
    'row nested 10⁵ levels',
    () => rowPayload(deeplyNested(100_000, 'array') as never),
    'row',
    /got an array/
  ),
  paintedCase(
    'a row with only landmarks',
    row({ 'Left Lung': undefined, 'Right Lung': undefined, Heart: undefined }),
    { warning: /no RLE masks/ }
  ),
  paintedCase('a row with no id column', row({ image_id: undefined }), {
    warning: /no image-id column/,
    text: ['(no id)']
  }),
  paintedCase(
    'a row with unknown columns, one named <script>',
    row({ '<script>alert(1)</script>': 'x', 'Unnamed: 0': 3 })
  ),
  paintedCase('Height and Width as 16.0', row({ Height: 16.0, Width: '16.0' }))
];

/** Huge strings: one scan each, refused or drawn well within the bound. */
const TOO_LONG = /characters long, more than any 16×16 mask can take/;

const HUGE: IHostileCase[] = [
  errorCase(
    'a 50 MB RLE of blanks and one run',
    row({ Heart: ' '.repeat(50_000_000) + '1 1' }),
    'Heart',
    TOO_LONG
  ),
  errorCase(
    'a 50 MB RLE number',
    row({ Heart: '7'.repeat(50_000_000) }),
    'Heart',
    TOO_LONG
  ),
  errorCase(
    'a 50 MB RLE of repeated runs',
    row({ 'Left Lung': '1 1 '.repeat(12_500_000) }),
    'Left Lung',
    TOO_LONG
  ),
  errorCase(
    'a 50 MB RLE of markup',
    row({ Heart: '<script>'.repeat(6_250_000) }),
    'Heart',
    TOO_LONG
  ),
  paintedCase(
    'an 8 MB RLE a 1024² mask can take (blanks, then one run)',
    row({
      Height: 1024,
      Width: 1024,
      Landmarks: undefined,
      'Left Lung': undefined,
      'Right Lung': undefined,
      Heart: ' '.repeat(8_000_000) + '1 5'
    })
  ),
  errorCase(
    'an 8 MB RLE of 1024² repeating one run',
    row({
      Height: 1024,
      Width: 1024,
      Heart: '1 1 '.repeat(2_000_000) + '<script>'
    }),
    'Heart',
    /run 2 \(start 1\) does not come after run 1/
  ),
  errorCase(
    'a 50 MB landmark string',
    row({ Landmarks: '9'.repeat(50_000_000) }),
    'Landmarks',
    /is 50000000 characters long/
  ),
  errorCase(
    '50 MB of landmark separators',
    row({ Landmarks: ','.repeat(50_000_000) }),
    'Landmarks',
    /is 50000000 characters long/
  ),
  paintedCase(
    '50 MB of blanks as an empty mask',
    row({ Heart: ' '.repeat(50_000_000) })
  ),
  paintedCase(
    'a 50 MB id is shown as text',
    row({ image_id: 'i'.repeat(50_000_000) })
  )
];

/** Markup in ids and titles is shown as text. */
const MARKUP: IHostileCase[] = XSS_STRINGS.flatMap(text => [
  paintedCase(`the id ${text} is text`, row({ image_id: text }), {
    text: [text]
  }),
  paintedCase(
    `the Path id ${text} is text`,
    row({ image_id: undefined, Path: text }),
    { text: [text, 'CheXpert'] }
  )
]);

/** Every hostile row payload: the common cases, then the row's own. */
export const ROW_CASES: IHostileCase[] = [
  ...commonCases(() => rowPayload()),
  ...PAYLOAD,
  ...CORE_RULES,
  ...SIGMA_CASES,
  ...DICE,
  ...HUGE,
  ...IMAGE_CASES,
  ...MARKUP
];
