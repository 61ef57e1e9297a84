/**
 * CheXmask-U rows: `Landmarks (Mean)` is read as the row's landmarks and
 * `Landmarks (Std)` as each landmark's σ, on every shared row made into a
 * CheXmask-U row (synthetic σ: see ./chexmask-u.ts).
 */
import {
  LANDMARKS_MEAN_COLUMN,
  LANDMARKS_STD_COLUMN,
  meanSigma,
  nodeSigma,
  ORGANS,
  organSigmas,
  parseLandmarkStd,
  parseRow
} from '..';
import { chexmaskURow, syntheticSigma, syntheticStd } from './chexmask-u';
import { GOOD, LANDMARKS } from './malformed-rows';
import { describeWithData, readOracleFolder } from './shared-data';

describeWithData('CheXmask-U rows made from the shared rows', () => {
  const folders = ['chexmask-preprocessed', 'original-resolution-synthetic'];
  it('read the mean landmarks and their σ exactly', () => {
    let rows = 0;
    for (const folder of folders) {
      for (const file of readOracleFolder(folder)) {
        file.records.forEach(record => {
          const seed = rows++;
          const plain = parseRow(record);
          const u = parseRow(chexmaskURow(record, seed));
          expect(u.landmarks).toEqual(plain.landmarks);
          expect(u.sigma).toEqual(syntheticSigma(seed));
          expect(u.masks).toEqual(plain.masks);
          expect(u.warnings).toEqual(plain.warnings);
          expect([u.id, u.height, u.width]).toEqual([
            plain.id,
            plain.height,
            plain.width
          ]);
        });
      }
    }
    expect(rows).toBeGreaterThan(300);
  });
});

describe('the σ of a CheXmask-U row', () => {
  const std = syntheticStd(7);
  const sigma = syntheticSigma(7);

  it('is (σx + σy) / 2 per landmark, averaged over all or each organ', () => {
    const nodes = sigma.map(s => (s[0] + s[1]) / 2);
    expect(sigma.map(nodeSigma)).toEqual(nodes);
    let sum = 0;
    nodes.forEach(v => (sum += v));
    expect(meanSigma(sigma)).toBe(sum / 120);
    const organs = organSigmas(sigma);
    for (const organ of ORGANS) {
      const part = nodes.slice(organ.start, organ.end);
      expect(organs[organ.key]).toBeCloseTo(
        part.reduce((a, b) => a + b, 0) / part.length,
        12
      );
    }
  });

  it('reads every encoding of the cell alike', () => {
    const flat = sigma.flat();
    const numpyPrint =
      '[' +
      sigma.map(([x, y]) => `[${x.toFixed(2)} ${y.toFixed(2)}]`).join('\n ') +
      ']';
    for (const value of [
      std,
      flat,
      sigma,
      Float64Array.from(flat),
      numpyPrint
    ]) {
      expect(parseLandmarkStd(value)).toEqual(sigma);
    }
  });

  it('goes with Landmarks when the row has no Landmarks (Mean)', () => {
    const row = parseRow({ ...GOOD, [LANDMARKS_STD_COLUMN]: std });
    expect(row.sigma).toEqual(sigma);
    expect(row.landmarks).toHaveLength(120);
  });

  it('draws Landmarks (Mean) over Landmarks, and says so', () => {
    const mean = LANDMARKS.split(',')
      .map(v => String(Number(v) + 1))
      .join(',');
    const row = parseRow({
      ...GOOD,
      [LANDMARKS_MEAN_COLUMN]: mean,
      [LANDMARKS_STD_COLUMN]: std
    });
    expect(row.landmarks![0]).toEqual([1, 2]);
    expect(row.warnings).toContain(
      'both Landmarks and Landmarks (Mean) are given: Landmarks (Mean) is drawn'
    );
  });

  it('is not shown without landmarks, and the row says so', () => {
    const row = parseRow({
      ...GOOD,
      Landmarks: '',
      [LANDMARKS_STD_COLUMN]: std
    });
    expect(row.sigma).toBeNull();
    expect(row.landmarks).toBeNull();
    expect(row.warnings).toContain(
      'Landmarks (Std) is given without landmarks (Landmarks (Mean)): the uncertainty is not shown'
    );
  });

  it('is null for a row without Landmarks (Std), or an empty one', () => {
    expect(parseRow(GOOD).sigma).toBeNull();
    expect(parseRow({ ...GOOD, [LANDMARKS_STD_COLUMN]: '' }).sigma).toBeNull();
    expect(
      parseRow({ ...GOOD, [LANDMARKS_STD_COLUMN]: null }).sigma
    ).toBeNull();
  });
});
