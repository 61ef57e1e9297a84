/**
 * Issue 12, payload contracts: `schema/payloads/{row,rca,landmarks,histogram,compare,gallery}.v1.json`
 * (JSON Schema draft 2020-12, read from disk here, never copied) against
 * the TypeScript side: ajv in strict mode and the real parsers.
 *
 * - Every payload fixture the TypeScript tests use (`valid-payloads.ts`:
 *   all its builders, small synthetic and real shared rows; the core's valid
 *   4×4 row of `malformed-rows.ts`; the payloads the hostile tables expect to
 *   paint) is accepted by the parser and by the schema.
 * - A sample of the hostile cases the parser refuses for a rule the schema
 *   states (wrong types, missing fields, future versions, bounds, the RLE
 *   and landmark grammars, …) is refused by the schema too.
 * - The rules the schema cannot state are listed as cases the parser
 *   refuses and the schema accepts (INEXPRESSIBLE below), so the list stays
 *   true: a schema that learns a rule fails here until the case moves.
 * - Fuzzing (fast-check, fixed seed): over mutations of valid payloads and
 *   arbitrary JSON, the schema never refuses a payload the parser accepts.
 *
 * ajv runs with `strict: true` plus `allowUnionTypes: true`: the schemas
 * write "text or null" as `"type": ["string", "null"]`, the plainest form
 * for readers, which strict mode accepts only with that option.
 */
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { ChexmaskFormatError } from '../core';
import { chexmaskURow, syntheticStd } from '../core/__tests__/chexmask-u';
import {
  CASES as MALFORMED_ROWS,
  GOOD as GOOD_4X4_ROW,
  rowWith
} from '../core/__tests__/malformed-rows';
import { parseComparePayload } from '../compare/payload';
import { parseHistogramPayload } from '../histogram/payload';
import {
  galleryPayload,
  galleryRow,
  smallGallery
} from '../gallery/__tests__/fixtures';
import { parseGalleryPayload } from '../gallery/payload';
import { parseLandmarkPayload } from '../landmarks/payload';
import { parseRcaPayload } from '../rca/payload';
import { parseRowPayload } from '../row/payload';
import { ALL_KEYS, jsonish, mutate, mutations } from './fuzz-arbitraries';
import { HostileExpectation, IHostileCase } from './hostile-cases';
import { COMPARE_CASES } from './hostile-compare-cases';
import {
  HISTOGRAM_CASES,
  histogramWithExamples
} from './hostile-histogram-cases';
import { LANDMARK_CASES, plotRow, underlay } from './hostile-landmarks-cases';
import { RCA_CASES, rcaDataset, rcaMean } from './hostile-rca-cases';
import { image, row, ROW_CASES } from './hostile-row-cases';
import { deeplyNested } from './nesting';
import {
  comparePayload,
  histogramOf,
  histogramPayload,
  landmarkPayload,
  landmarkPayloadWithRow,
  rcaPayload,
  realPayloads,
  realRows,
  rowPayload,
  smallLandmarks,
  smallPayload,
  smallRow,
  TINY_PNG
} from './valid-payloads';

type Kind = 'row' | 'rca' | 'landmarks' | 'histogram' | 'compare' | 'gallery';
type Json = Record<string, unknown>;

/** The views with hostile tables and fixture builders in `valid-payloads.ts`. */
const KINDS = ['row', 'rca', 'landmarks', 'histogram', 'compare'] as const;
/** Every payload with a schema. */
const ALL_KINDS: readonly Kind[] = [...KINDS, 'gallery'];

const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schema', 'payloads');

/** A schema file as written. */
function readSchema(kind: Kind): Json {
  return JSON.parse(
    fs.readFileSync(path.join(SCHEMA_DIR, `${kind}.v1.json`), 'utf8')
  ) as Json;
}

