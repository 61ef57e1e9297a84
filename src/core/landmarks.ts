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

const NUMBER_COUNT = LANDMARK_COUNT * 2;
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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
export function parseLandmarks(value: unknown, field = 'Landmarks'): LandmarkPoint[] {
  let numbers: number[];
  if (typeof value === 'string') {
    numbers = numbersInText(value, field);
  } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    numbers = numbersInArray(value as ArrayLike<unknown>, field);
  } else {
    throw new ChexmaskFormatError(
      field,
      `must be a string or an array of 240 numbers, got ${describeType(value)}`
    );
  }
  if (numbers.length !== NUMBER_COUNT) {
    throw new ChexmaskFormatError(
      field,
      `must hold 240 numbers (120 points × 2), found ${numbers.length}`
    );
  }
  const points: LandmarkPoint[] = new Array(LANDMARK_COUNT);
  for (let p = 0; p < LANDMARK_COUNT; p++) {
    points[p] = [numbers[2 * p], numbers[2 * p + 1]];
  }
  return points;
}

/** Check one coordinate and return it. */
function checkCoordinate(v: number, index: number, field: string): number {
  if (!Number.isFinite(v)) {
    throw new ChexmaskFormatError(field, `number ${index + 1} is ${String(v)}, not a finite coordinate`);
  }
  if (Math.abs(v) > MAX_LANDMARK_COORDINATE) {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} is ${v}, beyond ±${MAX_LANDMARK_COORDINATE} pixels`
    );
  }
  return v;
}

function isSeparator(code: number): boolean {
  // whitespace, ',', '[', ']', '(', ')'
  return (
    code === 32 || code === 9 || code === 10 || code === 13 ||
    code === 44 || code === 91 || code === 93 || code === 40 || code === 41
  );
}

function numbersInText(text: string, field: string): number[] {
  const numbers: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (isSeparator(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const from = i;
    while (i < n && !isSeparator(text.charCodeAt(i)) && i - from <= 64) {
      i++;
    }
    const token = text.slice(from, i);
    if (!NUMBER_PATTERN.test(token)) {
      throw new ChexmaskFormatError(
        field,
        `number ${numbers.length + 1} is not a number: ${quoteForMessage(token)}`
      );
    }
    if (numbers.length === NUMBER_COUNT) {
      throw new ChexmaskFormatError(field, 'must hold 240 numbers (120 points × 2), found more');
    }
    numbers.push(checkCoordinate(Number(token), numbers.length, field));
  }
  return numbers;
}

function numbersInArray(values: ArrayLike<unknown>, field: string): number[] {
  const numbers: number[] = [];
  const pairs = values.length > 0 && Array.isArray(values[0]);
  if (pairs) {
    if (values.length !== LANDMARK_COUNT) {
      throw new ChexmaskFormatError(
        field,
        `must hold 120 [x, y] points, found ${values.length}`
      );
    }
    for (let p = 0; p < values.length; p++) {
      const pair = values[p];
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new ChexmaskFormatError(field, `point ${p} must be an [x, y] pair`);
      }
      numbers.push(numberAt(pair[0], numbers.length, field), numberAt(pair[1], numbers.length + 1, field));
    }
    return numbers;
  }
  if (values.length !== NUMBER_COUNT) {
    throw new ChexmaskFormatError(
      field,
      `must hold 240 numbers (120 points × 2), found ${values.length}`
    );
  }
  for (let i = 0; i < values.length; i++) {
    numbers.push(numberAt(values[i], i, field));
  }
  return numbers;
}

function numberAt(value: unknown, index: number, field: string): number {
  if (typeof value !== 'number') {
    throw new ChexmaskFormatError(
      field,
      `number ${index + 1} must be a number, got ${describeType(value)}`
    );
  }
  return checkCoordinate(value, index, field);
}

/** Format landmarks as the Preprocessed files do: `"x0,y0,x1,y1,…"`. */
export function formatLandmarks(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(p => `${p[0]},${p[1]}`).join(',');
}
