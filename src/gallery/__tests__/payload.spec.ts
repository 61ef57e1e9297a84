/**
 * The gallery payload: its parser on valid, real and malformed rows (a
 * malformed row is an error tile naming the field; the rest is kept), the
 * tile masks against the full masks, the large view's masks (filled
 * landmark rings) against the RLE on every shared row, and payload sizes.
 */
import {
  decodeRle,
  DICE_MEAN_COLUMN,
  fillOrgan,
  ORGANS,
  parseCsv,
  parseRow,
  parseRuns,
  runsToRle
} from '../../core';
import { describeWithData, readShared } from '../../core/__tests__/shared-data';
import { largeRowPayload } from '../large-payload';
import { parseGalleryPayload } from '../payload';
import { GalleryItem, IGalleryTile, shortId } from '../tile-payload';
import { galleryPayload, galleryRow, smallGallery } from './fixtures';

const FILES = [
  'CANDID-PTX',
  'CheXpert',
  'ChestX-Ray8',
  'MIMIC-CXR-JPG',
  'Padchest',
  'VinDr-CXR'
].map(name => `chexmask-preprocessed/${name}.csv`);

function tiles(items: GalleryItem[]): IGalleryTile[] {
  return items.filter((i): i is IGalleryTile => i.kind === 'tile');
}

describe('parseGalleryPayload', () => {
  it('reads a small gallery: tiles, values, flags, order', () => {
    const parsed = parseGalleryPayload(smallGallery());
    expect(parsed.items.map(i => i.kind)).toEqual(['tile', 'tile', 'tile']);
    expect(parsed.items.map(i => i.id)).toEqual([
      'small-0',
      'small-1',
      'small-2'
    ]);
    expect(parsed.items[1].values[DICE_MEAN_COLUMN]).toBe(0.55);
    expect(parsed.items[0].dataset).toBe('VinDr-CXR');
    expect(parsed.columns).toEqual(['Dice RCA (Mean)', 'Dice RCA (Max)']);
    const tile = tiles(parsed.items)[0];
    expect([tile.tileHeight, tile.tileWidth]).toEqual([8, 8]);
    expect(tile.landmarks).toHaveLength(120);
    expect(tile.flags).toEqual([]);
  });

  it.each([
    ['payload', null],
    ['version', { version: 2, rows: [] }],
    ['version', { rows: [] }],
    ['rows', { version: 1, rows: {} }],
    ['columns', { version: 1, rows: [], columns: 'Dice RCA (Mean)' }],
    ['columns[1]', { version: 1, rows: [], columns: ['a', 'a'] }],
    ['total', { version: 1, rows: [{}], total: 0 }],
    ['ascending', { version: 1, rows: [], ascending: 'yes' }],
    ['title', { version: 1, rows: [], title: 3 }]
  ])('refuses a wrong frame, naming %s', (field, payload) => {
    expect(() => parseGalleryPayload(payload)).toThrow(
      expect.objectContaining({ field })
    );
  });

  /** The small gallery with row 1 changed. */
  const withRow1 = (change: (row: Record<string, any>) => unknown) => {
    const payload = smallGallery();
    const rows = payload.rows as Array<Record<string, any>>;
    rows[1] = change(structuredClone(rows[1])) as Record<string, any>;
    return payload;
  };

  it.each([
    ['rows[1]', () => withRow1(() => 'a row')],
    ['rows[1].id', () => withRow1(r => ({ ...r, id: { x: 1 } }))],
    ['rows[1].height', () => withRow1(r => ({ ...r, height: 0 }))],
    ['rows[1].tile', () => withRow1(r => ({ ...r, tile: undefined }))],
    [
      'rows[1].tile.width',
      () => withRow1(r => ({ ...r, tile: { ...r.tile, width: 513 } }))
    ],
    [
      'rows[1].tile.heart',
      () => withRow1(r => ({ ...r, tile: { ...r.tile, heart: '60 10' } }))
    ],
    [
      'rows[1].tile.leftLung',
      () => withRow1(r => ({ ...r, tile: { ...r.tile, leftLung: 7 } }))
    ],
    ['rows[1].landmarks', () => withRow1(r => ({ ...r, landmarks: '1,2' }))],
    [
      'rows[1].values["Dice RCA (Mean)"]',
      () => withRow1(r => ({ ...r, values: { 'Dice RCA (Mean)': 1.5 } }))
    ],
    [
      'rows[1].values["Dice RCA (Max)"]',
      () => withRow1(r => ({ ...r, values: { 'Dice RCA (Max)': 'high' } }))
    ],
    [
      'rows[1].image.data',
      () =>
        withRow1(r => ({
          ...r,
          image: { mimeType: 'image/png', data: 'AAAA', width: 1, height: 1 }
        }))
    ],
    [
      'rows[1].error.field',
      () => withRow1(r => ({ ...r, error: { field: 3 } }))
    ]
  ])(
    'a malformed row is an error tile naming %s; the others are drawn',
    (field, payload) => {
      const parsed = parseGalleryPayload(payload());
      expect(parsed.items.map(i => i.kind)).toEqual(['tile', 'error', 'tile']);
      const error = parsed.items[1];
      expect(error).toMatchObject({ kind: 'error', field, foundBy: 'payload' });
      expect(error.flags).toContain('malformed');
      if (error.kind === 'error') {
        expect(error.message.startsWith(`${field}: `)).toBe(true);
      }
    }
  );

  it("a row the kernel found malformed is an error tile with the kernel's words", () => {
    const parsed = parseGalleryPayload(
      withRow1(r => ({
        id: r.id,
        idColumn: r.idColumn,
        values: r.values,
        error: {
          field: 'Heart',
          message: 'Heart: run 3 (start 9, length 10) ends past the 256 pixels'
        }
      }))
    );
    expect(parsed.items[1]).toMatchObject({
      kind: 'error',
      field: 'Heart',
      foundBy: 'kernel',
      id: 'small-1',
      dataset: 'VinDr-CXR'
    });
    expect(parsed.items[1].values[DICE_MEAN_COLUMN]).toBe(0.55);
  });

  it('flags swapped scores, an empty organ and a missing score', () => {
    const parsed = parseGalleryPayload(
      withRow1(r => ({
        ...r,
        values: { 'Dice RCA (Mean)': 0.9, 'Dice RCA (Max)': 0.8 },
        tile: { ...r.tile, heart: null }
      }))
    );
    expect(parsed.items[1].flags).toEqual(['swapped', 'empty-organ']);
    const noScore = parseGalleryPayload(
      withRow1(r => ({ ...r, values: null }))
    );
    expect(noScore.items[1].flags).toEqual(['no-score']);
  });

  it('shortId keeps the last three parts of a path, and cuts long ids', () => {
    expect(shortId('train/patient18591/study2/view1_frontal.jpg')).toBe(
      'patient18591/study2/view1_frontal.jpg'.slice(-27).replace(/^/, '…')
    );
    expect(shortId('00028162_002.png')).toBe('00028162_002.png');
    expect(shortId(null)).toBe('(no id)');
  });
});

