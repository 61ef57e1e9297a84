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
import { CORE_RULE_CASES } from './hostile-row-rule-cases';
import { row } from './hostile-row-payloads';
import { SIGMA_CASES } from './hostile-row-sigma-cases';
import { rowPayload, smallRow } from './valid-payloads';

export { image, row } from './hostile-row-payloads';

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
  ...CORE_RULE_CASES,
  ...SIGMA_CASES,
  ...DICE,
  ...HUGE,
  ...IMAGE_CASES,
  ...MARKUP
];
