/**
 * Exactness on the real data: every mask of ../shared/data decodes to its
 * oracle's SHA-256, re-encodes to the identical string, and its landmark ring
 * fills to the oracle's fill hash.
 */
import {
  decodeRle,
  encodeRle,
  fillOrgan,
  maskStats,
  ORGANS,
  parseRow
} from '..';
import {
  describeWithData,
  IOracleFile,
  readOracleFolder,
  sha256
} from './shared-data';

const FOLDERS = [
  'chexmask-preprocessed',
  'chexmask-v0.1-padchest',
  'original-resolution-synthetic'
];

describeWithData('real CheXmask rows match expected.json', () => {
  const files: IOracleFile[] = FOLDERS.flatMap(readOracleFolder);

  it('has the rows the oracles describe', () => {
    const preprocessed = files
      .filter(f => f.folder === 'chexmask-preprocessed')
      .reduce((n, f) => n + f.records.length, 0);
    expect(preprocessed).toBe(305);
    for (const f of files) {
      expect(f.records.length).toBe(f.oracles.length);
    }
  });

  for (const folder of FOLDERS) {
    it(`${folder}: every mask decodes, re-encodes and fills exactly`, () => {
      let masks = 0;
      for (const f of files.filter(x => x.folder === folder)) {
        f.records.forEach((record, r) => {
          const oracle = f.oracles[r];
          const row = parseRow(record);
          expect(row.id).toBe(oracle.id);
          expect(row.idColumn).toBe(oracle.id_column);
          expect([row.height, row.width]).toEqual([
            oracle.height,
            oracle.width
          ]);
          expect(row.diceRcaMean).toBe(oracle.dice_rca_mean);
          expect(row.diceRcaMax).toBe(oracle.dice_rca_max);
          expect(row.landmarks).toHaveLength(oracle.n_landmarks);
          for (const organ of ORGANS) {
            const expected = oracle[organ.column];
            const rle = row.masks[organ.key] as string;
            const mask = decodeRle(
              rle,
              row.height,
              row.width,
              undefined,
              organ.column
            );
            const where = `${f.file} row ${r} ${organ.column}`;
            expect({ where, sha: sha256(mask) }).toEqual({
              where,
              sha: expected.sha256_uint8_01_rowmajor
            });
            const stats = maskStats(mask, row.height, row.width);
            expect(stats.pixels).toBe(expected.pixels);
            const b = stats.bbox!;
            expect([b.rowMin, b.rowMax, b.colMin, b.colMax]).toEqual(
              expected.bbox_rowmin_rowmax_colmin_colmax
            );
            expect({
              where,
              same: encodeRle(mask, row.height, row.width) === rle.trim()
            }).toEqual({
              where,
              same: true
            });
            const filled = fillOrgan(
              row.landmarks!,
              organ,
              row.height,
              row.width
            );
            expect({ where, fill: sha256(filled) }).toEqual({
              where,
              fill: expected.landmark_fill_sha256
            });
            masks++;
          }
        });
      }
      if (folder === 'chexmask-preprocessed') {
        expect(masks).toBe(915);
      }
    });
  }

  it('flags the swapped Padchest values exactly where Mean > Max', () => {
    for (const f of files) {
      f.records.forEach((record, r) => {
        const oracle = f.oracles[r];
        const row = parseRow(record);
        const swapped = oracle.dice_rca_mean > oracle.dice_rca_max;
        expect(row.warnings.some(w => /swapped/.test(w))).toBe(swapped);
      });
    }
    const padchest = files.find(
      f => f.folder === 'chexmask-preprocessed' && f.file === 'Padchest.csv'
    )!;
    const swappedRows = padchest.records.filter(r =>
      /swapped/.test(parseRow(r).warnings.join())
    );
    expect(swappedRows).toHaveLength(30);
  });

  it('decodes into a reused buffer exactly as into a fresh one', () => {
    const f = files[0];
    const row = parseRow(f.records[0]);
    const out = new Uint8Array(row.height * row.width).fill(7);
    for (const organ of ORGANS) {
      const fresh = decodeRle(row.masks[organ.key], row.height, row.width);
      const reused = decodeRle(
        row.masks[organ.key],
        row.height,
        row.width,
        out
      );
      expect(reused).toBe(out);
      expect(sha256(reused)).toBe(sha256(fresh));
    }
  });
});