const SCHEMAS: Record<Kind, Json> = {
  row: readSchema('row'),
  rca: readSchema('rca'),
  landmarks: readSchema('landmarks'),
  histogram: readSchema('histogram'),
  compare: readSchema('compare'),
  gallery: readSchema('gallery')
};

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
// The landmark, compare and gallery schemas refer to the row schema's
// definitions by its $id, the RCA schema (its examples) to the gallery schema's.
ajv.addSchema(SCHEMAS.row);
ajv.addSchema(SCHEMAS.gallery);
const VALIDATE: Record<Kind, ValidateFunction> = {
  row: ajv.getSchema(SCHEMAS.row.$id as string) as ValidateFunction,
  rca: ajv.compile(SCHEMAS.rca),
  landmarks: ajv.compile(SCHEMAS.landmarks),
  histogram: ajv.compile(SCHEMAS.histogram),
  compare: ajv.compile(SCHEMAS.compare),
  gallery: ajv.getSchema(SCHEMAS.gallery.$id as string) as ValidateFunction
};

const PARSE: Record<Kind, (data: unknown) => unknown> = {
  row: parseRowPayload,
  rca: parseRcaPayload,
  landmarks: parseLandmarkPayload,
  histogram: parseHistogramPayload,
  compare: parseComparePayload,
  gallery: parseGalleryStrictly
};

/**
 * A gallery payload as a whole: the parser keeps a malformed row as an
 * error tile, so "accepted" here means no row was refused either (a row
 * the kernel reported as malformed is valid data).
 */
function parseGalleryStrictly(data: unknown): unknown {
  const parsed = parseGalleryPayload(data);
  for (const item of parsed.items) {
    if (item.kind === 'error' && item.foundBy === 'payload') {
      throw new ChexmaskFormatError(item.field, item.message);
    }
  }
  return parsed;
}

/** Payloads checked per kind and table, printed at the end. */
const CHECKED: Record<string, number> = {};

function counted(table: string, kind: Kind): void {
  const key = `${table} (${kind})`;
  CHECKED[key] = (CHECKED[key] ?? 0) + 1;
}

afterAll(() => {
  const lines = Object.entries(CHECKED).map(([k, n]) => `  ${k}: ${n}`);
  process.stdout.write(
    `payloads checked against the schemas:\n${lines.join('\n')}\n`
  );
});

/**
 * A value as the frontend receives it: through JSON (`undefined` stays
 * absent). Values nested deeper than `JSON.stringify` recurses (10⁵ levels)
 * are JSON data already and are used as they are.
 */
function asJson(value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) {
      return value;
    }
    throw error;
  }
  return text === undefined ? undefined : JSON.parse(text);
}

/** The schema's complaints, shortened (cells can be megabytes long). */
function schemaErrors(kind: Kind, data: unknown): string[] {
  const validate = VALIDATE[kind];
  return validate(data)
    ? []
    : (validate.errors ?? []).map(e =>
        `${e.instancePath || '(payload)'} ${e.message ?? ''}`.slice(0, 300)
      );
}

/** The parser's verdict: `null` when it accepts, else the field it names. */
function parserRefusal(kind: Kind, data: unknown): string | null {
  try {
    PARSE[kind](data);
    return null;
  } catch (error) {
    if (error instanceof ChexmaskFormatError) {
      return error.field;
    }
    throw error; // a parser must only ever refuse with a format error
  }
}

/** A named payload of a kind, built lazily (some are 50 MB). */
type Case = [name: string, kind: Kind, payload: () => unknown];

/** Each view's hostile cases (hostile-{row,rca,landmarks,histogram,compare}-cases.ts). */
const HOSTILE: Record<Kind, IHostileCase[]> = {
  row: ROW_CASES,
  rca: RCA_CASES,
  landmarks: LANDMARK_CASES,
  histogram: HISTOGRAM_CASES,
  compare: COMPARE_CASES,
  gallery: []
};

/**
 * The cases of `kind`'s hostile table named `names`, each of which must end
 * in `state` there: the very payloads the views are tested with. A name the
 * table does not hold (say, a case renamed there) fails the whole file.
 */
function hostile(
  kind: Kind,
  state: HostileExpectation['state'],
  names: readonly string[]
): Case[] {
  return names.map((name): Case => {
    const found = HOSTILE[kind].find(c => c.name === name);
    if (found?.expect.state !== state) {
      throw new Error(`no ${state} case "${name}" in hostile-${kind}-cases.ts`);
    }
    return [name, kind, found.payload];
  });
}

