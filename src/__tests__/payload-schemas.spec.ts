/**
 * Issue 12, payload contracts: `schema/payloads/{row,rca,landmarks}.v1.json`
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
import {
  CASES as MALFORMED_ROWS,
  GOOD as GOOD_4X4_ROW,
  rowWith
} from '../core/__tests__/malformed-rows';
import { parseLandmarkPayload } from '../landmarks/payload';
import { parseRcaPayload } from '../rca/payload';
import { parseRowPayload } from '../row/payload';
import { jsonish, mutate, mutations } from './fuzz-arbitraries';
import { deeplyNested } from './nesting';
import {
  landmarkPayload,
  landmarkPayloadWithRow,
  rcaPayload,
  rcaScore,
  realPayloads,
  realRows,
  rowPayload,
  smallLandmarks,
  smallPayload,
  smallRow,
  TINY_PNG
} from './valid-payloads';

type Kind = 'row' | 'rca' | 'landmarks';
type Json = Record<string, unknown>;

const KINDS: readonly Kind[] = ['row', 'rca', 'landmarks'];

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
  landmarks: readSchema('landmarks')
};

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
// The landmark schema refers to the row schema's definitions by its $id.
ajv.addSchema(SCHEMAS.row);
const VALIDATE: Record<Kind, ValidateFunction> = {
  row: ajv.getSchema(SCHEMAS.row.$id as string) as ValidateFunction,
  rca: ajv.compile(SCHEMAS.rca),
  landmarks: ajv.compile(SCHEMAS.landmarks)
};

const PARSE: Record<Kind, (data: unknown) => unknown> = {
  row: parseRowPayload,
  rca: parseRcaPayload,
  landmarks: parseLandmarkPayload
};

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

/** A copy of `object` with `changes` (an `undefined` value deletes the key). */
function withChanges(object: Json, changes: Json): Json {
  const changed = { ...object, ...changes };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete changed[key];
    }
  }
  return changed;
}

const row = (changes: Json) => () =>
  rowPayload(withChanges(smallRow(), changes));
const image = (value: unknown) => () =>
  rowPayload(smallRow(), { image: value });
const png = (changes: Json = {}) =>
  image({
    mimeType: 'image/png',
    data: TINY_PNG,
    width: 1,
    height: 1,
    ...changes
  });
const rcaTop = (changes: Json) => () => withChanges(rcaPayload(), changes);
const rcaDataset = (changes: Json) => () => {
  const payload = rcaPayload();
  const datasets = payload.datasets as Json[];
  datasets[0] = withChanges(datasets[0], changes);
  return payload;
};
const rcaMean = (changes: Json) => () => {
  const payload = rcaPayload();
  const first = (payload.datasets as Json[])[0];
  first.mean = withChanges(first.mean as Json, changes);
  return payload;
};
const rcaNamed = (names: string[]) => () => ({
  version: 1,
  bins: 10,
  datasets: names.map(name => ({
    name,
    rows: 1,
    mean: rcaScore(10, [0.8]),
    max: rcaScore(10, [0.9])
  })),
  title: null
});
const plotTop = (changes: Json) => () =>
  withChanges(landmarkPayload(), changes);
const plotRow = (changes: Json) => () => {
  const payload = landmarkPayload();
  const rows = payload.rows as Json[];
  rows[0] = withChanges(rows[0], changes);
  return payload;
};
const underlay = (changes: Json) => () =>
  landmarkPayloadWithRow(withChanges(smallRow(), changes));

const LANDMARKS = smallLandmarks();
const NUMBERS = LANDMARKS.split(',').map(Number);

