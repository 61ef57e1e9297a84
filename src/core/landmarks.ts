import { ChexmaskFormatError, describeType, quoteForMessage } from './errors';
import { LANDMARK_COUNT } from './organs';

/** A landmark: `[x, y]` = `[column, row]` in mask pixels, y pointing down. */
export type LandmarkPoint = [number, number];

/**
 * The largest absolute landmark coordinate accepted. Real coordinates are
 * within a few hundred pixels of the image (they are not clipped); the bound
 * keeps the fixed-point polygon fill exact in doubles and refuses nonsense
 * before it can cost time.
 */
export const MAX_LANDMARK_COORDINATE = 65535;

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The longest token read as a number (more is refused without reading on). */
const MAX_TOKEN = 64;

/**
 * Characters a number may take in landmark text, with its separators:
 * the longest token and generous padding (numpy's print takes about 7).
 */
const MAX_CHARS_PER_NUMBER = 4 * MAX_TOKEN;

/**
 * Parse the 120 landmarks of a CheXmask row in any of their encodings.
 *
 * Accepts the flat `"x0,y0,x1,y1,…"` string of the Preprocessed files,
 * numpy's multi-line print of a (120, 2) array (`"[[ 395  178]\n [ 366  183] …]"`)
 * of the OriginalResolution files, JSON `[[x, y], …]`, `x y` lines, a flat
 * array (or typed array) of 240 numbers and an array of 120 pairs.
 *
 * @param value - The `Landmarks` cell or payload field.
 * @param field - The name used in error messages.
 * @returns 120 `[x, y]` points; right lung 0–43, left lung 44–93, heart 94–119.
 * @throws ChexmaskFormatError unless the value holds exactly 240 finite
 *   numbers within ±{@link MAX_LANDMARK_COORDINATE}. Scanning stops at the
 *   241st number, so a huge value costs no more than its first 240 numbers.
 */
export function parseLandmarks(
  value: unknown,
  field = 'Landmarks'
): LandmarkPoint[] {
  return parsePointList(value, field, LANDMARK_COUNT);
}

/**
 * The 120 landmarks as 240 flat coordinates `x0, y0, x1, y1, …`, checked like
 * {@link parseLandmarks} but without building 120 small arrays: what a plot
 * of thousands of rows wants.
 */
export function parseLandmarkCoordinates(
  value: unknown,
  field = 'Landmarks'
): Float64Array {
  const expected = `${2 * LANDMARK_COUNT} numbers (${LANDMARK_COUNT} points × 2)`;
  const numbers = numbersOf(
    value,
    field,
    2 * LANDMARK_COUNT,
    expected,
    checkCoordinate
  );
  if (numbers.length !== 2 * LANDMARK_COUNT) {
    throw new ChexmaskFormatError(
      field,
      `must hold ${expected}, found ${numbers.length}`
    );
  }
  return Float64Array.from(numbers);
}

/** The column of CheXmask-U's mean landmarks (same encoding as `Landmarks`). */
export const LANDMARKS_MEAN_COLUMN = 'Landmarks (Mean)';

/** The column of CheXmask-U's per-landmark standard deviations. */
export const LANDMARKS_STD_COLUMN = 'Landmarks (Std)';

/** A landmark's standard deviation `[σx, σy]` in mask pixels. */
export type LandmarkSigma = [number, number];

/**
 * The largest standard deviation accepted: a landmark's spread cannot exceed
 * the coordinate range ({@link MAX_LANDMARK_COORDINATE}).
 */
export const MAX_LANDMARK_SIGMA = MAX_LANDMARK_COORDINATE;

/**
 * Parse a CheXmask-U `Landmarks (Std)` cell: the standard deviation of each
 * of the 120 landmarks along x and y over the model's samples, written flat
 * as `"sx0,sy0,sx1,sy1,…"` with two decimals. The encodings of
 * {@link parseLandmarks} are taken too (arrays, pairs, numpy's print).
 *
 * @returns 120 `[σx, σy]` pairs in landmark order.
 * @throws ChexmaskFormatError naming `field` unless the value holds exactly
 *   240 finite, non-negative numbers of at most {@link MAX_LANDMARK_SIGMA}.
 */
