/**
 * The row payload of a gallery row opened large, DOM-free (tested in Node):
 * see `large.ts`. The gallery carries no full RLE cells, so the masks are
 * the row's landmark rings filled as CheXmask filled its masks (equal to the
 * RLE on all 305 shared Preprocessed rows), or, for a row without
 * landmarks, the tile masks at tile size.
 */
import {
  DICE_MAX_COLUMN,
  DICE_MEAN_COLUMN,
  encodeRle,
  fillOrgan,
  formatLandmarks,
  ORGANS,
  runsToRle
} from '../core';
import { IGalleryTile } from './tile-payload';

/** Where the large view's masks come from. */
export type LargeSource = 'landmarks' | 'tile';

/** A tile's row as a row payload, and where its masks come from. */
export interface ILargeRowPayload {
  payload: Record<string, unknown>;
  source: LargeSource;
}

/** Where a tile's row opened large gets its masks (without making them). */
export function largeSource(item: IGalleryTile): LargeSource {
  return item.landmarks ? 'landmarks' : 'tile';
}

/**
 * The row payload of a tile's row, and where its masks come from: filled
 * landmark rings at the mask's size for the organs whose cell is not empty,
 * or, without landmarks, the tile masks at tile size.
 */
export function largeRowPayload(item: IGalleryTile): ILargeRowPayload {
  const row: Record<string, unknown> = {
    [item.idColumn ?? 'id']: item.id,
    [DICE_MEAN_COLUMN]: item.values[DICE_MEAN_COLUMN] ?? null,
    [DICE_MAX_COLUMN]: item.values[DICE_MAX_COLUMN] ?? null
  };
  const source = largeSource(item);
  const height = source === 'landmarks' ? item.height : item.tileHeight;
  const width = source === 'landmarks' ? item.width : item.tileWidth;
  row.Height = height;
  row.Width = width;
  for (const organ of ORGANS) {
    if (item.emptyOrgans.includes(organ.key)) {
      row[organ.column] = null;
    } else if (item.landmarks) {
      row[organ.column] = encodeRle(
        fillOrgan(item.landmarks, organ, height, width),
        height,
        width
      );
    } else {
      row[organ.column] = runsToRle(item.runs[organ.key]);
    }
  }
  if (item.landmarks) {
    row.Landmarks = formatLandmarks(item.landmarks);
  }
  const title =
    source === 'landmarks'
      ? `Masks drawn from the landmark rings at ${height}×${width} (the gallery carries no full RLE)`
      : `Masks at tile size ${height}×${width} (no landmarks carried to draw it larger)`;
  return {
    payload: { version: 1, row, image: item.image, title },
    source
  };
}