/** A row payload over `TINY_PNG` with `changes` to its image. */
const png = (changes: Json = {}) =>
  image({
    mimeType: 'image/png',
    data: TINY_PNG,
    width: 1,
    height: 1,
    ...changes
  });

const LANDMARKS = smallLandmarks();
const NUMBERS = LANDMARKS.split(',').map(Number);

// --- valid fixtures -------------------------------------------------------------------------------

/** The small gallery with its row 1 changed. */
const galleryRow1 = (change: (row: Json) => unknown) => (): Json => {
  const payload = smallGallery();
  const rows = payload.rows as unknown[];
  rows[1] = change(structuredClone(rows[1] as Json));
  return payload;
};

/** The row 1's tile changed. */
const galleryTile = (changes: Json) =>
  galleryRow1(r => ({ ...r, tile: { ...(r.tile as Json), ...changes } }));

/** The small RCA payload with example rows (the small gallery's, in bands 16 and 18). */
function rcaWithExamples(band: unknown = 16): Json {
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
const GALLERY_VARIANTS: Case[] = [
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
const VALID: Case[] = [
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

describe('the payload schemas', () => {
  it.each(ALL_KINDS)(
    '%s: draft 2020-12 with a URN $id, compiled in strict mode',
    kind => {
      const schema = SCHEMAS[kind];
      expect(schema.$schema).toBe(
        'https://json-schema.org/draft/2020-12/schema'
      );
      expect(schema.$id).toBe(`urn:jupyterlab-chexmask:payload:${kind}:v1`);
      expect(typeof VALIDATE[kind]).toBe('function');
    }
  );
});

describe('valid payload fixtures: the parser and the schema accept them', () => {
  it.each(VALID)('%s (%s)', (_name, kind, build) => {
    const data = asJson(build());
    expect(parserRefusal(kind, data)).toBeNull();
    expect(schemaErrors(kind, data)).toEqual([]);
    counted('valid fixtures', kind);
  });
});

// --- hostile payloads both refuse -------------------------------------------------------------------

/** A sample of the hostile tables' error cases whose rule the schema states. */
const REFUSED: Case[] = [
  // Every view (hostile-cases.ts commonCases).
  ...KINDS.flatMap(kind =>
    hostile(kind, 'error', [
      'payload null',
      'payload a number',
      'payload a JSON string',
      'payload an array',
      'version missing',
      'version 2',
      'version 10⁹',
      'version "1" (text)',
      'version 0.5',
      'version nested 10⁵ levels',
      'title a number',
      'title nested 10⁵ levels'
    ])
  ),
  ...hostile('row', 'error', [
    'row missing',
    'row null',
    'row text',
    'row an array of cells',
    'row nested 10⁵ levels',
    'a non-integer RLE token',
    'a letter in the RLE',
    'an RLE start below 1',
    'a negative RLE length',
    'a zero RLE length',
    'a mask that is a number',
    'a mask that is an array',
    'a mask that is an object',
    'a mask that is true',
    'a 50 MB RLE of markup',
    '239 landmark numbers',
    '241 landmark numbers',
    'a word among the landmarks',
    '"Infinity" among the landmarks',
    'landmarks that are an object',
    'landmarks that are a number',
    '"NaN" text among landmark numbers',
    '10⁶ landmarks as text',
    '10⁶ landmarks as [x, y] pairs',
    'landmarks nested 10⁵ levels',
    'a 50 MB landmark string',
    '50 MB of landmark separators',
    '239 σ numbers',
    '241 σ numbers',
    'a negative σ',
    '"NaN" among the σ',
    'σ that are an object',
    'σ that are true',
    'markup among the σ',
    'σ nested 10⁵ levels',
    'a 50 MB σ string',
    '10⁶ σ as pairs',
    'a malformed Landmarks (Mean)',
    'Height zero',
    'Height negative',
    'Width fractional',
    'Width not a number',
    'Width true',
    'Width an array',
    'Height "1e3"',
    'neither masks nor landmarks',
    'an id that is not text',
    'Dice not a number',
    'Dice above 1',
    'Dice "Infinity"',
    'Dice true',
    'Dice an array',
    'GIF data declared as PNG',
    'markup declared as PNG',
    'an SVG with a script',
    'image data that is not base64',
    'image data missing'
  ]),
  [
    'Height×Width of 10¹⁰ (a side above 10⁸)',
    'row',
    row({ Height: 100_000, Width: 100_000_000_000 })
  ],
  // The image cases over TINY_PNG (hostile-row-cases.ts draws its own PNG).
  ['a PNG declared as JPEG', 'row', png({ mimeType: 'image/jpeg' })],
  [
    'a data: URL instead of an image object',
    'row',
    image('data:image/png;base64,' + TINY_PNG)
  ],
  ['image width null (NaN through JSON)', 'row', png({ width: NaN })],
  ['image width above 16384', 'row', png({ width: 16385 })],
  [
    'image height nested 10⁵ levels',
    'row',
    png({ height: deeplyNested(100_000) })
  ],
  ...hostile('rca', 'error', [
    'bins missing',
    'bins zero',
    'bins negative',
    'bins fractional',
    'bins above 100,000',
    'bins as text',
    'datasets missing',
    'datasets empty',
    'datasets an object',
    'datasets text',
    '65 datasets',
    'datasets nested 10⁵ levels',
    'a dataset null',
    'a name missing',
    'a name empty',
    'a name of blanks',
    'a name a number',
    'rows missing',
    'rows negative',
    'rows fractional',
    'rows as text',
    'rows 2⁶⁰',
    'swapped negative',
    'mean missing',
    'mean an array',
    'counts missing',
    'a negative count',
    'a fractional count',
    'a count as text',
    'a null count',
    'values not an object',
    'values with "NaN" text',
    'more than 10⁶ raw values',
    'min below 0',
    'max above 1',
    'max "NaN"',
    'a negative sum',
    'a negative sum of squares'
  ]),
  ['values without max', 'rca', rcaDataset({ values: { mean: [0.5] } })],
  ...hostile('landmarks', 'error', [
    '239 σ numbers',
    'a negative σ',
    'σ an object',
    'σ nested 10⁵ levels',
    'rows missing',
    'rows empty',
    'rows an object',
    'rows text',
    '10,001 rows',
    'a row null',
    'a row an array',
    'rows nested 10⁵ levels',
    'landmarks missing',
    'landmarks null',
    'landmarks a number',
    'landmarks an object',
    '239 landmark numbers',
    '241 landmark numbers',
    '"NaN" among the numbers',
    '-Infinity as text',
    'a coordinate of 10⁶',
    'a number as text in an array',
    'a pair of three',
    '10⁶ landmarks as text',
    '241 numbers in text of an allowed length',
    '10⁶ landmarks as pairs',
    'a 50 MB landmark token',
    'landmarks nested 10⁵ levels',
    'height zero',
    'height negative',
    'width fractional',
    'width as text',
    'height true',
    'an id that is an object',
    'a dataset that is a number',
    'a group that is an object',
    'groupBy a number',
    'frame unknown',
    'frame a 50 MB text',
    'frame an array',
    'an underlay RLE with markup',
    'underlay Dice above 1',
    'underlay Dice negative',
    'underlay Dice as a word',
    'an underlay in a plot of two rows',
    'an underlay row that is text'
  ]),
  ['landmarks empty text', 'landmarks', plotRow({ landmarks: '' })],
  ...hostile('histogram', 'error', [
    'column missing',
    'column blank',
    'column a number',
    'by a number',
    'by empty',
    'exponent missing',
    'exponent 0.5',
    'exponent 301',
    'exponent as text',
    'start missing',
    'start fractional',
    'start 2⁶⁰',
    'bins missing',
    'bins zero',
    'bins above 100,000',
    'groups missing',
    'groups empty',
    'groups an object',
    '65 groups',
    'groups nested 10⁵ levels',
    'a group null',
    'a name missing',
    'a name of blanks',
    'rows missing',
    'rows negative',
    'counts missing',
    'a negative count',
    'a negative sum of squares',
    'threshold as text',
    'keep "both"',
    'shownBins zero'
  ]),
  ...hostile('compare', 'error', [
    'labels missing',
    'labels text',
    'one label',
    'a blank label',
    'a label a number',
    'a label nested 10⁵ levels',
    'height missing',
    'height zero',
    'width fractional',
    'width as text',
    'width NaN',
    'resizedFrom text',
    'resizedFrom height zero',
    'b missing',
    'b an array',
    'b.masks missing',
    'b.masks text',
    'an unknown organ',
    'an id that is an object',
    'a letter in A’s RLE',
    'an RLE start below 1',
    'a zero RLE length',
    'a mask that is a number',
    'a mask that is an array',
    'a mask that is true',
    'a 50 MB RLE of markup',
    '239 landmark numbers',
    'landmarks an object',
    'landmarks nested 10⁵ levels',
    'table an object',
    'a table of two organs',
    'an organ unknown',
    'Dice above 1',
    'IoU text',
    'HD negative',
    'ASSD missing',
    'an area fractional',
    'GIF data declared as PNG',
    'an image of another type'
  ]),
  ['an example row in band 20', 'rca', () => rcaWithExamples(20)],
  ['an example row without a band', 'rca', () => rcaWithExamples(null)],
  [
    'a histogram example row without a bin',
    'histogram',
    histogramWithExamples(e => {
      delete (e.rows as Json[])[0].bin;
    })
  ],
  [
    'histogram examples with perBand 0',
    'histogram',
    histogramWithExamples(e => (e.perBand = 0))
  ],
  [
    'a gallery of version 2',
    'gallery',
    () => ({ ...smallGallery(), version: 2 })
  ],
  ['gallery rows as an object', 'gallery', () => ({ version: 1, rows: {} })],
  ['a gallery row as text', 'gallery', galleryRow1(() => 'row')],
  ['a numeric gallery id', 'gallery', galleryRow1(r => ({ ...r, id: 7 }))],
  [
    'an unknown id column',
    'gallery',
    galleryRow1(r => ({ ...r, idColumn: 'Image' }))
  ],
  ['a tile RLE with a 0', 'gallery', galleryTile({ heart: '0 5' })],
  ['a tile of 513 columns', 'gallery', galleryTile({ width: 513 })],
  ['a tile organ missing', 'gallery', galleryTile({ heart: undefined })],
  [
    'a Dice Mean of 1.5',
    'gallery',
    galleryRow1(r => ({ ...r, values: { 'Dice RCA (Mean)': 1.5 } }))
  ],
  [
    'gallery landmarks "1,2"',
    'gallery',
    galleryRow1(r => ({ ...r, landmarks: '1,2' }))
  ],
  [
    'an error without a message',
    'gallery',
    galleryRow1(r => ({ id: r.id, error: { field: 'Heart' } }))
  ]
];

describe('hostile payloads the parser refuses: the schema refuses them too', () => {
  it.each(REFUSED)('%s (%s)', (_name, kind, build) => {
    const data = asJson(build());
    expect(parserRefusal(kind, data)).not.toBeNull();
    expect(schemaErrors(kind, data)).not.toEqual([]);
    counted('refused by both', kind);
  });
});

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
const INEXPRESSIBLE: Case[] = [
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
    'an underlay RLE past the mask'
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

describe('rules the schema cannot state: the parser refuses, the schema accepts', () => {
  it.each(INEXPRESSIBLE)('%s (%s)', (_name, kind, build) => {
    const data = asJson(build());
    expect(parserRefusal(kind, data)).not.toBeNull();
    // If the schema learns this rule, move the case to REFUSED.
    expect(schemaErrors(kind, data)).toEqual([]);
    counted('inexpressible', kind);
  });
});

/** Rules of the core's malformed rows (malformed-rows.ts) the schema cannot state. */
const MALFORMED_INEXPRESSIBLE = new Set([
  'odd count of RLE numbers',
  'decreasing runs',
  'overlapping runs',
  'a run past Height×Width',
  'Height×Width of 10¹⁰',
  'Dice negative', // "-0.1": a Dice score as text outside [0, 1]
  'an infinite σ', // "1e400" is a number the schema's grammar takes
  'a σ beyond 65535 pixels' // as text, like landmark coordinates
]);

/** The malformed rows JSON can carry (not Infinity, which JSON turns into null). */
const JSON_MALFORMED_ROWS = MALFORMED_ROWS.filter(([, changes]) =>
  Object.values(changes).every(v => typeof v !== 'number' || Number.isFinite(v))
);

describe("the core's malformed rows (malformed-rows.ts), in a row payload", () => {
  it.each(
    JSON_MALFORMED_ROWS.map(
      ([name, changes, column]) => [name, column, changes] as const
    )
  )('%s (%s)', (name, column, changes) => {
    const data = asJson(rowPayload(rowWith(changes)));
    expect(parserRefusal('row', data)).toBe(column);
    const errors = schemaErrors('row', data);
    if (MALFORMED_INEXPRESSIBLE.has(name)) {
      expect(errors).toEqual([]);
    } else {
      expect(errors).not.toEqual([]);
    }
    counted('malformed rows', 'row');
  });
});

// --- fuzzing ----------------------------------------------------------------------------------------

/** The payloads mutations start from: each fixture builder's, and real ones. */
const FUZZ_BASES: Array<[string, Kind, Json]> = [
  ['rowPayload()', 'row', rowPayload()],
  [
    'rowPayload() over TINY_PNG',
    'row',
    rowPayload(smallRow(), {
      image: { mimeType: 'image/png', data: TINY_PNG, width: 1, height: 1 }
    })
  ],
  ['rcaPayload()', 'rca', rcaPayload()],
  ['landmarkPayload(3)', 'landmarks', landmarkPayload(3)],
  [
    'a CheXmask-U row (synthetic σ)',
    'row',
    rowPayload(chexmaskURow(smallRow(), 0))
  ],
  [
    'a landmark plot with σ (synthetic)',
    'landmarks',
    {
      ...landmarkPayload(2),
      rows: (landmarkPayload(2).rows as Json[]).map((row, i) => ({
        ...row,
        sigma: syntheticStd(i)
      }))
    }
  ],
  ['comparePayload()', 'compare', comparePayload()],
  ['landmarkPayloadWithRow()', 'landmarks', landmarkPayloadWithRow()],
  ['histogramPayload()', 'histogram', histogramPayload()],
  ['smallGallery()', 'gallery', smallGallery()],
  ...KINDS.flatMap(kind =>
    realPayloads(kind)
      .slice(0, 1)
      .map((p): [string, Kind, Json] => [`realPayloads(${kind})[0]`, kind, p])
  )
];

/** Mutated payloads per base (fast: each is parsed and validated once). */
const FUZZ_RUNS = 1000;
const FUZZ_SEED = 12_2024;

describe('fuzz: the schema never refuses what the parser accepts', () => {
  /** Parser and schema on one payload; `tally` counts those the parser accepts. */
  const agree = (kind: Kind, value: unknown, tally: number[]): void => {
    const data = asJson(value);
    counted('fuzzed', kind);
    if (parserRefusal(kind, data) === null) {
      tally[0]++;
      counted('fuzzed, accepted by both', kind);
      expect(schemaErrors(kind, data)).toEqual([]);
    } else if (schemaErrors(kind, data).length === 0) {
      counted('fuzzed, refused only by the parser', kind);
    }
  };

  it.each(FUZZ_BASES)('mutations of %s (%s)', (_name, kind, base) => {
    const tally = [0];
    fc.assert(
      fc.property(mutations(ALL_KEYS), changes =>
        agree(kind, mutate(base, changes), tally)
      ),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED }
    );
    // Not vacuous: some mutations keep the payload valid (a changed title, an
    // extra column, …). The histogram payload has the fewest free fields
    // (about 2% of its mutations stay valid), hence 1%.
    expect(tally[0]).toBeGreaterThan(FUZZ_RUNS / 100);
  });

  it.each(ALL_KINDS)('arbitrary JSON-ish payloads (%s)', kind => {
    const tally = [0];
    fc.assert(
      fc.property(jsonish(ALL_KEYS), value => agree(kind, value, tally)),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED }
    );
  });
});
