/**
 * Test helper: the row overlay's hostile payloads that break a rule of the
 * core (as in core/__tests__/malformed.spec.ts), on a 16×16 row: each names
 * the field and the rule. Part of ROW_CASES (hostile-row-cases.ts).
 */
import { deeplyNested, errorCase, IHostileCase } from './hostile-cases';
import { row } from './hostile-row-payloads';
import { smallLandmarks } from './valid-payloads';

const LANDMARKS = smallLandmarks();

/** Every rule of the core (as in core/__tests__/malformed.spec.ts), on a 16×16 row. */
export const CORE_RULE_CASES: IHostileCase[] = [
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
