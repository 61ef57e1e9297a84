/**
 * Geometry on decoded masks, against direct computations on small masks and
 * the oracles' areas and boxes on the real rows.
 */
import {
  cardiothoracicRatio,
  decodeOrganMasks,
  diceCoefficient,
  fillPolygon,
  landmarkAgreement,
  maskArea,
  maskOutline,
  maskSources,
  maskStats,
  measureRow,
  organRuns,
  parseRow,
  widestExtent
} from '..';
import { describeWithData, readOracleFolder } from './shared-data';

function fromRows(rows: string[]): Uint8Array {
  return Uint8Array.from(
    rows
      .join('')
      .split('')
      .map(c => (c === '#' ? 1 : 0))
  );
}

describe('geometry', () => {
  const mask = fromRows(['.....', '.###.', '.####', '.....']);

  it('measures area, share, bounding box and centroid', () => {
    const stats = maskStats(mask, 4, 5);
    expect(stats.pixels).toBe(7);
    expect(maskArea(mask)).toBe(7);
    expect(stats.share).toBeCloseTo(7 / 20);
    expect(stats.bbox).toEqual({ rowMin: 1, rowMax: 2, colMin: 1, colMax: 4 });
    expect(stats.centroid!.x).toBeCloseTo((1 + 2 + 3 + 1 + 2 + 3 + 4) / 7);
    expect(stats.centroid!.y).toBeCloseTo((3 * 1 + 4 * 2) / 7);
    expect(maskStats(new Uint8Array(20), 4, 5)).toEqual({
      pixels: 0,
      share: 0,
      bbox: null,
      centroid: null
    });
  });

  it('outlines masks: inside pixels touching the outside or the border', () => {
    const square = fillPolygon(
      [
        [1, 1],
        [5, 1],
        [5, 5],
        [1, 5]
      ],
      7,
      7
    );
    const outline = maskOutline(square, 7, 7);
    expect(maskArea(square)).toBe(25);
    expect(maskArea(outline)).toBe(16);
    expect(outline[3 * 7 + 3]).toBe(0);
    const full = new Uint8Array(9).fill(1);
    expect(maskArea(maskOutline(full, 3, 3))).toBe(8);
  });

  it('finds the widest horizontal extent of one or several masks', () => {
    expect(widestExtent([mask], 4, 5)).toEqual({
      row: 2,
      x0: 1,
      x1: 4,
      width: 4
    });
    const left = fromRows(['#....', '#....']);
    const right = fromRows(['....#', '...#.']);
    expect(widestExtent([left, right], 2, 5)).toEqual({
      row: 0,
      x0: 0,
      x1: 4,
      width: 5
    });
    expect(widestExtent([new Uint8Array(4)], 2, 2)).toBeNull();
  });

  it('computes the cardiothoracic ratio with where it was measured', () => {
    const right = fromRows(['##........', '#.........', '..........']);
    const left = fromRows(['.........#', '........##', '..........']);
    const heart = fromRows(['..........', '...####...', '....##....']);
    const ctr = cardiothoracicRatio(right, left, heart, 3, 10)!;
    expect(ctr.thorax).toEqual({ row: 0, x0: 0, x1: 9, width: 10 });
    expect(ctr.heart).toEqual({ row: 1, x0: 3, x1: 6, width: 4 });
    expect(ctr.ratio).toBeCloseTo(0.4);
    expect(
      cardiothoracicRatio(right, left, new Uint8Array(30), 3, 10)
    ).toBeNull();
  });

  it('computes Dice', () => {
    const a = fromRows(['##..']);
    const b = fromRows(['.##.']);
    expect(diceCoefficient(a, b)).toBeCloseTo(0.5);
    expect(diceCoefficient(a, a)).toBe(1);
    expect(diceCoefficient(new Uint8Array(4), new Uint8Array(4))).toBe(1);
  });
});

describeWithData('geometry on the real rows', () => {
  it('agrees with the oracles and gives a plausible cardiothoracic ratio', () => {
    const [file] = readOracleFolder('chexmask-preprocessed').filter(
      f => f.file === 'CheXpert.csv'
    );
    file.records.slice(0, 10).forEach((record, r) => {
      const row = parseRow(record);
      const decoded = decodeOrganMasks(row);
      expect(maskStats(decoded.masks.heart, row.height, row.width).pixels).toBe(
        file.oracles[r].Heart.pixels
      );
      const agreement = landmarkAgreement(row, decoded);
      expect(agreement).toEqual({ rightLung: 1, leftLung: 1, heart: 1 });
      const ctr = cardiothoracicRatio(
        decoded.masks.rightLung,
        decoded.masks.leftLung,
        decoded.masks.heart,
        row.height,
        row.width
      )!;
      expect(ctr.ratio).toBeGreaterThan(0.3);
      expect(ctr.ratio).toBeLessThan(0.8);
      expect(ctr.thorax.x0).toBeLessThan(ctr.heart.x0);
      expect(ctr.thorax.x1).toBeGreaterThan(ctr.heart.x1);
    });
  });

  it('keeps an empty organ cell empty: no area, no ratio without a heart', () => {
    const [file] = readOracleFolder('chexmask-preprocessed');
    for (const empty of ['', null, undefined, 'NaN' as unknown]) {
      const record = { ...file.records[0], Heart: empty };
      if (empty === 'NaN') {
        (record as Record<string, unknown>).Heart = NaN;
      }
      const row = parseRow(record);
      expect(row.warnings).toContain(
        'Heart has no RLE mask: an empty mask, not drawn or counted'
      );
      expect(maskSources(row)).toEqual({
        rightLung: 'rle',
        leftLung: 'rle',
        heart: 'empty'
      });
      const measured = measureRow(row);
      expect(measured.pixels.heart).toBe(0);
      expect(measured.ratio).toBeNull();
      expect(measured.sources.heart).toBe('empty');
      expect(measured.pixels.leftLung).toBe(
        file.oracles[0]['Left Lung'].pixels
      );
      expect(organRuns(row).heart.length).toBe(0);
      // Filling from the landmarks is an explicit choice, and then exact.
      const filled = measureRow(row, true);
      expect(filled.sources.heart).toBe('landmarks');
      expect(filled.pixels.heart).toBe(file.oracles[0].Heart.pixels);
      expect(filled.ratio).not.toBeNull();
      expect(filled.agreement.heart).toBeNull();
    }
  });

  it('draws masks from landmarks only when asked, when a row has no RLE', () => {
    const [file] = readOracleFolder('chexmask-preprocessed');
    const record = {
      ...file.records[0],
      'Right Lung': '',
      'Left Lung': '',
      Heart: ''
    };
    const row = parseRow(record);
    expect(row.warnings).toContain(
      'no RLE masks: every organ is an empty mask (the view can fill them from the landmarks)'
    );
    const empty = decodeOrganMasks(row);
    expect(empty.sources).toEqual({
      rightLung: 'empty',
      leftLung: 'empty',
      heart: 'empty'
    });
    expect(maskArea(empty.masks.leftLung)).toBe(0);
    expect(measureRow(row).ratio).toBeNull();
    const decoded = decodeOrganMasks(row, true);
    expect(decoded.sources).toEqual({
      rightLung: 'landmarks',
      leftLung: 'landmarks',
      heart: 'landmarks'
    });
    expect(maskArea(decoded.masks.leftLung)).toBe(
      file.oracles[0]['Left Lung'].pixels
    );
  });
});
