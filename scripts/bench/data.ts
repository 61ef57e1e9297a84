/**
 * The benchmark's input: every organ mask of the real CheXmask rows in
 * `../shared/data/chexmask-preprocessed/*.csv` (305 rows × 3 organs = 915),
 * parsed with the core's own `parseCsv` + `parseRow`, so the bench decodes
 * exactly what the extension decodes.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  LandmarkPoint,
  ORGANS,
  organRing,
  parseCsv,
  parseRow,
  parseRuns
} from '../../src/core';

/** One organ mask: its RLE string, its size and its landmark ring. */
export interface IBenchMask {
  file: string;
  organ: string;
  rle: string;
  /** Its runs, parsed once at load (`[start0, length, …]`), for the stores' bound. */
  runs: Int32Array;
  height: number;
  width: number;
  ring: LandmarkPoint[];
  /** Whether this mask is one of the few checked against Python. */
  check: boolean;
}

/** The shared data folder: `CHEXMASK_SHARED_DATA`, else `../shared/data` beside the repo. */
export function sharedDataDir(repoRoot: string): string {
  return (
    process.env.CHEXMASK_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data')
  );
}

/** One preprocessed CSV: its name and its parsed records. */
export interface IPreprocessedFile {
  file: string;
  records: Array<Record<string, string>>;
}

/** Every CSV of `chexmask-preprocessed` in the data folder, in name order, parsed. */
export function preprocessedFiles(dataDir: string): IPreprocessedFile[] {
  const dir = path.join(dataDir, 'chexmask-preprocessed');
  if (!fs.existsSync(dir)) {
    throw new Error(`no CheXmask data at ${dir} (set CHEXMASK_SHARED_DATA)`);
  }
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.csv'))
    .sort()
    .map(file => ({
      file,
      records: parseCsv(fs.readFileSync(path.join(dir, file), 'utf8'))
    }));
}

/** Every record of every preprocessed CSV, in file order. */
export function preprocessedRecords(
  dataDir: string
): Array<Record<string, string>> {
  return preprocessedFiles(dataDir).flatMap(f => f.records);
}

/**
 * Load every organ mask of every preprocessed CSV. The organs of the first
 * `checkRowsPerFile` rows of each file are flagged for the equality check.
 */
export function loadMasks(dataDir: string, checkRowsPerFile = 1): IBenchMask[] {
  const masks: IBenchMask[] = [];
  for (const { file, records } of preprocessedFiles(dataDir)) {
    records.forEach((record, r) => {
      const row = parseRow(record);
      for (const organ of ORGANS) {
        const rle = row.masks[organ.key];
        if (rle === null || row.landmarks === null) {
          throw new Error(
            `${file} row ${r}: ${organ.column} has no mask or no landmarks`
          );
        }
        masks.push({
          file,
          organ: organ.column,
          rle,
          runs: parseRuns(rle, row.height, row.width),
          height: row.height,
          width: row.width,
          ring: organRing(row.landmarks, organ),
          check: r < checkRowsPerFile
        });
      }
    });
  }
  return masks;
}
