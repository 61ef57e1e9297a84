/**
 * Test helper: CheXmask-U rows made from the shared CheXmask rows, in the
 * format of CheXmask-U's release scripts (`../shared/FORMAT.md`):
 * `Landmarks` becomes `Landmarks (Mean)` and a `Landmarks (Std)` cell of 240
 * values `σx,σy` per landmark with two decimals is added.
 *
 * The σ are SYNTHETIC — a deterministic formula of the seed and the index,
 * not real CheXmask-U data (none is in `../shared/data`). The masks stay the
 * shared row's: for the Preprocessed rows they are exactly the filled
 * landmark rings, as CheXmask-U's are of the mean contour. Nothing here is
 * written to disk; the Python tests use the same formula
 * (`tests/python/chexmask_u.py`).
 */
import { LandmarkSigma } from '../landmarks';

/** The columns of a CheXmask-U file after the id column, in the release's order. */
export const CHEXMASK_U_COLUMNS = [
  'Dice RCA (Mean)',
  'Dice RCA (Max)',
  'Landmarks (Mean)',
  'Landmarks (Std)',
  'Left Lung',
  'Right Lung',
  'Heart',
  'Height',
  'Width'
];

/**
 * Synthetic σ of one row, in hundredths of a pixel: 240 whole numbers from
 * 20 to 1019 (0.20 to 10.19 px), spread by a multiplicative hash so the
 * colours vary along each ring. Whole hundredths keep the text exact in any
 * language (no rounding of binary fractions).
 */
export function syntheticHundredths(seed: number): number[] {
  return Array.from(
    { length: 240 },
    (_, k) => ((k * 7919 + seed * 104729 + k * k * 31) % 1000) + 20
  );
}

/** The `Landmarks (Std)` text of {@link syntheticHundredths}: `"1.23,0.45,…"`. */
export function syntheticStd(seed: number): string {
  return syntheticHundredths(seed)
    .map(m => `${Math.floor(m / 100)}.${String(m % 100).padStart(2, '0')}`)
    .join(',');
}

/** The σ pairs {@link syntheticStd} holds, as numbers. */
export function syntheticSigma(seed: number): LandmarkSigma[] {
  const m = syntheticHundredths(seed);
  return Array.from({ length: 120 }, (_, i) => [
    m[2 * i] / 100,
    m[2 * i + 1] / 100
  ]);
}

/**
 * A CheXmask-U row from a CheXmask row: its id column first, then
 * {@link CHEXMASK_U_COLUMNS}, `Landmarks (Mean)` holding the row's
 * `Landmarks` and `Landmarks (Std)` the synthetic σ of `seed`.
 */
export function chexmaskURow(
  record: Record<string, unknown>,
  seed: number
): Record<string, unknown> {
  const source: Record<string, unknown> = {
    ...record,
    'Landmarks (Mean)': record['Landmarks'],
    'Landmarks (Std)': syntheticStd(seed)
  };
  const out: Record<string, unknown> = {};
  const idColumn = Object.keys(record).find(
    c =>
      c !== '' &&
      c !== 'Unnamed: 0' &&
      !CHEXMASK_U_COLUMNS.includes(c) &&
      c !== 'Landmarks'
  );
  if (idColumn !== undefined) {
    out[idColumn] = record[idColumn];
  }
  for (const column of CHEXMASK_U_COLUMNS) {
    if (column in source) {
      out[column] = source[column];
    }
  }
  return out;
}
