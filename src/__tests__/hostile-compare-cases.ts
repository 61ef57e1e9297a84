/**
 * Test helper: the compare view's hostile payloads (issue 16), run through
 * `CompareView.renderModel` by hostile-compare.spec.ts and sampled by
 * payload-schemas.spec.ts: wrong types and missing fields, bad labels and
 * sizes, every kind of bad mask (each must name its source by label and its
 * field), bad landmarks, a broken table, huge strings, nesting and markup.
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
import { comparePayload, smallLandmarks, TINY_PNG } from './valid-payloads';

/** A compare payload with `changes` (undefined deletes a field). */
export const compare = changedAt(comparePayload, []);
/** A compare payload whose side B has `changes`. */
export const sideB = changedAt(comparePayload, ['b']);
/** A compare payload whose side A's masks have `changes`. */
export const masksA = changedAt(comparePayload, ['a', 'masks']);
/** A compare payload whose side B's masks have `changes`. */
export const masksB = changedAt(comparePayload, ['b', 'masks']);
/** A compare payload whose table's heart entry has `changes`. */
export const heartEntry = changedAt(comparePayload, ['table', 2]);
/** A compare payload whose table's right lung entry has `changes`. */
export const rightLungEntry = changedAt(comparePayload, ['table', 0]);

const LANDMARKS = smallLandmarks();

