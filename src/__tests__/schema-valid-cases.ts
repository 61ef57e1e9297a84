/**
 * Valid payloads: every fixture of the TypeScript tests, the hostile tables'
 * painted cases and gallery variants; the parser and the schema accept each.
 */
import { GOOD as GOOD_4X4_ROW } from '../core/__tests__/malformed-rows';
import {
  galleryPayload,
  galleryRow,
  smallGallery
} from '../gallery/__tests__/fixtures';
import { histogramWithExamples } from './hostile-histogram-cases';
import { plotRow, underlay } from './hostile-landmarks-payloads';
import { rcaMean } from './hostile-rca-cases';
import { row } from './hostile-row-cases';
import { deeplyNested } from './nesting';
import {
  comparePayload,
  histogramOf,
  histogramPayload,
  landmarkPayload,
  landmarkPayloadV2,
  landmarkPayloadWithRow,
  rcaPayload,
  rowPayload,
  smallPayload,
  TINY_PNG
} from './valid-payloads';
import { realPayloads, realRows } from './real-payloads';
import { Case, KINDS, hostile, Json, NUMBERS, png } from './schema-case-kit';

// --- valid fixtures -------------------------------------------------------------------------------

/** The small gallery with its row 1 changed. */
export const galleryRow1 = (change: (row: Json) => unknown) => (): Json => {
  const payload = smallGallery();
  const rows = payload.rows as unknown[];
  rows[1] = change(structuredClone(rows[1] as Json));
  return payload;
};

/** The row 1's tile changed. */
export const galleryTile = (changes: Json) =>
  galleryRow1(r => ({ ...r, tile: { ...(r.tile as Json), ...changes } }));

/** The small RCA payload with example rows (the small gallery's, in bands 16 and 18). */
export function rcaWithExamples(band: unknown = 16): Json {
  const payload = rcaPayload();
  const rows = (smallGallery().rows as Json[]).map((r, i) => ({
    ...r,
    band: i === 0 ? band : 18
  }));
  (payload.datasets as Json[])[0].examples = {
    bandWidth: 0.05,
    perBand: 8,
    rows
  };
  return payload;
}

/** Valid variants of a gallery. */
export const GALLERY_VARIANTS: Case[] = [
  [
    'a row the kernel found malformed',
    'gallery',
    galleryRow1(r => ({
      id: r.id,
      idColumn: r.idColumn,
      values: r.values,
      error: { field: 'Heart', message: 'Heart: run 3 ends past the mask' }
    }))
  ],
  [
    'an empty organ (null) and a vanished one ("")',
    'gallery',
    galleryTile({ heart: null, leftLung: '' })
  ],
  [
    'no landmarks, other values, extra columns carried',
    'gallery',
    () => ({
      ...galleryRow1(r => ({
        ...r,
        landmarks: null,
        values: { CTR: 0.41, other: 'ignored' }
      }))(),
      columns: ['Dice RCA (Mean)', 'Dice RCA (Max)', 'CTR'],
      total: 10,
      sortBy: 'CTR',
      ascending: false
    })
  ],
  [
    'a thumbnail',
    'gallery',
    galleryRow1(r => ({
      ...r,
      image: { mimeType: 'image/png', data: TINY_PNG, width: 1, height: 1 }
    }))
  ],
  [
    'landmarks as 240 numbers',
    'gallery',
    galleryRow1(r => ({ ...r, landmarks: NUMBERS }))
  ]
];