export function parseLandmarkStd(
  value: unknown,
  field = LANDMARKS_STD_COLUMN
): LandmarkSigma[] {
  const expected = `${2 * LANDMARK_COUNT} numbers (σx, σy of ${LANDMARK_COUNT} landmarks)`;
  const numbers = numbersOf(
    value,
    field,
    2 * LANDMARK_COUNT,
    expected,
    checkSigma
  );
  if (numbers.length !== 2 * LANDMARK_COUNT) {
    throw new ChexmaskFormatError(
      field,
      `must hold ${expected}, found ${numbers.length}`
    );
  }
  const sigma: LandmarkSigma[] = new Array(LANDMARK_COUNT);
  for (let p = 0; p < LANDMARK_COUNT; p++) {
    sigma[p] = [numbers[2 * p], numbers[2 * p + 1]];
  }
  return sigma;
}

/** The most points {@link parsePoints} accepts in one value. */
export const MAX_POINTS = 10_000;

/**
 * Parse a list of `[x, y]` points of any length (for example one organ's
 * landmark file, `x y` per line) in the encodings {@link parseLandmarks} takes.
 *
 * @throws ChexmaskFormatError for an odd count of numbers, a non-number or
 *   more than {@link MAX_POINTS} points (scanning stops there).
 */
export function parsePoints(value: unknown, field = 'points'): LandmarkPoint[] {
  return parsePointList(value, field, null);
}

/** Parse points; `count` is the exact number of points required, or `null` for any. */
function parsePointList(
  value: unknown,
  field: string,
  count: number | null
): LandmarkPoint[] {
  const maxNumbers = 2 * (count ?? MAX_POINTS);
  const expected =
    count === null
      ? 'an even count of numbers'
      : `${2 * count} numbers (${count} points × 2)`;
  const numbers = numbersOf(
    value,
    field,
    maxNumbers,
    expected,
    checkCoordinate
  );
  if (
    count === null ? numbers.length % 2 !== 0 : numbers.length !== maxNumbers
  ) {
    throw new ChexmaskFormatError(
      field,
      `must hold ${expected}, found ${numbers.length}`
    );
  }
  const points: LandmarkPoint[] = new Array(numbers.length / 2);
  for (let p = 0; p < points.length; p++) {
    points[p] = [numbers[2 * p], numbers[2 * p + 1]];
  }
  return points;
}

/** Check one number of a value (its 0-based `index`) and return it. */
type NumberCheck = (v: number, index: number, field: string) => number;

/**
 * The numbers of a string or array value, at most `maxNumbers` of them, each
 * passed through `check`.
 */
function numbersOf(
  value: unknown,
  field: string,
  maxNumbers: number,
  expected: string,
  check: NumberCheck
): number[] {
  if (typeof value === 'string') {
    return numbersInText(value, field, maxNumbers, expected, check);
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return numbersInArray(
      value as ArrayLike<unknown>,
      field,
      maxNumbers,
      expected,
      check
    );
  }
  throw new ChexmaskFormatError(
    field,
    `must be a string or an array of ${expected}, got ${describeType(value)}`
  );
}

/** Check one coordinate and return it. */
function checkCoordinate(v: number, index: number, field: string): number {
  if (!Number.isFinite(v)) {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} is ${String(v)}, not a finite coordinate`
    );
  }
  if (Math.abs(v) > MAX_LANDMARK_COORDINATE) {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} is ${v}, beyond ±${MAX_LANDMARK_COORDINATE} pixels`
    );
  }
  return v;
}

