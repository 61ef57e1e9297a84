/**
 * The one-byte-per-pixel organ raster agrees with the per-organ decoders on
 * real rows, and its outline bits with maskOutline.
 */
import {
  addOutlineBits,
  decodeOrganMasks,
  maskOutline,
  organMaskFromRaster,
  ORGANS,
  parseRow,
  rasterizeOrgans
} from '..';
import { describeWithData, readOracleFolder, sha256 } from './shared-data';

describeWithData('organ raster', () => {
  it('holds exactly each decoded organ and its outline, for RLE and landmark rows', () => {
    const files = readOracleFolder('chexmask-preprocessed');
    for (const f of files) {
      for (const record of [
        f.records[0],
        { ...f.records[1], Heart: '', 'Left Lung': '' }
      ]) {
        const row = parseRow(record);
        const decoded = decodeOrganMasks(row);
        const raster = rasterizeOrgans(row);
        addOutlineBits(raster);
        ORGANS.forEach((organ, index) => {
          const mask = decoded.masks[organ.key];
          expect(sha256(organMaskFromRaster(raster, index))).toBe(sha256(mask));
          const outline = new Uint8Array(mask.length);
          for (let i = 0; i < mask.length; i++) {
            outline[i] = raster.bits[i] & (8 << index) ? 1 : 0;
          }
          expect(sha256(outline)).toBe(
            sha256(maskOutline(mask, row.height, row.width))
          );
        });
        expect(raster.sources).toEqual(decoded.sources);
      }
    }
  });
});
