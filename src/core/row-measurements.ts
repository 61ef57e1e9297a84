import {
  cardiothoracicRatio,
  ICardiothoracicRatio,
  maskStats
} from './geometry';
import { decodeOrganMasks, landmarkAgreement, MaskSource } from './organ-masks';
import { ORGANS, OrganKey } from './organs';
import { IChexmaskRow } from './row';

/** What the overlay reports about a row under its picture. */
export interface IRowMeasurements {
  /** Pixels per organ. */
  pixels: Record<OrganKey, number>;
  /** Pixels per organ as a share of the image, 0–1. */
  share: Record<OrganKey, number>;
  /** The cardiothoracic ratio, or `null` without a heart and a lung. */
  ratio: ICardiothoracicRatio | null;
  /** Dice of each RLE mask against its filled landmark ring (`null`: not both). */
  agreement: Record<OrganKey, number | null>;
  /** Where each organ's mask came from (see `maskSources`). */
  sources: Record<OrganKey, MaskSource>;
}

/**
 * Areas, the cardiothoracic ratio and the mask/landmark agreement of a row.
 * An empty organ cell measures as an empty mask (no heart: no ratio) unless
 * `fromLandmarks` asks for empty organs to be filled from their landmark
 * rings. Decodes every organ to a byte per pixel, so on large masks callers
 * run it off the main thread; the result is plain data that a worker can post.
 */
export function measureRow(
  row: IChexmaskRow,
  fromLandmarks = false
): IRowMeasurements {
  const decoded = decodeOrganMasks(row, fromLandmarks);
  const pixels = {} as Record<OrganKey, number>;
  const share = {} as Record<OrganKey, number>;
  for (const organ of ORGANS) {
    const stats = maskStats(decoded.masks[organ.key], row.height, row.width);
    pixels[organ.key] = stats.pixels;
    share[organ.key] = stats.share;
  }
  const ratio = cardiothoracicRatio(
    decoded.masks.rightLung,
    decoded.masks.leftLung,
    decoded.masks.heart,
    row.height,
    row.width
  );
  return {
    pixels,
    share,
    ratio,
    agreement: landmarkAgreement(row, decoded),
    sources: decoded.sources
  };
}
