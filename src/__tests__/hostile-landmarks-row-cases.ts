/**
 * Test helper: the landmark plot's hostile cases of one row's extras — its
 * mask underlay (a CSV row, checked by the core's row rules and named under
 * the row) and its σ (CheXmask-U's `Landmarks (Std)`).
 */
import { syntheticStd } from '../core/__tests__/chexmask-u';
import {
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase
} from './hostile-cases';
import { LANDMARKS, plotRow, underlay } from './hostile-landmarks-payloads';
import { smallRow } from './valid-payloads';

/** A one-row plot's underlay row goes through the core: its errors are named under the row. */
export const UNDERLAY: IHostileCase[] = [
  paintedCase('a row for the mask underlay', underlay({})),
  errorCase(
    'an underlay RLE past the mask',
    underlay({ Heart: '250 10' }),
    'rows[0].row.Heart',
    /ends past the 256 pixels/
  ),
  errorCase(
    'an underlay RLE with markup',
    underlay({ Heart: '<img src=x onerror=alert(1)>' }),
    'rows[0].row.Heart',
    /not an integer/
  ),
  errorCase(
    'underlay Dice above 1',
    underlay({ 'Dice RCA (Mean)': 1.5 }),
    'rows[0].row.Dice RCA (Mean)',
    /between 0 and 1/
  ),
  errorCase(
    'underlay Dice negative',
    underlay({ 'Dice RCA (Max)': -0.2 }),
    'rows[0].row.Dice RCA (Max)',
    /between 0 and 1/
  ),
  errorCase(
    'underlay Dice Infinity',
    underlay({ 'Dice RCA (Max)': Infinity }),
    'rows[0].row.Dice RCA (Max)'
  ),
  errorCase(
    'underlay Dice as a word',
    underlay({ 'Dice RCA (Max)': 'good' }),
    'rows[0].row.Dice RCA (Max)'
  ),
  paintedCase(
    'underlay Dice NaN (missing)',
    underlay({ 'Dice RCA (Mean)': NaN, 'Dice RCA (Max)': 'NaN' })
  ),
  errorCase(
    'underlay Height×Width of 10¹⁰',
    () => ({
      version: 1,
      rows: [
        {
          landmarks: LANDMARKS,
          height: 16,
          width: 16,
          row: { ...smallRow(), Height: 100_000, Width: 100_000 }
        }
      ]
    }),
    'rows[0].row.Height',
    /above the limit/
  ),
  errorCase(
    'an underlay of another size',
    () => ({
      version: 1,
      rows: [{ landmarks: LANDMARKS, height: 32, width: 32, row: smallRow() }]
    }),
    'rows[0].row',
    /16×16 pixels, but the plot row says 32×32/
  ),
  errorCase(
    'an underlay in a plot of two rows',
    () => ({
      version: 1,
      rows: [
        { landmarks: LANDMARKS, row: smallRow() },
        { landmarks: LANDMARKS }
      ]
    }),
    'rows[0].row',
    /single row only/
  ),
  errorCase(
    'an underlay row that is text',
    () => ({ version: 1, rows: [{ landmarks: LANDMARKS, row: 'Heart,1 1' }] }),
    'rows[0].row',
    /got a string/
  ),
  errorCase(
    'a 50 MB RLE of blanks in the underlay',
    underlay({ Heart: ' '.repeat(50_000_000) + '1 2' }),
    'rows[0].row.Heart',
    /50000003 characters long, more than any 16×16 mask can take/
  ),
  paintedCase(
    'blanks in the underlay RLE within what its mask can take',
    underlay({ Heart: ' '.repeat(2000) + '1 2' })
  )
];

/** A row's `sigma` (CheXmask-U's `Landmarks (Std)`): checked like the row's. */
export const SIGMA: IHostileCase[] = [
  paintedCase(
    'a row with σ (synthetic) among rows without',
    plotRow({ sigma: syntheticStd(0) })
  ),
  paintedCase('sigma null is none', plotRow({ sigma: null })),
  paintedCase('sigma blank is none', plotRow({ sigma: '  ' })),
  errorCase(
    '239 σ numbers',
    plotRow({ sigma: syntheticStd(0).replace(/,[\d.]+$/, '') }),
    'rows[0].sigma',
    /found 239/
  ),
  errorCase(
    'a negative σ',
    plotRow({ sigma: syntheticStd(0).replace(/^[\d.]+/, '-2') }),
    'rows[0].sigma',
    /never negative/
  ),
  errorCase(
    'σ an object',
    plotRow({ sigma: { x: 1 } }),
    'rows[0].sigma',
    /got an object/
  ),
  errorCase(
    'σ nested 10⁵ levels',
    plotRow({ sigma: deeplyNested(100_000, 'array') }),
    'rows[0].sigma',
    /must be an \[x, y\] pair/
  ),
  errorCase(
    'a 50 MB σ string',
    plotRow({ sigma: ' '.repeat(50_000_000) }),
    'rows[0].sigma',
    /is 50000000 characters long/
  )
];
