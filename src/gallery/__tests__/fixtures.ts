/**
 * Test helper: gallery payloads made from CheXmask CSV rows the way the
 * kernel makes them (`jupyterlab_chexmask/gallery/`), written again here
 * from the schema's words as an independent oracle: each organ sampled at
 * tile pixel centres from the fully decoded mask.
 */
import {
  decodeRle,
  encodeRle,
  ID_COLUMNS,
  inferDataset,
  ORGANS,
  parseRow
} from '../../core';
import { smallRow } from '../../__tests__/valid-payloads';

/** The kernel's tile side. */
export const TILE_SIDE = 96;

/** The tile grid of a mask: its aspect, long side `side`. */
export function tileSize(
  height: number,
  width: number,
  side = TILE_SIDE
): [number, number] {
  const scale = side / Math.max(height, width);
  return [
    Math.max(1, Math.round(height * scale)),
    Math.max(1, Math.round(width * scale))
  ];
}

/** A full mask sampled at the tile's pixel centres (the schema's formula). */
export function sampleTile(
  mask: Uint8Array,
  height: number,
  width: number,
  th: number,
  tw: number
): Uint8Array {
  const tile = new Uint8Array(th * tw);
  for (let r = 0; r < th; r++) {
    const R = Math.floor(((2 * r + 1) * height) / (2 * th));
    for (let c = 0; c < tw; c++) {
      const C = Math.floor(((2 * c + 1) * width) / (2 * tw));
      tile[r * tw + c] = mask[R * width + C];
    }
  }
  return tile;
}

/** A gallery row from a CSV row (raw cells), as `cm.gallery` writes it. */
export function galleryRow(
  record: Record<string, unknown>,
  side = TILE_SIDE
): Record<string, unknown> {
  const row = parseRow(record);
  const [th, tw] = tileSize(row.height, row.width, side);
  const tile: Record<string, unknown> = { height: th, width: tw };
  for (const organ of ORGANS) {
    const rle = row.masks[organ.key];
    tile[organ.key] =
      rle === null
        ? null
        : encodeRle(
            sampleTile(
              decodeRle(rle, row.height, row.width),
              row.height,
              row.width,
              th,
              tw
            ),
            th,
            tw
          );
  }
  const idColumn = ID_COLUMNS.find(c => c in record) ?? null;
  return {
    id: row.id,
    idColumn,
    dataset: inferDataset(idColumn, row.id),
    values: {
      'Dice RCA (Mean)': row.diceRcaMean,
      'Dice RCA (Max)': row.diceRcaMax
    },
    height: row.height,
    width: row.width,
    tile,
    landmarks: row.landmarks ? row.landmarks.flat().join(',') : null,
    image: null
  };
}

/** A gallery payload of rows. */
export function galleryPayload(
  rows: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    version: 1,
    rows,
    columns: ['Dice RCA (Mean)', 'Dice RCA (Max)'],
    total: rows.length,
    sortBy: null,
    ascending: true,
    title: 'a gallery',
    ...extra
  };
}

/** A small valid gallery: the 16×16 synthetic row three times, ids and scores varied. */
export function smallGallery(): Record<string, unknown> {
  const rows = [0.81, 0.55, 0.93].map((mean, i) =>
    galleryRow(
      {
        ...smallRow(),
        image_id: `small-${i}`,
        'Dice RCA (Mean)': String(mean),
        'Dice RCA (Max)': String(Math.min(1, mean + 0.05))
      },
      8
    )
  );
  return galleryPayload(rows);
}
