/**
 * Access to the real CheXmask rows and oracles in `../shared/data`.
 *
 * The data is never copied into the repository. Under `CI=true` a missing
 * folder is an error, so CI can never pass by silently skipping the
 * exactness tests; elsewhere the data-driven tests are reported as skipped.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../csv';

/** Where the shared data lives (override with CHEXMASK_SHARED_DATA). */
export const SHARED_DATA =
  process.env.CHEXMASK_SHARED_DATA ??
  path.resolve(__dirname, '../../../../shared/data');

/** Whether the shared data is present. */
export const HAVE_SHARED_DATA = fs.existsSync(
  path.join(SHARED_DATA, 'chexmask-preprocessed')
);

if (!HAVE_SHARED_DATA && process.env.CI === 'true') {
  throw new Error(
    `CheXmask test data is missing: expected ${SHARED_DATA} (the ../shared/data folder beside the repository)`
  );
}

/**
 * `describe` when the data is present; otherwise a block whose one test is a
 * to-do that says the data is missing (outside CI only: under CI the import
 * above has already failed).
 */
export const describeWithData: jest.Describe = HAVE_SHARED_DATA
  ? describe
  : (((name: string) =>
      describe(name, () => {
        it.todo(`needs ${SHARED_DATA}`);
      })) as unknown as jest.Describe);

/** Every record of the shared Preprocessed CSVs (305 rows), the files in name order. */
export function preprocessedRecords(): Array<Record<string, string>> {
  const folder = path.join(SHARED_DATA, 'chexmask-preprocessed');
  return fs
    .readdirSync(folder)
    .filter(f => f.endsWith('.csv'))
    .sort()
    .flatMap(f => parseCsv(fs.readFileSync(path.join(folder, f), 'utf8')));
}

/** One organ's oracle. */
export interface IOrganOracle {
  runs: number;
  pixels: number;
  bbox_rowmin_rowmax_colmin_colmax: [number, number, number, number];
  sha256_uint8_01_rowmajor: string;
  landmark_fill_sha256: string;
  landmark_fill_equals_mask: boolean;
}

/** One row's oracle in `expected.json`. */
export interface IRowOracle {
  id_column: string;
  id: string;
  height: number;
  width: number;
  dice_rca_mean: number;
  dice_rca_max: number;
  n_landmarks: number;
  'Right Lung': IOrganOracle;
  'Left Lung': IOrganOracle;
  Heart: IOrganOracle;
}

/** A CSV of a data folder with its records and oracles, in file order. */
export interface IOracleFile {
  folder: string;
  file: string;
  records: Array<Record<string, string>>;
  oracles: IRowOracle[];
}

/** Read every CSV of a folder that has an `expected.json`. */
export function readOracleFolder(folder: string): IOracleFile[] {
  const dir = path.join(SHARED_DATA, folder);
  const expected = JSON.parse(
    fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')
  ) as Record<string, IRowOracle[]>;
  return Object.keys(expected).map(file => ({
    folder,
    file,
    records: parseCsv(fs.readFileSync(path.join(dir, file), 'utf8')),
    oracles: expected[file]
  }));
}

/** SHA-256 of bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read a file of the shared data. */
export function readShared(relative: string): Buffer {
  return fs.readFileSync(path.join(SHARED_DATA, relative));
}