describeWithData('the 305 shared rows in a gallery', () => {
  const records = FILES.flatMap(file =>
    parseCsv(readShared(file).toString('utf8'))
  );
  const payload = galleryPayload(records.map(r => galleryRow(r)));
  const parsed = parseGalleryPayload(payload);

  it('every row is a tile, at ≤ 3 KB a row on average', () => {
    expect(records).toHaveLength(305);
    expect(tiles(parsed.items)).toHaveLength(305);
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    console.log(
      `gallery payload of the 305 shared rows (TypeScript oracle): ${bytes} bytes, ${(bytes / 305).toFixed(0)} per row`
    );
    expect(bytes / 305).toBeLessThanOrEqual(3072);
  });

  it('opened large, the filled landmark rings equal the RLE masks pixel for pixel', () => {
    let differ = 0;
    let pixels = 0;
    for (const [i, item] of tiles(parsed.items).entries()) {
      const row = parseRow(records[i]);
      const { payload: large, source } = largeRowPayload(item);
      expect(source).toBe('landmarks');
      const cells = large.row as Record<string, string | null>;
      for (const organ of ORGANS) {
        const rle = row.masks[organ.key];
        const truth = decodeRle(rle, row.height, row.width);
        const drawn = decodeRle(cells[organ.column], row.height, row.width);
        const filled = fillOrgan(row.landmarks!, organ, row.height, row.width);
        // The large view's cell is exactly the filled ring.
        expect(Buffer.from(drawn).equals(Buffer.from(filled))).toBe(true);
        for (let p = 0; p < truth.length; p++) {
          differ += truth[p] ^ drawn[p];
          pixels += truth[p];
        }
      }
    }
    console.log(
      `large view from landmarks vs RLE on 305 rows: ${differ} pixels differ (of ${pixels} mask pixels)`
    );
    expect(differ).toBe(0);
  });

  it('without landmarks, the large view shows the tile masks at tile size', () => {
    const item = tiles(parsed.items)[0];
    const { payload: large, source } = largeRowPayload({
      ...item,
      landmarks: null
    });
    expect(source).toBe('tile');
    const row = large.row as Record<string, unknown>;
    expect([row.Height, row.Width]).toEqual([item.tileHeight, item.tileWidth]);
    for (const organ of ORGANS) {
      expect(
        parseRuns(row[organ.column] as string, item.tileHeight, item.tileWidth)
      ).toEqual(item.runs[organ.key]);
      expect(runsToRle(item.runs[organ.key])).toBe(row[organ.column]);
    }
  });
});
