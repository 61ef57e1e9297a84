/**
 * Test helper: fast-check arbitraries for fuzzing the views — JSON-ish
 * values (with what JSON cannot carry but a JS object can: NaN, ±Infinity,
 * -0, undefined), nasty strings and numbers, and the field names the views
 * read, which objects' keys are drawn from (mutations of valid payloads:
 * fuzz-mutations.ts).
 */
import fc from 'fast-check';
import { ViewKind } from './view-harness';

/**
 * The field and column names each view reads (the row's: its payload's, its
 * image's and the CSV columns, image-id columns among them), for arbitrary
 * objects' keys: objects of a view's own names get past its first checks.
 */
export const VIEW_KEYS: Record<ViewKind, readonly string[]> = {
  row: [
    'version',
    'row',
    'image',
    'title',
    'mimeType',
    'data',
    'width',
    'height',
    'Path',
    'Image Index',
    'ImageID',
    'image_id',
    'id',
    'Dice RCA (Mean)',
    'Dice RCA (Max)',
    'Landmarks',
    'Right Lung',
    'Left Lung',
    'Heart',
    'Height',
    'Width',
    'Landmarks (Mean)',
    'Landmarks (Std)'
  ],
  rca: [
    'version',
    'bins',
    'datasets',
    'title',
    'name',
    'rows',
    'swapped',
    'mean',
    'max',
    'values',
    'counts',
    'missing',
    'outOfRange',
    'count',
    'sum',
    'sumSquares',
    'min'
  ],
  landmarks: [
    'version',
    'rows',
    'groupBy',
    'frame',
    'title',
    'id',
    'dataset',
    'group',
    'height',
    'width',
    'landmarks',
    'row',
    'sigma'
  ],
  histogram: [
    'version',
    'column',
    'by',
    'exponent',
    'start',
    'bins',
    'groups',
    'threshold',
    'keep',
    'shownBins',
    'title',
    'name',
    'rows',
    'counts',
    'missing',
    'outOfRange',
    'count',
    'sum',
    'sumSquares',
    'min',
    'max'
  ],
  compare: [
    'version',
    'labels',
    'height',
    'width',
    'resizedFrom',
    'a',
    'b',
    'id',
    'masks',
    'landmarks',
    'Right Lung',
    'Left Lung',
    'Heart',
    'table',
    'organ',
    'dice',
    'iou',
    'hd',
    'hd95',
    'assd',
    'areaA',
    'areaB',
    'landmarkDistance',
    'image',
    'title'
  ]
};

/**
 * Every view's names, each once, in the order of `VIEW_KEYS`: the schema
 * tests' fuzzing, whose fixed seed gives the same cases only in this order.
 */
export const ALL_KEYS: readonly string[] = [
  ...new Set(Object.values(VIEW_KEYS).flat())
];

/** Strings a hostile notebook might hold. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '1e400',
  '-0',
  '0x10',
  '1,2',
  '1 2 3',
  '0 1',
  '1 -1',
  '1024.0',
  '\u0000',
  '\ud800',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\\3c script\\3e',
  '__proto__',
  'constructor',
  '[[1, 2]]'
];

/** Keys that reach an object's prototype when code assigns naively. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf'];

/** Numbers that break naive code. */
export const NASTY_NUMBERS: readonly number[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  -1,
  0.5,
  1,
  1.0000001,
  2,
  1024,
  1e10,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  Number.MIN_VALUE,
  Number.EPSILON
];

/** Scalars: nasty ones, and any doubles, integers and strings. */
const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined)
);

/**
 * JSON-ish values, small: scalars, arrays and objects (keys from `keys`
 * or any text) a few levels deep.
 */
export function jsonish(keys: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    fc.constantFrom(...keys, ...PROTOTYPE_KEYS),
    fc.string({ maxLength: 6 })
  );
  const { value } = fc.letrec(tie => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 })
    )
  }));
  return value;
}
