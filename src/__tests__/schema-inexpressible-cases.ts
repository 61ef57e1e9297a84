/**
 * Parser rules the payload schemas cannot state: payloads the parser refuses
 * and the schema accepts.
 */
import { smallGallery } from '../gallery/__tests__/fixtures';
import { row } from './hostile-row-cases';
import { TINY_PNG } from './valid-payloads';
import { Case, hostile, LANDMARKS, png } from './schema-case-kit';
import { galleryRow1, galleryTile } from './schema-valid-cases';

// --- what the schemas cannot say ------------------------------------------------------------------

/**
 * Parser rules JSON Schema cannot express (or not cheaply on 50 MB text),
 * each as a payload the parser refuses and the schema accepts; the schema
 * files state every one in their descriptions:
 *
 * - RLE: an even count of numbers; runs strictly increasing and not
 *   overlapping; the last run inside Height × Width; a length no more than
 *   such a mask can take. (The schema checks the characters and that no
 *   start or length is 0; a regular expression for pairs overflows V8's
 *   backtracking stack on a 40 MB cell.)
 * - Sizes: Height × Width (row) and height × width (landmark rows) at most
 *   100,000,000 pixels; a landmark row's underlay of another size.
 * - Text values: a Dice score written as text outside [0, 1] ("-0.1",
 *   "1e400"); a landmark number written as text beyond ±65,535 or longer
 *   than 64 characters; a Height given as text that overflows.
 * - Image: base64 whose length is not a multiple of 4 (a regular
 *   expression for it overflows V8's stack on 64 MB); the size in the PNG or
 *   JPEG header against width × height; a header that is missing.
 * - RCA: `counts` of exactly `bins` entries adding up to a safe integer;
 *   `count` = sum of `counts`; `count + missing + outOfRange` = `rows` per
 *   score; `swapped` ≤ `rows`; `min` ≤ `max`; `sum` ≤ `count`; dataset names
 *   unique.
 * - Landmarks: at most 64 distinct groups.
 * - Histogram: finite edges of the bins; `counts` of exactly `bins` entries;
 *   groups × bins at most 2,000,000; `count` = sum of `counts`;
 *   `count + missing + outOfRange` = `rows`; `min` and `max` within the fine
 *   bins, `min` ≤ `max`; group names unique.
 * - Compare: each organ once in the table; areas at most height × width;
 *   the masks' RLE rules above at the payload's size.
 * - Gallery: tile RLE within the tile; column names distinct; `total` at
 *   least the rows carried; a row's mask at most 100,000,000 pixels; the
 *   carried columns' values numbers (which keys they are is data).
 */
export const INEXPRESSIBLE: Case[] = [
  ...hostile('row', 'error', [
    'odd count of RLE numbers',
    'decreasing runs',
    'overlapping runs',
    'a run past Height×Width',
    'a 50 MB RLE number',
    'Height×Width of 10¹⁰',
    'Height×Width of 10¹⁰ as text',
    'Dice negative',
    'Dice "1e400" (Infinity as text)',
    'a landmark beyond ±65535'
  ]),
  [
    'a 65-character landmark number',
    'row',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, '0'.repeat(64) + '1') })
  ],
  [
    'image data of 4k + 1 characters',
    'row',
    png({ data: TINY_PNG.replace(/=+$/, '') + 'A' })
  ],
  [
    'a 1×1 PNG declared 16384×16384',
    'row',
    png({ width: 16384, height: 16384 })
  ],
  ['a PNG cut before its header', 'row', png({ data: TINY_PNG.slice(0, 12) })],
  ...hostile('rca', 'error', [
    'a repeated name',
    'rows that contradict the bins',
    'more swapped rows than rows',
    'counts too short',
    'count that is not the sum of the bins',
    'min above max',
    'a sum giving a mean above 1'
  ]),
  ...hostile('histogram', 'error', [
    'edges beyond the doubles',
    'counts too short for bins',
    'more than 2,000,000 counts',
    'a repeated name',
    'rows that contradict the bins',
    'count that is not the sum of the bins',
    'min below the bins',
    'max above the bins',
    'min above max'
  ]),
  ['a tile run past the tile', 'gallery', galleryTile({ heart: '60 10' })],
  [
    'a repeated gallery column',
    'gallery',
    () => ({ ...smallGallery(), columns: ['CTR', 'CTR'] })
  ],
  [
    'a total under the rows carried',
    'gallery',
    () => ({ ...smallGallery(), total: 1 })
  ],
  [
    'a gallery mask of 10¹⁰ pixels',
    'gallery',
    galleryRow1(r => ({ ...r, height: 100000, width: 100000 }))
  ],
  [
    'a carried column as text',
    'gallery',
    () => ({
      ...galleryRow1(r => ({ ...r, values: { CTR: 'wide' } }))(),
      columns: ['CTR']
    })
  ],
  ...hostile('landmarks', 'error', [
    'a 50 MB σ string', // blank text, longer than any σ text: refused unread
    'height × width of 10¹⁰',
    'a coordinate of 1e308',
    '65 groups',
    'an underlay of another size',
    'an underlay RLE past the mask',
    // Version 2: lengths that must match rowCount, the coded landmarks'
    // numbers and coordinates, and the areas and groups as in version 1.
    'v2 landmarks a row short',
    'v2 landmarks a number of 5 characters',
    'v2 landmarks ending inside a row',
    'v2 landmarks going on after the last row',
    'v2 a coordinate beyond 16 bits',
    'v2 ids one short',
    'v2 height × width of 10¹⁰',
    'v2 65 groups'
  ]),
  ...hostile('compare', 'error', [
    'odd count of RLE numbers in B',
    'decreasing runs',
    'overlapping runs',
    'a run past height × width',
    'height × width of 10¹⁰',
    'a size the masks do not fit',
    'an organ twice',
    'an area beyond the mask'
  ])
];
