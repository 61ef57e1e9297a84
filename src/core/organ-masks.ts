import { diceCoefficient } from './geometry';
import { drawPolygon, fillPolygon } from './fill';
import { LandmarkPoint } from './landmarks';
import { IOrgan, ORGANS, OrganKey } from './organs';
import { decodeRle, runsOfMask } from './rle';
import { parseRuns } from './runs';
import { IChexmaskRow } from './row';

/**
 * Where an organ's mask comes from: its RLE cell; its landmark ring, filled
 * as CheXmask filled it, only when asked for; or nowhere (an empty or null
 * cell is an empty mask, as the format says).
 */
export type MaskSource = 'rle' | 'landmarks' | 'empty';

/** The decoded masks of a row, per organ, with where each came from. */
export interface IOrganMasks {
  masks: Record<OrganKey, Uint8Array>;
  sources: Record<OrganKey, MaskSource>;
}

/**
 * Where each organ's mask comes from. An organ with an RLE mask is decoded
 * from it; an organ whose cell is empty is an empty mask, unless
 * `fromLandmarks` asks for its landmark ring to be filled instead (an
 * explicit choice the view states, never a silent fallback).
 */
export function maskSources(
  row: IChexmaskRow,
  fromLandmarks = false
): Record<OrganKey, MaskSource> {
  const sources = {} as Record<OrganKey, MaskSource>;
  for (const organ of ORGANS) {
    sources[organ.key] =
      row.masks[organ.key] !== null
        ? 'rle'
        : fromLandmarks && row.landmarks !== null
          ? 'landmarks'
          : 'empty';
  }
  return sources;
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
 * Decode every organ of a normalised row as {@link maskSources} says: from
 * its RLE mask, from its filled landmark ring when `fromLandmarks` asks for
 * it, otherwise an empty mask.
 */
export function decodeOrganMasks(
  row: IChexmaskRow,
  fromLandmarks = false
): IOrganMasks {
  const masks = {} as Record<OrganKey, Uint8Array>;
  const sources = maskSources(row, fromLandmarks);
  for (const organ of ORGANS) {
    const rle = row.masks[organ.key];
    if (sources[organ.key] === 'rle' && rle !== null) {
      // No `out`: decodeRle's own fresh array is zero already, where an
      // `out` would be cleared again (touching every page of it).
      masks[organ.key] = decodeRle(
        rle,
        row.height,
        row.width,
        undefined,
        organ.column
      );
      continue;
    }
    const mask = new Uint8Array(row.height * row.width);
    if (sources[organ.key] === 'landmarks' && row.landmarks) {
      drawPolygon(organRing(row.landmarks, organ), row.height, row.width, mask);
    }
    masks[organ.key] = mask;
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
 * The runs of every organ of a row, from the sources {@link maskSources}
 * gives: parsed from its RLE, from its filled landmark ring when asked for,
 * empty otherwise. What the overlay paints and hit-tests, without decoding a
 * byte per pixel.
 */
export function organRuns(
  row: IChexmaskRow,
  fromLandmarks = false
): Record<OrganKey, Int32Array> {
  const runs = {} as Record<OrganKey, Int32Array>;
  const sources = maskSources(row, fromLandmarks);
  for (const organ of ORGANS) {
    const rle = row.masks[organ.key];
    if (sources[organ.key] === 'rle' && rle !== null) {
      runs[organ.key] = parseRuns(rle, row.height, row.width, organ.column);
    } else if (sources[organ.key] === 'landmarks' && row.landmarks) {
      runs[organ.key] = runsOfMask(
        fillOrgan(row.landmarks, organ, row.height, row.width)
      );
    } else {
      runs[organ.key] = new Int32Array(0);
    }
  }
  return runs;
}