/** Every payload fixture of the TypeScript tests, and the hostile tables' painted cases. */
export const VALID: Case[] = [
  ...KINDS.map((kind): Case => [
    `smallPayload(${kind})`,
    kind,
    () => smallPayload(kind)
  ]),
  ['rowPayload()', 'row', () => rowPayload()],
  ['rowPayload() over TINY_PNG', 'row', png()],
  ["the core's valid 4×4 row", 'row', () => rowPayload(GOOD_4X4_ROW)],
  ['rcaPayload()', 'rca', () => rcaPayload()],
  ...[1, 2, 3, 10].map((n): Case => [
    `landmarkPayload(${n})`,
    'landmarks',
    () => landmarkPayload(n)
  ]),
  ...[1, 3, 10].map((n): Case => [
    `landmarkPayloadV2(${n})`,
    'landmarks',
    () => landmarkPayloadV2(n)
  ]),
  ['landmarkPayloadWithRow()', 'landmarks', () => landmarkPayloadWithRow()],
  ['histogramPayload()', 'histogram', () => histogramPayload()],
  [
    'a histogram of areas (exponent 2, negative start)',
    'histogram',
    () => histogramOf({ all: [-1234, 56_789, 250_000, null] }, 2)
  ],
  [
    'a histogram with out-of-range values',
    'histogram',
    () => histogramOf({ all: [0.5, Infinity, 9] }, -2, { start: 0, bins: 100 })
  ],
  ...realRows(8).map((r, i): Case => [
    `real row ${i} (${Object.keys(r)[0]})`,
    'row',
    () => rowPayload(r)
  ]),
  ...realRows(8).map((r, i): Case => [
    `real row ${i} as an underlay`,
    'landmarks',
    () => landmarkPayloadWithRow(r)
  ]),
  ...KINDS.flatMap(kind =>
    realPayloads(kind).map((p, i): Case => [
      `realPayloads(${kind})[${i}]`,
      kind,
      () => p
    ])
  ),
  // What the hostile tables expect to paint (JSON-representable ones).
  ...hostile('row', 'painted', [
    'a row with only landmarks',
    'a row with no id column',
    'a row with unknown columns, one named <script>',
    'Height and Width as 16.0',
    'Dice "NaN" (text) is "no score"',
    'Dice Mean above Max is flagged',
    '50 MB of blanks as an empty mask',
    'a 50 MB id is shown as text',
    'an 8 MB RLE a 1024² mask can take (blanks, then one run)'
  ]),
  ...hostile('rca', 'painted', [
    'a 50 MB title is cut',
    'raw values outside [0, 1] are kept (they are not drawn)',
    '64 datasets',
    '100,000 bins',
    'counts of 2⁵³ - 1 rows'
  ]),
  ...hostile('histogram', 'painted', [
    'no threshold: the median',
    'values out of range are counted and flagged',
    'a group without any value shows dashes',
    'negative values and large exponents',
    '100,000 bins',
    '64 groups',
    'a 50 MB group name is cut'
  ]),
  ...hostile('landmarks', 'painted', [
    'title <img src=x onerror=alert(1)> is text',
    'a numeric id and a boolean group',
    'coordinates far outside the image, kept in view',
    'landmarks as JSON text',
    'landmarks as numpy text',
    'sizes null or absent (1024)',
    'different sizes: normalised frame',
    'blanks in the underlay RLE within what its mask can take'
  ]),
  ...hostile('compare', 'painted', [
    'label <img src=x onerror=alert(1)> is text',
    'a 50 MB label is cut',
    'resizedFrom is stated',
    '50 MB of blanks as an empty mask',
    'every mask of B empty',
    'blank landmarks are none (the kernel’s distances are then flagged)',
    'no table: computed in the browser',
    'a table that disagrees with the masks is flagged'
  ]),
  [
    'comparePayload() over TINY_PNG',
    'compare',
    () =>
      comparePayload({
        image: { mimeType: 'image/png', data: TINY_PNG, width: 1, height: 1 }
      })
  ],
  // Variants of those, and what the hostile tables do not hold.
  [
    'unknown extra fields',
    'row',
    () => ({ ...rowPayload(), extra: 'x', 'version ': 2, onload: 'alert(1)' })
  ],
  [
    'an unknown field nested 10⁵ levels',
    'rca',
    () => ({ ...rcaPayload(), extra: deeplyNested(100_000) })
  ],
  [
    'Dice missing',
    'row',
    row({ 'Dice RCA (Mean)': undefined, 'Dice RCA (Max)': null })
  ],
  [
    'a second id column is ignored',
    'row',
    row({ id: { not: 'read' }, 'Image ID': [1] })
  ],
  [
    'a count computed from the bins',
    'rca',
    rcaMean({ count: undefined, missing: null, outOfRange: undefined })
  ],
  [
    'a group without a grouping is ignored',
    'landmarks',
    () => ({
      ...landmarkPayload(),
      groupBy: null,
      rows: (landmarkPayload().rows as Json[]).map(r => ({
        ...r,
        group: { any: 'thing' }
      }))
    })
  ],
  [
    'landmarks as [x, y] pairs',
    'landmarks',
    plotRow({
      landmarks: Array.from({ length: 120 }, (_, i) => [
        NUMBERS[2 * i],
        NUMBERS[2 * i + 1]
      ])
    })
  ],
  ['underlay Dice "NaN"', 'landmarks', underlay({ 'Dice RCA (Max)': 'NaN' })],
  // Galleries (gallery/__tests__/fixtures.ts builds them as cm.gallery does).
  ['smallGallery()', 'gallery', smallGallery],
  ['an empty gallery', 'gallery', () => galleryPayload([])],
  [
    'a gallery of the real rows',
    'gallery',
    () => galleryPayload(realRows(8).map(r => galleryRow(r)))
  ],
  ...GALLERY_VARIANTS,
  ['an RCA histogram with example rows', 'rca', () => rcaWithExamples()],
  ['a histogram with example rows', 'histogram', histogramWithExamples()]
];
