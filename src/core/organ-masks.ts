import { diceCoefficient } from './geometry';
import { drawPolygon, fillPolygon } from './fill';
import { LandmarkPoint } from './landmarks';
import { IOrgan, ORGANS, OrganKey } from './organs';
import { decodeRle, runsOfMask } from './rle';
import { parseRuns } from './runs';
import { IChexmaskRow } from './row';

/** Where an organ's mask came from. */
export type MaskSource = 'rle' | 'landmarks' | 'none';

/** The decoded masks of a row, per organ, with where each came from. */
export interface IOrganMasks {
  masks: Record<OrganKey, Uint8Array>;
  sources: Record<OrganKey, MaskSource>;
}

/** The ring of one organ's landmarks. */
export function organRing(
  landmarks: ReadonlyArray<LandmarkPoint>,
  organ: IOrgan
): LandmarkPoint[] {
  return landmarks.slice(organ.start, organ.end);
}

/**
 * Fill one organ's landmark ring as CheXmask made its mask.
 */
export function fillOrgan(
  landmarks: ReadonlyArray<LandmarkPoint>,
  organ: IOrgan,
  height: number,
  width: number,
  out?: Uint8Array
): Uint8Array {
  return fillPolygon(organRing(landmarks, organ), height, width, out);
}

/**
 * Decode every organ of a normalised row: from its RLE mask when present,
 * otherwise from its landmark ring (the two agree on real rows), otherwise
 * an empty mask.
 */
export function decodeOrganMasks(row: IChexmaskRow): IOrganMasks {
  const masks = {} as Record<OrganKey, Uint8Array>;
  const sources = {} as Record<OrganKey, MaskSource>;
  for (const organ of ORGANS) {
    const rle = row.masks[organ.key];
    if (rle !== null) {
      masks[organ.key] = decodeRle(
        rle,
        row.height,
        row.width,
        undefined,
        organ.column
      );
      sources[organ.key] = 'rle';
    } else if (row.landmarks) {
      const mask = new Uint8Array(row.height * row.width);
      drawPolygon(organRing(row.landmarks, organ), row.height, row.width, mask);
      masks[organ.key] = mask;
      sources[organ.key] = 'landmarks';
    } else {
      masks[organ.key] = new Uint8Array(row.height * row.width);
      sources[organ.key] = 'none';
    }
  }
  return { masks, sources };
}

/**
 * Agreement between each organ's RLE mask and its filled landmark ring, as a
 * Dice coefficient (1.0 on every real CheXmask row). `null` for an organ
 * without both an RLE mask and landmarks.
 */
export function landmarkAgreement(
  row: IChexmaskRow,
  decoded: IOrganMasks
): Record<OrganKey, number | null> {
  const agreement = {} as Record<OrganKey, number | null>;
  for (const organ of ORGANS) {
    if (!row.landmarks || decoded.sources[organ.key] !== 'rle') {
      agreement[organ.key] = null;
      continue;
    }
    const filled = fillOrgan(row.landmarks, organ, row.height, row.width);
    agreement[organ.key] = diceCoefficient(decoded.masks[organ.key], filled);
  }
  return agreement;
}

/**
 * The runs of every organ of a row: parsed from its RLE, or from its filled
 * landmark ring when the row has no RLE for it; empty otherwise. What the
 * overlay paints and hit-tests, without decoding a byte per pixel.
 */
export function organRuns(row: IChexmaskRow): Record<OrganKey, Int32Array> {
  const runs = {} as Record<OrganKey, Int32Array>;
  for (const organ of ORGANS) {
    const rle = row.masks[organ.key];
    if (rle !== null) {
      runs[organ.key] = parseRuns(rle, row.height, row.width, organ.column);
    } else if (row.landmarks) {
      runs[organ.key] = runsOfMask(
        fillOrgan(row.landmarks, organ, row.height, row.width)
      );
    } else {
      runs[organ.key] = new Int32Array(0);
    }
  }
  return runs;
}