// --- valid fixtures -------------------------------------------------------------------------------

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
  // What hostile-*.spec.ts expects to paint (JSON-representable ones).
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
    'a markup title',
    'landmarks',
    plotTop({ title: '<img src=x onerror=alert(1)>' })
  ],
  ['a 50 MB title', 'rca', rcaTop({ title: 'T'.repeat(50_000_000) })],
  [
    'a row with only landmarks',
    'row',
    row({ 'Left Lung': undefined, 'Right Lung': undefined, Heart: undefined })
  ],
  ['a row with no id column', 'row', row({ image_id: undefined })],
  [
    'unknown columns, one named <script>',
    'row',
    row({ '<script>alert(1)</script>': 'x', 'Unnamed: 0': 3 })
  ],
  ['Height and Width as 16.0', 'row', row({ Height: 16.0, Width: '16.0' })],
  [
    'Dice "NaN" text',
    'row',
    row({ 'Dice RCA (Mean)': 'NaN', 'Dice RCA (Max)': 'nan' })
  ],
  [
    'Dice missing',
    'row',
    row({ 'Dice RCA (Mean)': undefined, 'Dice RCA (Max)': null })
  ],
  [
    'Dice Mean above Max',
    'row',
    row({ 'Dice RCA (Mean)': 0.95, 'Dice RCA (Max)': 0.9 })
  ],
  [
    '50 MB of blanks as an empty mask',
    'row',
    row({ Heart: ' '.repeat(50_000_000) })
  ],
  ['a 50 MB id', 'row', row({ image_id: 'i'.repeat(50_000_000) })],
  [
    'an 8 MB RLE a 1024² mask can take',
    'row',
    row({
      Height: 1024,
      Width: 1024,
      Landmarks: undefined,
      'Left Lung': undefined,
      'Right Lung': undefined,
      Heart: ' '.repeat(8_000_000) + '1 5'
    })
  ],
  [
    'a second id column is ignored',
    'row',
    row({ id: { not: 'read' }, 'Image ID': [1] })
  ],
  [
    'raw values outside [0, 1]',
    'rca',
    rcaDataset({ values: { mean: [-3, 1.5, null], max: [] } })
  ],
  [
    'a count computed from the bins',
    'rca',
    rcaMean({ count: undefined, missing: null, outOfRange: undefined })
  ],
  [
    '64 datasets',
    'rca',
    rcaNamed(Array.from({ length: 64 }, (_, i) => `dataset ${i}`))
  ],
  [
    '100,000 bins',
    'rca',
    () => ({
      version: 1,
      bins: 100_000,
      datasets: [
        {
          name: 'fine',
          rows: 2,
          mean: rcaScore(100_000, [0.1, 0.9]),
          max: rcaScore(100_000, [0.2, 1])
        }
      ]
    })
  ],
  [
    'counts of 2⁵³ - 1 rows',
    'rca',
    () => {
      const big = Number.MAX_SAFE_INTEGER;
      const score = {
        ...rcaScore(10, []),
        counts: [big, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        count: big,
        sum: 0,
        min: 0,
        max: 0.05
      };
      return {
        version: 1,
        bins: 10,
        datasets: [{ name: 'huge', rows: big, mean: score, max: score }]
      };
    }
  ],
  [
    'a numeric id and a boolean group',
    'landmarks',
    () => ({
      ...landmarkPayload(),
      rows: (landmarkPayload().rows as Json[]).map((r, i) => ({
        ...r,
        id: 1e21 + i,
        group: i === 0
      })),
      groupBy: 'flag'
    })
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
    'coordinates far outside the image',
    'landmarks',
    plotRow({ landmarks: NUMBERS.map((_, i) => (i % 2 ? -65535 : 65535)) })
  ],
  [
    'landmarks as JSON text',
    'landmarks',
    plotRow({ landmarks: JSON.stringify(NUMBERS) })
  ],
  [
    'landmarks as numpy text',
    'landmarks',
    plotRow({ landmarks: `[[ ${NUMBERS.join('  ')}]]` })
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
  [
    'sizes null or absent',
    'landmarks',
    plotRow({ height: null, width: undefined })
  ],
  ['different sizes', 'landmarks', plotRow({ height: 32, width: 8 })],
  [
    'blanks in an underlay RLE',
    'landmarks',
    underlay({ Heart: ' '.repeat(2000) + '1 2' })
  ],
  ['underlay Dice "NaN"', 'landmarks', underlay({ 'Dice RCA (Max)': 'NaN' })]
];

describe('the payload schemas', () => {
  it.each(KINDS)(
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

/** A sample of hostile-*.spec.ts's error cases whose rule the schema states. */
const REFUSED: Case[] = [
  // Every view (hostile-cases.ts commonCases).
  ...KINDS.flatMap((kind): Case[] => {
    const good = () => smallPayload(kind);
    return [
      [`${kind}: payload null`, kind, () => null],
      [`${kind}: payload a number`, kind, () => 42],
      [`${kind}: payload a JSON string`, kind, () => JSON.stringify(good())],
      [`${kind}: payload an array`, kind, () => [good()]],
      [
        `${kind}: version missing`,
        kind,
        () => withChanges(good(), { version: undefined })
      ],
      [`${kind}: version 2`, kind, () => ({ ...good(), version: 2 })],
      [`${kind}: version 10⁹`, kind, () => ({ ...good(), version: 1e9 })],
      [`${kind}: version "1"`, kind, () => ({ ...good(), version: '1' })],
      [`${kind}: version 0.5`, kind, () => ({ ...good(), version: 0.5 })],
      [
        `${kind}: version nested 10⁵ levels`,
        kind,
        () => ({ ...good(), version: deeplyNested(100_000) })
      ],
      [`${kind}: title a number`, kind, () => ({ ...good(), title: 42 })],
      [
        `${kind}: title nested 10⁵ levels`,
        kind,
        () => ({ ...good(), title: deeplyNested(100_000) })
      ]
    ];
  }),
  // Row payloads (hostile-row.spec.ts).
  ['row missing', 'row', () => ({ version: 1, image: null })],
  ['row null', 'row', () => rowPayload(null as never)],
  ['row text', 'row', () => rowPayload('a,b,c' as never)],
  [
    'row an array of cells',
    'row',
    () => rowPayload(Object.values(smallRow()) as never)
  ],
  [
    'row nested 10⁵ levels',
    'row',
    () => rowPayload(deeplyNested(100_000, 'array') as never)
  ],
  ['a non-integer RLE token', 'row', row({ 'Left Lung': '1 2 5.5 2' })],
  ['a letter in the RLE', 'row', row({ 'Right Lung': '3 x' })],
  ['an RLE start below 1', 'row', row({ Heart: '0 2' })],
  ['a negative RLE length', 'row', row({ Heart: '1 -2' })],
  ['a zero RLE length', 'row', row({ Heart: '1 0' })],
  ['a mask that is a number', 'row', row({ Heart: 12 })],
  ['a mask that is an array', 'row', row({ Heart: ['1', '2'] })],
  ['a mask that is an object', 'row', row({ Heart: { runs: [1, 2] } })],
  ['a mask that is true', 'row', row({ Heart: true })],
  [
    'a 50 MB RLE of markup',
    'row',
    row({ Heart: '<script>'.repeat(6_250_000) })
  ],
  [
    '239 landmark numbers',
    'row',
    row({ Landmarks: LANDMARKS.replace(/,\d+$/, '') })
  ],
  ['241 landmark numbers', 'row', row({ Landmarks: LANDMARKS + ',1' })],
  [
    'a word among the landmarks',
    'row',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, 'nan') })
  ],
  [
    '"Infinity" among the landmarks',
    'row',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, 'Infinity') })
  ],
  ['landmarks that are an object', 'row', row({ Landmarks: { x: 1 } })],
  ['landmarks that are a number', 'row', row({ Landmarks: 7 })],
  [
    '"NaN" text among landmark numbers',
    'row',
    row({ Landmarks: ['NaN', ...new Array(239).fill(1)] })
  ],
  ['10⁶ landmarks as text', 'row', row({ Landmarks: '1,'.repeat(2_000_000) })],
  [
    '10⁶ landmarks as [x, y] pairs',
    'row',
    row({ Landmarks: Array.from({ length: 1_000_000 }, () => [1, 2]) })
  ],
  [
    'landmarks nested 10⁵ levels',
    'row',
    row({ Landmarks: deeplyNested(100_000, 'array') })
  ],
  [
    'a 50 MB landmark string',
    'row',
    row({ Landmarks: '9'.repeat(50_000_000) })
  ],
  [
    '50 MB of landmark separators',
    'row',
    row({ Landmarks: ','.repeat(50_000_000) })
  ],
  ['Height zero', 'row', row({ Height: '0' })],
  ['Height negative', 'row', row({ Height: -4 })],
  ['Width fractional', 'row', row({ Width: '4.5' })],
  ['Width not a number', 'row', row({ Width: 'wide' })],
  ['Width true', 'row', row({ Width: true })],
  ['Width an array', 'row', row({ Width: [16] })],
  ['Height "1e3"', 'row', row({ Height: '1e3' })],
  [
    'Height×Width of 10¹⁰ (a side above 10⁸)',
    'row',
    row({ Height: 100_000, Width: 100_000_000_000 })
  ],
  [
    'neither masks nor landmarks',
    'row',
    row({
      'Left Lung': '',
      'Right Lung': null,
      Heart: undefined,
      Landmarks: ''
    })
  ],
  ['an id that is not text', 'row', row({ image_id: { a: 1 } })],
  ['Dice not a number', 'row', row({ 'Dice RCA (Mean)': 'high' })],
  ['Dice above 1', 'row', row({ 'Dice RCA (Max)': 1.5 })],
  ['Dice "Infinity"', 'row', row({ 'Dice RCA (Mean)': 'Infinity' })],
  ['Dice true', 'row', row({ 'Dice RCA (Mean)': true })],
  ['Dice an array', 'row', row({ 'Dice RCA (Mean)': [0.5] })],
  ['GIF data declared as PNG', 'row', png({ data: 'R0lGODlhAQABAAAAACw=' })],
  [
    'markup declared as PNG',
    'row',
    png({ data: btoa('<script>alert(1)</script>xx') })
  ],
  ['a PNG declared as JPEG', 'row', png({ mimeType: 'image/jpeg' })],
  [
    'an SVG with a script',
    'row',
    png({ mimeType: 'image/svg+xml', data: btoa('<svg onload="alert(1)"/>') })
  ],
  [
    'a data: URL instead of an image object',
    'row',
    image('data:image/png;base64,' + TINY_PNG)
  ],
  ['image data that is not base64', 'row', png({ data: '!!!!' })],
  ['image data missing', 'row', png({ data: undefined })],
  ['image width null (NaN through JSON)', 'row', png({ width: NaN })],
  ['image width above 16384', 'row', png({ width: 16385 })],
  [
    'image height nested 10⁵ levels',
    'row',
    png({ height: deeplyNested(100_000) })
  ],
  // RCA payloads (hostile-rca.spec.ts).
  ['bins missing', 'rca', rcaTop({ bins: undefined })],
  ['bins zero', 'rca', rcaTop({ bins: 0 })],
  ['bins negative', 'rca', rcaTop({ bins: -20 })],
  ['bins fractional', 'rca', rcaTop({ bins: 20.5 })],
  ['bins above 100,000', 'rca', rcaTop({ bins: 1e6 })],
  ['bins as text', 'rca', rcaTop({ bins: '20' })],
  ['datasets missing', 'rca', rcaTop({ datasets: undefined })],
  ['datasets empty', 'rca', rcaTop({ datasets: [] })],
  ['datasets an object', 'rca', rcaTop({ datasets: { a: 1 } })],
  ['datasets text', 'rca', rcaTop({ datasets: 'CheXpert' })],
  [
    '65 datasets',
    'rca',
    rcaNamed(Array.from({ length: 65 }, (_, i) => `d${i}`))
  ],
  [
    'datasets nested 10⁵ levels',
    'rca',
    rcaTop({ datasets: deeplyNested(100_000, 'array') })
  ],
  ['a dataset null', 'rca', rcaTop({ datasets: [null] })],
  ['a name missing', 'rca', rcaDataset({ name: undefined })],
  ['a name empty', 'rca', rcaDataset({ name: '' })],
  ['a name of blanks', 'rca', rcaDataset({ name: '  \n' })],
  ['a name a number', 'rca', rcaDataset({ name: 42 })],
  ['rows missing', 'rca', rcaDataset({ rows: undefined })],
  ['rows negative', 'rca', rcaDataset({ rows: -1 })],
  ['rows fractional', 'rca', rcaDataset({ rows: 4.5 })],
  ['rows as text', 'rca', rcaDataset({ rows: '5' })],
  ['rows 2⁶⁰', 'rca', rcaDataset({ rows: 2 ** 60 })],
  ['swapped negative', 'rca', rcaDataset({ swapped: -1 })],
  ['mean missing', 'rca', rcaDataset({ mean: undefined })],
  ['mean an array', 'rca', rcaDataset({ mean: [1, 2] })],
  ['counts missing', 'rca', rcaMean({ counts: undefined })],
  [
    'a negative count',
    'rca',
    rcaMean({ counts: new Array(20).fill(0).map((_, i) => (i === 3 ? -1 : 0)) })
  ],
  [
    'a fractional count',
    'rca',
    rcaMean({
      counts: new Array(20).fill(0).map((_, i) => (i === 3 ? 0.5 : 0))
    })
  ],
  [
    'a count as text',
    'rca',
    rcaMean({
      counts: new Array(20).fill(0).map((_, i) => (i === 3 ? '1' : 0))
    })
  ],
  [
    'a null count',
    'rca',
    rcaMean({
      counts: new Array(20).fill(0).map((_, i) => (i === 3 ? null : 0))
    })
  ],
  ['values not an object', 'rca', rcaDataset({ values: [0.5] })],
  [
    'values with "NaN" text',
    'rca',
    rcaDataset({ values: { mean: [0.5, 'NaN'], max: [] } })
  ],
  ['values without max', 'rca', rcaDataset({ values: { mean: [0.5] } })],
  [
    'more than 10⁶ raw values',
    'rca',
    rcaDataset({ values: { mean: new Array(1_000_001).fill(0.5), max: [] } })
  ],
  ['min below 0', 'rca', rcaMean({ min: -0.1 })],
  ['max above 1', 'rca', rcaMean({ max: 1.5 })],
  ['max "NaN"', 'rca', rcaMean({ max: 'NaN' })],
  ['a negative sum', 'rca', rcaMean({ sum: -1 })],
  ['a negative sum of squares', 'rca', rcaMean({ sumSquares: -2 })],
  // Landmark payloads (hostile-landmarks.spec.ts).
  ['rows missing', 'landmarks', plotTop({ rows: undefined })],
  ['rows empty', 'landmarks', plotTop({ rows: [] })],
  ['rows an object', 'landmarks', plotTop({ rows: { 0: {} } })],
  ['rows text', 'landmarks', plotTop({ rows: LANDMARKS })],
  [
    '10,001 rows',
    'landmarks',
    () => ({
      version: 1,
      rows: new Array(10_001).fill((landmarkPayload(1).rows as Json[])[0])
    })
  ],
  ['a row null', 'landmarks', plotTop({ rows: [null] })],
  ['a row an array', 'landmarks', plotTop({ rows: [NUMBERS] })],
  [
    'rows nested 10⁵ levels',
    'landmarks',
    plotTop({ rows: deeplyNested(100_000, 'array') })
  ],
  ['landmarks missing', 'landmarks', plotRow({ landmarks: undefined })],
  ['landmarks null', 'landmarks', plotRow({ landmarks: null })],
  ['landmarks empty text', 'landmarks', plotRow({ landmarks: '' })],
  ['landmarks a number', 'landmarks', plotRow({ landmarks: 4 })],
  ['landmarks an object', 'landmarks', plotRow({ landmarks: { x: [1] } })],
  [
    '239 landmark numbers',
    'landmarks',
    plotRow({ landmarks: NUMBERS.slice(1) })
  ],
  [
    '241 landmark numbers',
    'landmarks',
    plotRow({ landmarks: LANDMARKS + ',3' })
  ],
  [
    '"NaN" among the numbers',
    'landmarks',
    plotRow({ landmarks: 'NaN,' + NUMBERS.slice(1).join(',') })
  ],
  [
    '-Infinity as text',
    'landmarks',
    plotRow({ landmarks: '-Infinity,' + NUMBERS.slice(1).join(',') })
  ],
  [
    'a coordinate of 10⁶',
    'landmarks',
    plotRow({ landmarks: [1e6, ...NUMBERS.slice(1)] })
  ],
  [
    'a number as text in an array',
    'landmarks',
    plotRow({ landmarks: ['1', ...NUMBERS.slice(1)] })
  ],
  [
    'a pair of three',
    'landmarks',
    plotRow({ landmarks: [[1, 2, 3], ...new Array(119).fill([1, 1])] })
  ],
  [
    '10⁶ landmarks as text',
    'landmarks',
    plotRow({ landmarks: '1,2,'.repeat(1_000_000) })
  ],
  [
    '241 numbers in text of an allowed length',
    'landmarks',
    plotRow({ landmarks: '1,2,'.repeat(10_000) })
  ],
  [
    '10⁶ landmarks as pairs',
    'landmarks',
    plotRow({ landmarks: Array.from({ length: 1_000_000 }, () => [1, 2]) })
  ],
  [
    'a 50 MB landmark token',
    'landmarks',
    plotRow({ landmarks: '7'.repeat(50_000_000) })
  ],
  [
    'landmarks nested 10⁵ levels',
    'landmarks',
    plotRow({ landmarks: deeplyNested(100_000, 'array') })
  ],
  ['height zero', 'landmarks', plotRow({ height: 0 })],
  ['height negative', 'landmarks', plotRow({ height: -16 })],
  ['width fractional', 'landmarks', plotRow({ width: 16.5 })],
  ['width as text', 'landmarks', plotRow({ width: '16' })],
  ['height true', 'landmarks', plotRow({ height: true })],
  ['an id that is an object', 'landmarks', plotRow({ id: { id: 1 } })],
  ['a dataset that is a number', 'landmarks', plotRow({ dataset: 3 })],
  ['a group that is an object', 'landmarks', plotRow({ group: {} })],
  ['groupBy a number', 'landmarks', plotTop({ groupBy: 1 })],
  ['frame unknown', 'landmarks', plotTop({ frame: 'polar' })],
  [
    'frame a 50 MB text',
    'landmarks',
    plotTop({ frame: 'p'.repeat(50_000_000) })
  ],
  ['frame an array', 'landmarks', plotTop({ frame: ['pixels'] })],
  [
    'an underlay RLE with markup',
    'landmarks',
    underlay({ Heart: '<img src=x onerror=alert(1)>' })
  ],
  ['underlay Dice above 1', 'landmarks', underlay({ 'Dice RCA (Mean)': 1.5 })],
  ['underlay Dice negative', 'landmarks', underlay({ 'Dice RCA (Max)': -0.2 })],
  [
    'underlay Dice as a word',
    'landmarks',
    underlay({ 'Dice RCA (Max)': 'good' })
  ],
  [
    'an underlay in a plot of two rows',
    'landmarks',
    () => ({
      version: 1,
      rows: [
        { landmarks: LANDMARKS, row: smallRow() },
        { landmarks: LANDMARKS }
      ]
    })
  ],
  [
    'an underlay row that is text',
    'landmarks',
    () => ({ version: 1, rows: [{ landmarks: LANDMARKS, row: 'Heart,1 1' }] })
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
 */
const INEXPRESSIBLE: Case[] = [
  ['an odd count of RLE numbers', 'row', row({ Heart: '1 2 5' })],
  ['decreasing runs', 'row', row({ Heart: '5 1 2 1' })],
  ['overlapping runs', 'row', row({ Heart: '1 3 3 1' })],
  ['a run past Height×Width', 'row', row({ Heart: '250 10' })],
  [
    'a 50 MB RLE number for a 16×16 mask',
    'row',
    row({ Heart: '7'.repeat(50_000_000) })
  ],
  ['Height×Width of 10¹⁰', 'row', row({ Height: 100_000, Width: 100_000 })],
  [
    'Height×Width of 10¹⁰ as text',
    'row',
    row({ Height: '10000000000', Width: '1' })
  ],
  ['Dice negative as text', 'row', row({ 'Dice RCA (Max)': '-0.1' })],
  ['Dice "1e400" (infinite)', 'row', row({ 'Dice RCA (Mean)': '1e400' })],
  [
    'a landmark beyond ±65535 as text',
    'row',
    row({ Landmarks: LANDMARKS.replace(/^\d+/, '1000000') })
  ],
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
  ['a repeated dataset name', 'rca', rcaNamed(['A', 'B', 'A'])],
  ['rows that contradict the bins', 'rca', rcaDataset({ rows: 1000 })],
  ['more swapped rows than rows', 'rca', rcaDataset({ swapped: 6 })],
  ['counts too short', 'rca', rcaMean({ counts: [1, 2] })],
  ['count that is not the sum of the bins', 'rca', rcaMean({ count: 4 })],
  ['min above max', 'rca', rcaMean({ min: 0.95, max: 0.9 })],
  ['a sum giving a mean above 1', 'rca', rcaMean({ sum: 50 })],
  [
    'height × width of 10¹⁰',
    'landmarks',
    plotRow({ height: 100_000, width: 100_000 })
  ],
  [
    'a coordinate of 1e308 as text',
    'landmarks',
    plotRow({ landmarks: '1e308,' + NUMBERS.slice(1).join(',') })
  ],
  [
    '65 groups',
    'landmarks',
    () => ({
      version: 1,
      groupBy: 'site',
      rows: Array.from({ length: 65 }, (_, i) => ({
        ...(landmarkPayload(1).rows as Json[])[0],
        group: `g${i}`
      }))
    })
  ],
  [
    'an underlay of another size',
    'landmarks',
    () => ({
      version: 1,
      rows: [{ landmarks: LANDMARKS, height: 32, width: 32, row: smallRow() }]
    })
  ],
  ['an underlay RLE past the mask', 'landmarks', underlay({ Heart: '250 10' })]
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
  'Dice negative' // "-0.1": a Dice score as text outside [0, 1]
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

/** Field and column names for arbitrary objects' keys (as fuzz-views.spec.ts uses). */
const KEYS: readonly string[] = [
  'version',
  'row',
  'image',
  'title',
  'mimeType',
  'data',
  'width',
  'height',
  'Path',
  'Image Index',
  'ImageID',
  'image_id',
  'id',
  'Dice RCA (Mean)',
  'Dice RCA (Max)',
  'Landmarks',
  'Right Lung',
  'Left Lung',
  'Heart',
  'Height',
  'Width',
  'bins',
  'datasets',
  'name',
  'rows',
  'swapped',
  'mean',
  'max',
  'values',
  'counts',
  'missing',
  'outOfRange',
  'count',
  'sum',
  'sumSquares',
  'min',
  'groupBy',
  'frame',
  'dataset',
  'group',
  'landmarks'
];

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
  ['landmarkPayloadWithRow()', 'landmarks', landmarkPayloadWithRow()],
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
      fc.property(mutations(KEYS), changes =>
        agree(kind, mutate(base, changes), tally)
      ),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED }
    );
    // Not vacuous: some mutations keep the payload valid (a changed title, an extra column, …).
    expect(tally[0]).toBeGreaterThan(FUZZ_RUNS / 50);
  });

  it.each(KINDS)('arbitrary JSON-ish payloads (%s)', kind => {
    const tally = [0];
    fc.assert(
      fc.property(jsonish(KEYS), value => agree(kind, value, tally)),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED }
    );
  });
});
