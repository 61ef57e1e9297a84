/**
 * Test helper: the row overlay's hostile CheXmask-U cells (`Landmarks (Std)`),
 * part of {@link ROW_CASES} in hostile-row-cases.ts.
 */
import { syntheticStd } from '../core/__tests__/chexmask-u';
import {
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase
} from './hostile-cases';
import { row } from './hostile-row-payloads';
import { smallLandmarks } from './valid-payloads';

const LANDMARKS = smallLandmarks();

/** CheXmask-U's `Landmarks (Std)`: 240 finite σ from 0 to 65535, or refused by name. */
const STD = syntheticStd(1);
const STD_FIELD = 'Landmarks (Std)';
export const SIGMA_CASES: IHostileCase[] = [
  paintedCase(
    'a CheXmask-U row (synthetic σ) paints its uncertainty',
    row({
      Landmarks: undefined,
      'Landmarks (Mean)': LANDMARKS,
      [STD_FIELD]: STD
    })
  ),
  errorCase(
    '239 σ numbers',
    row({ [STD_FIELD]: STD.replace(/,[\d.]+$/, '') }),
    STD_FIELD,
    /found 239/
  ),
  errorCase(
    '241 σ numbers',
    row({ [STD_FIELD]: STD + ',1.00' }),
    STD_FIELD,
    /found more/
  ),
  errorCase(
    'a negative σ',
    row({ [STD_FIELD]: STD.replace(/^[\d.]+/, '-1.50') }),
    STD_FIELD,
    /never negative/
  ),
  errorCase(
    '"NaN" among the σ',
    row({ [STD_FIELD]: STD.replace(/^[\d.]+/, 'NaN') }),
    STD_FIELD,
    /number 1 is not a number: "NaN"/
  ),
  errorCase(
    '"1e400" (Infinity as text) among the σ',
    row({ [STD_FIELD]: STD.replace(/^[\d.]+/, '1e400') }),
    STD_FIELD,
    /Infinity, not a finite standard deviation/
  ),
  errorCase(
    'NaN among σ numbers',
    row({ [STD_FIELD]: [NaN, ...new Array(239).fill(1)] }),
    STD_FIELD,
    /number 1 is NaN/
  ),
  errorCase(
    'a σ beyond 65535',
    row({ [STD_FIELD]: STD.replace(/^[\d.]+/, '1e6') }),
    STD_FIELD,
    /beyond 65535 pixels/
  ),
  errorCase(
    'σ that are an object',
    row({ [STD_FIELD]: { sx: 1 } }),
    STD_FIELD,
    /got an object/
  ),
  errorCase(
    'σ that are true',
    row({ [STD_FIELD]: true }),
    STD_FIELD,
    /got a boolean/
  ),
  errorCase(
    'markup among the σ',
    row({ [STD_FIELD]: '<script>alert(1)</script>' }),
    STD_FIELD,
    /not a number: "<script>alert"/
  ),
  errorCase(
    'σ nested 10⁵ levels',
    row({ [STD_FIELD]: deeplyNested(100_000, 'array') }),
    STD_FIELD,
    /must be an \[x, y\] pair/
  ),
  errorCase(
    'a 50 MB σ string',
    row({ [STD_FIELD]: '1.25,'.repeat(10_000_000) }),
    STD_FIELD,
    /is 50000000 characters long/
  ),
  errorCase(
    '10⁶ σ as pairs',
    row({ [STD_FIELD]: Array.from({ length: 1_000_000 }, () => [1, 2]) }),
    STD_FIELD,
    /found 2000000/
  ),
  errorCase(
    'a malformed Landmarks (Mean)',
    row({ 'Landmarks (Mean)': LANDMARKS.replace(/^\d+/, 'x') }),
    'Landmarks (Mean)',
    /not a number: "x"/
  )
];