/** Check one standard deviation and return it. */
function checkSigma(v: number, index: number, field: string): number {
  if (!Number.isFinite(v)) {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} is ${String(v)}, not a finite standard deviation`
    );
  }
  if (v < 0) {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} is ${v}, but a standard deviation is never negative`
    );
  }
  if (v > MAX_LANDMARK_SIGMA) {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} is ${v}, beyond ${MAX_LANDMARK_SIGMA} pixels`
    );
  }
  return v;
}

function isSeparator(code: number): boolean {
  // whitespace, ',', '[', ']', '(', ')'
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 44 ||
    code === 91 ||
    code === 93 ||
    code === 40 ||
    code === 41
  );
}

function numbersInText(
  text: string,
  field: string,
  maxNumbers: number,
  expected: string,
  check: NumberCheck
): number[] {
  // One pass over character codes: integers (all real landmarks) are read
  // digit by digit with no substring or regex; anything else is checked
  // against the number grammar. 10,000 rows' landmarks parse ~7× faster
  // than splitting into tokens.
  const numbers: number[] = [];
  const n = text.length;
  const longest = maxNumbers * MAX_CHARS_PER_NUMBER + 1024;
  if (n > longest) {
    // Refused before any scan: 50 MB of separators would cost a pass.
    throw new ChexmaskFormatError(
      field,
      `is ${n} characters long, more than ${expected} can take (${longest})`
    );
  }
  let i = 0;
  while (i < n) {
    if (isSeparator(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const from = i;
    let end = i;
    while (end < n && !isSeparator(text.charCodeAt(end))) {
      end++;
      if (end - from > MAX_TOKEN) {
        // No number is this long: stop here rather than scan a 50 MB token.
        throw new ChexmaskFormatError(
          field,
          `number ${numbers.length + 1} is not a number: ${quoteForMessage(text.slice(from, end))}`
        );
      }
    }
    let k = from;
    const sign = text.charCodeAt(k);
    if (sign === 45 || sign === 43) {
      k++;
    }
    let value = 0;
    let digits = 0;
    while (k < end) {
      const digit = text.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      digits++;
      k++;
    }
    let number: number;
    if (k === end && digits > 0 && digits <= 15) {
      number = sign === 45 ? -value : value;
    } else {
      const token = text.slice(from, end);
      if (!NUMBER_PATTERN.test(token)) {
        throw new ChexmaskFormatError(
          field,
          `number ${numbers.length + 1} is not a number: ${quoteForMessage(token)}`
        );
      }
      number = Number(token);
    }
    if (numbers.length === maxNumbers) {
      throw new ChexmaskFormatError(field, `must hold ${expected}, found more`);
    }
    numbers.push(check(number, numbers.length, field));
    i = end;
  }
  return numbers;
}

function numbersInArray(
  values: ArrayLike<unknown>,
  field: string,
  maxNumbers: number,
  expected: string,
  check: NumberCheck
): number[] {
  const numbers: number[] = [];
  const pairs = values.length > 0 && Array.isArray(values[0]);
  const found = pairs ? 2 * values.length : values.length;
  if (found > maxNumbers) {
    throw new ChexmaskFormatError(
      field,
      `must hold ${expected}, found ${found}`
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (pairs) {
      const pair = values[i];
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new ChexmaskFormatError(
          field,
          `point ${i} must be an [x, y] pair`
        );
      }
      numbers.push(
        numberAt(pair[0], 2 * i, field, check),
        numberAt(pair[1], 2 * i + 1, field, check)
      );
    } else {
      numbers.push(numberAt(values[i], i, field, check));
    }
  }
  return numbers;
}

function numberAt(
  value: unknown,
  index: number,
  field: string,
  check: NumberCheck
): number {
  if (typeof value !== 'number') {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} must be a number, got ${describeType(value)}`
    );
  }
  return check(value, index, field);
}

/** Format landmarks as the Preprocessed files do: `"x0,y0,x1,y1,…"`. */
export function formatLandmarks(
  points: ReadonlyArray<readonly [number, number]>
): string {
  return points.map(p => `${p[0]},${p[1]}`).join(',');
}