export const COMPARE_CASES: IHostileCase[] = [
  ...commonCases(comparePayload),
  // Labels.
  errorCase('labels missing', compare({ labels: undefined }), 'labels'),
  errorCase('labels text', compare({ labels: 'CheXmask' }), 'labels'),
  errorCase(
    'one label',
    compare({ labels: ['CheXmask'] }),
    'labels',
    /got 1 values/
  ),
  errorCase(
    'a blank label',
    compare({ labels: ['CheXmask', '  '] }),
    'labels[1]',
    /second source's name must be non-blank text/
  ),
  errorCase('a label a number', compare({ labels: [1, 'b'] }), 'labels[0]'),
  errorCase(
    'a label nested 10⁵ levels',
    compare({ labels: ['a', deeplyNested(100_000)] }),
    'labels[1]'
  ),
  ...XSS_STRINGS.map(label =>
    paintedCase(
      `label ${label} is text`,
      compare({ labels: ['CheXmask', label] }),
      {
        text: [label]
      }
    )
  ),
  paintedCase(
    'a 50 MB label is cut',
    compare({ labels: ['L'.repeat(50_000_000), 'other'] }),
    { text: ['L'.repeat(100)] }
  ),
  // Sizes.
  errorCase('height missing', compare({ height: undefined }), 'height'),
  errorCase('height zero', compare({ height: 0 }), 'height', /got 0/),
  errorCase('width fractional', compare({ width: 4.5 }), 'width', /got 4\.5/),
  errorCase(
    'width as text',
    compare({ width: '16' }),
    'width',
    /got the text "16"/
  ),
  errorCase('width NaN', compare({ width: NaN }), 'width', /got NaN/),
  errorCase(
    'height × width of 10¹⁰',
    compare({ height: 100_000, width: 100_000 }),
    'height',
    /above the limit/
  ),
  errorCase(
    'a size the masks do not fit',
    compare({ height: 4, width: 4 }),
    'a.masks.Right Lung',
    /"CheXmask" \(a\): .*ends past the 16 pixels of a 4×4 mask/
  ),
  errorCase(
    'resizedFrom text',
    compare({ resizedFrom: '2048x2048' }),
    'resizedFrom'
  ),
  errorCase(
    'resizedFrom height zero',
    compare({ resizedFrom: { height: 0, width: 2 } }),
    'resizedFrom.height'
  ),
  paintedCase(
    'resizedFrom is stated',
    compare({ resizedFrom: { height: 2048, width: 2048 } }),
    { text: ['resized from 2048×2048'] }
  ),
  // Sides.
  errorCase('b missing', compare({ b: undefined }), 'b', /got nothing/),
  errorCase('b an array', compare({ b: [] }), 'b', /got an array/),
  errorCase('b.masks missing', sideB({ masks: undefined }), 'b.masks'),
  errorCase('b.masks text', sideB({ masks: '1 2' }), 'b.masks'),
  errorCase(
    'an unknown organ',
    masksB({ heart: '1 2' }),
    'b.masks',
    /"model" \(b\) has a mask of an unknown organ "heart"/
  ),
  errorCase('an id that is an object', sideB({ id: { x: 1 } }), 'b.id'),
  // Masks: each error names the source by its label, and the field.
  errorCase(
    'odd count of RLE numbers in B',
    masksB({ Heart: '1 2 5' }),
    'b.masks.Heart',
    /the Heart mask of "model" \(b\): has an odd count of numbers \(3\)/
  ),
  errorCase(
    'a letter in A’s RLE',
    masksA({ 'Left Lung': '3 x' }),
    'a.masks.Left Lung',
    /the Left lung mask of "CheXmask" \(a\): .*not an integer: "x"/
  ),
  errorCase(
    'an RLE start below 1',
    masksB({ Heart: '0 2' }),
    'b.masks.Heart',
    /1-based/
  ),
  errorCase(
    'a zero RLE length',
    masksA({ Heart: '1 0' }),
    'a.masks.Heart',
    /length 0/
  ),
  errorCase(
    'decreasing runs',
    masksB({ 'Right Lung': '5 1 2 1' }),
    'b.masks.Right Lung',
    /does not come after run 1/
  ),
  errorCase(
    'overlapping runs',
    masksB({ Heart: '1 3 3 1' }),
    'b.masks.Heart',
    /ends at pixel 3/
  ),
  errorCase(
    'a run past height × width',
    masksB({ Heart: '250 10' }),
    'b.masks.Heart',
    /ends past the 256 pixels of a 16×16 mask/
  ),
  errorCase(
    'a mask that is a number',
    masksB({ Heart: 12 }),
    'b.masks.Heart',
    /got a number/
  ),
  errorCase(
    'a mask that is an array',
    masksB({ Heart: ['1', '2'] }),
    'b.masks.Heart',
    /got an array/
  ),
  errorCase(
    'a mask that is true',
    masksA({ Heart: true }),
    'a.masks.Heart',
    /got a boolean/
  ),
  errorCase(
    'a 50 MB RLE of markup',
    masksB({ Heart: '<b>'.repeat(17_000_000) }),
    'b.masks.Heart'
  ),
  paintedCase(
    '50 MB of blanks as an empty mask',
    masksB({ Heart: ' '.repeat(50_000_000) })
  ),
  paintedCase(
    'every mask of B empty',
    masksB({ 'Right Lung': null, 'Left Lung': '', Heart: undefined })
  ),
  // Landmarks.
  errorCase(
    '239 landmark numbers',
    sideB({ landmarks: LANDMARKS.replace(/,\d+$/, '') }),
    'b.landmarks',
    /the landmarks of "model" \(b\): .*found 239/
  ),
  errorCase(
    'landmarks an object',
    sideB({ landmarks: { x: 1 } }),
    'b.landmarks',
    /got an object/
  ),
  errorCase(
    'landmarks nested 10⁵ levels',
    sideB({ landmarks: deeplyNested(100_000, 'array') }),
    'b.landmarks'
  ),
  paintedCase(
    'blank landmarks are none (the kernel’s distances are then flagged)',
    sideB({ landmarks: '  ' }),
    { warning: /disagrees with the kernel on 3 value/ }
  ),
  // The table.
  paintedCase('no table: computed in the browser', compare({ table: null }), {
    text: ['Computed in the browser']
  }),
  errorCase(
    'table an object',
    compare({ table: {} }),
    'table',
    /got an object/
  ),
  errorCase(
    'a table of two organs',
    () => ({
      ...comparePayload(),
      table: (comparePayload().table as unknown[]).slice(0, 2)
    }),
    'table',
    /got 2 entries/
  ),
  errorCase(
    'an organ unknown',
    heartEntry({ organ: 'Liver' }),
    'table[2].organ'
  ),
  errorCase(
    'an organ twice',
    heartEntry({ organ: 'Right Lung' }),
    'table[2].organ',
    /appears twice/
  ),
  errorCase(
    'Dice above 1',
    heartEntry({ dice: 1.5 }),
    'table[2].dice',
    /from 0 to 1/
  ),
  errorCase('IoU text', heartEntry({ iou: '0.5' }), 'table[2].iou'),
  errorCase('HD negative', heartEntry({ hd: -1 }), 'table[2].hd'),
  // (Not the heart's, whose HD95 is null: Infinity is null through JSON,
  // and the view takes a payload of the same JSON as the same payload.)
  errorCase(
    'HD95 Infinity',
    rightLungEntry({ hd95: Infinity }),
    'table[0].hd95'
  ),
  errorCase('ASSD missing', heartEntry({ assd: undefined }), 'table[2].assd'),
  errorCase('an area fractional', heartEntry({ areaA: 2.5 }), 'table[2].areaA'),
  errorCase(
    'an area beyond the mask',
    heartEntry({ areaB: 257 }),
    'table[2].areaB',
    /from 0 to 256/
  ),
  paintedCase(
    'a table that disagrees with the masks is flagged',
    heartEntry({ areaA: 7, dice: 0.25 }),
    { warning: /disagrees with the kernel on 2 value/ }
  ),
  // The x-ray.
  errorCase(
    'GIF data declared as PNG',
    compare({
      image: {
        mimeType: 'image/png',
        data: 'R0lGODlhAQABAAAAACw=',
        width: 1,
        height: 1
      }
    }),
    'image.data'
  ),
  errorCase(
    'an image of another type',
    compare({
      image: { mimeType: 'image/gif', data: TINY_PNG, width: 1, height: 1 }
    }),
    'image.mimeType'
  )
];
