/**
 * Malformed rows, one per rule of the core: a valid 4×4 row and the changes
 * that break it, with the column each must be refused for. Shared by the
 * core's strictness tests and the kernel/view parity test.
 */

/** A valid 4×4 row to break one cell at a time. */
export const LANDMARKS = Array.from({ length: 240 }, (_, i) =>
  String(i % 4)
).join(',');
/**
 * A valid CheXmask-U `Landmarks (Std)` cell (synthetic: 240 numbers with two
 * decimals, as the release writes them).
 */
export const STD = Array.from({ length: 240 }, (_, i) =>
  (0.25 * (i % 7)).toFixed(2)
).join(',');
export const GOOD: Record<string, unknown> = {
  image_id: 'abc',
  'Dice RCA (Mean)': '0.8',
  'Dice RCA (Max)': '0.9',
  Landmarks: LANDMARKS,
  'Left Lung': '1 2 5 2',
  'Right Lung': '3 2',
  Heart: '',
  Height: '4',
  Width: '4'
};

export function rowWith(
  changes: Record<string, unknown>
): Record<string, unknown> {
  return { ...GOOD, ...changes };
}

export const CASES: Array<[string, Record<string, unknown>, string, RegExp]> = [
  [
    'odd count of RLE numbers',
    { Heart: '1 2 5' },
    'Heart',
    /odd count of numbers \(3\)/
  ],
  [
    'a non-integer token',
    { 'Left Lung': '1 2 5.5 2' },
    'Left Lung',
    /number 3 is not an integer: "5.5"/
  ],
  [
    'a letter in the RLE',
    { 'Right Lung': '3 x' },
    'Right Lung',
    /not an integer: "x"/
  ],
  ['a start below 1', { Heart: '0 2' }, 'Heart', /run 1 starts at 0.*1-based/],
  [
    'a negative length',
    { Heart: '1 -2' },
    'Heart',
    /run 1 \(start 1\) has length -2/
  ],
  [
    'a zero length',
    { Heart: '1 0' },
    'Heart',
    /run 1 \(start 1\) has length 0/
  ],
  [
    'decreasing runs',
    { Heart: '5 1 2 1' },
    'Heart',
    /run 2 \(start 2\) does not come after run 1/
  ],
  [
    'overlapping runs',
    { Heart: '1 3 3 1' },
    'Heart',
    /run 2 \(start 3\) does not come after run 1, which ends at pixel 3/
  ],
  [
    'a run past Height×Width',
    { Heart: '15 3' },
    'Heart',
    /run 1 \(start 15, length 3\) ends past the 16 pixels of a 4×4 mask/
  ],
  [
    'a mask that is not text',
    { Heart: 12 },
    'Heart',
    /must be a string .* got a number/
  ],
  [
    '239 landmark numbers',
    { Landmarks: LANDMARKS.replace(/,\d+$/, '') },
    'Landmarks',
    /240 numbers .* found 239/
  ],
  [
    '241 landmark numbers',
    { Landmarks: LANDMARKS + ',1' },
    'Landmarks',
    /240 numbers .* found more/
  ],
  [
    'a word among the landmarks',
    { Landmarks: LANDMARKS.replace(/^\d+/, 'nan') },
    'Landmarks',
    /number 1 is not a number: "nan"/
  ],
  [
    'landmarks of the wrong type',
    { Landmarks: { x: 1 } },
    'Landmarks',
    /got an object/
  ],
  ['Height zero', { Height: '0' }, 'Height', /positive integer .* got 0/],
  ['Height negative', { Height: -4 }, 'Height', /positive integer .* got -4/],
  [
    'Width fractional',
    { Width: '4.5' },
    'Width',
    /positive integer .* got "4.5"/
  ],
  [
    'Width not a number',
    { Width: 'wide' },
    'Width',
    /positive integer .* got "wide"/
  ],
  [
    'Height×Width of 10¹⁰',
    { Height: 100000, Width: 100000 },
    'Height',
    /10000000000 pixels, above the limit/
  ],
  [
    'Dice not a number',
    { 'Dice RCA (Mean)': 'high' },
    'Dice RCA (Mean)',
    /must be a number, got "high"/
  ],
  [
    'Dice above 1',
    { 'Dice RCA (Max)': 1.5 },
    'Dice RCA (Max)',
    /between 0 and 1, got 1.5/
  ],
  [
    'Dice negative',
    { 'Dice RCA (Max)': '-0.1' },
    'Dice RCA (Max)',
    /between 0 and 1, got -0.1/
  ],
  [
    'Dice infinite',
    { 'Dice RCA (Mean)': Infinity },
    'Dice RCA (Mean)',
    /between 0 and 1, got Infinity/
  ],
  [
    'neither masks nor landmarks',
    { 'Left Lung': '', 'Right Lung': null, Heart: undefined, Landmarks: '' },
    'row',
    /neither masks .* nor Landmarks/
  ],
  [
    'an id that is not text',
    { image_id: { a: 1 } },
    'image_id',
    /text image id/
  ],
  [
    'a word among the mean landmarks (CheXmask-U)',
    { 'Landmarks (Mean)': LANDMARKS.replace(/^\d+/, 'x') },
    'Landmarks (Mean)',
    /number 1 is not a number: "x"/
  ],
  [
    '239 σ numbers',
    { 'Landmarks (Std)': STD.replace(/,[\d.]+$/, '') },
    'Landmarks (Std)',
    /240 numbers \(σx, σy of 120 landmarks\), found 239/
  ],
  [
    '241 σ numbers',
    { 'Landmarks (Std)': STD + ',1.00' },
    'Landmarks (Std)',
    /found more/
  ],
  [
    'a negative σ',
    { 'Landmarks (Std)': STD.replace(/^[\d.]+/, '-0.50') },
    'Landmarks (Std)',
    /number 1 is -0.5, but a standard deviation is never negative/
  ],
  [
    '"nan" among the σ',
    { 'Landmarks (Std)': STD.replace(/,[\d.]+$/, ',nan') },
    'Landmarks (Std)',
    /number 240 is not a number: "nan"/
  ],
  [
    'an infinite σ',
    { 'Landmarks (Std)': STD.replace(/^[\d.]+/, '1e400') },
    'Landmarks (Std)',
    /number 1 is Infinity, not a finite standard deviation/
  ],
  [
    'a σ beyond 65535 pixels',
    { 'Landmarks (Std)': STD.replace(/^[\d.]+/, '70000') },
    'Landmarks (Std)',
    /number 1 is 70000, beyond 65535 pixels/
  ],
  [
    'σ of the wrong type',
    { 'Landmarks (Std)': { x: 1 } },
    'Landmarks (Std)',
    /must be a string or an array of 240 numbers .* got an object/
  ]
];
