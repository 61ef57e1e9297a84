/**
 * Runs: the overlay paints and hit-tests from them, so they must describe
 * exactly the decoded masks, for RLE rows and landmark-only rows alike.
 */
import fc from 'fast-check';
import {
  decodeOrganMasks,
  decodeRle,
  encodeRle,
  maskArea,
  organRuns,
  ORGANS,
  parseRow,
  parseRuns,
  runsArea,
  runsContain,
  runsOfMask
} from '..';
import { describeWithData, readOracleFolder } from './shared-data';

describe('runs', () => {
  it('agree with the decoded mask pixel by pixel, on random masks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 1 })),
        (h, w, stream) => {
          const mask = Uint8Array.from(stream.take(h * w));
          const runs = parseRuns(encodeRle(mask, h, w), h, w);
          expect(Array.from(runs)).toEqual(Array.from(runsOfMask(mask)));
          expect(runsArea(runs)).toBe(maskArea(mask));
          for (let i = 0; i < mask.length; i++) {
            expect(runsContain(runs, i)).toBe(mask[i] === 1);
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('are empty for an empty mask', () => {
    expect(parseRuns('', 3, 3)).toHaveLength(0);
    expect(runsContain(new Int32Array(0), 0)).toBe(false);
  });
});

describeWithData('organ runs on real rows', () => {
  it('cover exactly the decoded organs, from RLE or from landmarks', () => {
    const [file] = readOracleFolder('chexmask-preprocessed');
    for (const record of [file.records[0], { ...file.records[2], Heart: '' }]) {
      const row = parseRow(record);
      const runs = organRuns(row);
      const decoded = decodeOrganMasks(row);
      for (const organ of ORGANS) {
        const mask = decodeRle(
          encodeRle(decoded.masks[organ.key], row.height, row.width),
          row.height,
          row.width
        );
        expect(Array.from(runs[organ.key])).toEqual(
          Array.from(runsOfMask(mask))
        );
      }
    }
  });
});
