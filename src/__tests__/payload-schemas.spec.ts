/**
 * Issue 12, payload contracts: `schema/payloads/{row,rca,landmarks,histogram,compare,gallery}.v1.json`
 * and `landmarks.v2.json` (a landmark payload is checked against its version's)
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
  rowWith
} from '../core/__tests__/malformed-rows';
import { parseComparePayload } from '../compare/payload';
import { parseHistogramPayload } from '../histogram/payload';
import { smallGallery } from '../gallery/__tests__/fixtures';
import { parseGalleryPayload } from '../gallery/payload';
import { parseLandmarkPayload } from '../landmarks/payload';
import { parseRcaPayload } from '../rca/payload';
import { parseRowPayload } from '../row/payload';
import { ALL_KEYS, jsonish } from './fuzz-arbitraries';
import { mutate, mutations } from './fuzz-mutations';
import {
  comparePayload,
  histogramPayload,
  landmarkPayload,
  landmarkPayloadV2,
  landmarkPayloadWithRow,
  rcaPayload,
  rowPayload,
  smallRow,
  TINY_PNG
} from './valid-payloads';
import { realPayloads } from './real-payloads';
import { ALL_KINDS, Json, Kind, KINDS } from './schema-case-kit';
import { INEXPRESSIBLE } from './schema-inexpressible-cases';
import { REFUSED } from './schema-refused-cases';
import { VALID } from './schema-valid-cases';

const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schema', 'payloads');

/** A schema file as written. */
function readSchema(kind: Kind, version = 1): Json {
  return JSON.parse(
    fs.readFileSync(path.join(SCHEMA_DIR, `${kind}.v${version}.json`), 'utf8')
  ) as Json;
}

/** Version 2 of the landmark payload (its rows as columns, landmarks packed). */
const LANDMARKS_V2 = readSchema('landmarks', 2);

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
ajv.addSchema(SCHEMAS.landmarks);
ajv.addSchema(LANDMARKS_V2);
const VALIDATE: Record<Kind, ValidateFunction> = {
  row: ajv.getSchema(SCHEMAS.row.$id as string) as ValidateFunction,
  rca: ajv.compile(SCHEMAS.rca),
  // A landmark payload is checked against the schema of its version.
  landmarks: ajv.compile({
    if: {
      type: 'object',
      required: ['version'],
      properties: { version: { const: 2 } }
    },
    then: { $ref: LANDMARKS_V2.$id as string },
    else: { $ref: SCHEMAS.landmarks.$id as string }
  }),
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

  it('landmarks v2: draft 2020-12 with its own URN $id', () => {
    expect(LANDMARKS_V2.$schema).toBe(
      'https://json-schema.org/draft/2020-12/schema'
    );
    expect(LANDMARKS_V2.$id).toBe(
      'urn:jupyterlab-chexmask:payload:landmarks:v2'
    );
  });
});

describe('valid payload fixtures: the parser and the schema accept them', () => {
  it.each(VALID)('%s (%s)', (_name, kind, build) => {
    const data = asJson(build());
    expect(parserRefusal(kind, data)).toBeNull();
    expect(schemaErrors(kind, data)).toEqual([]);
    counted('valid fixtures', kind);
  });
});

describe('hostile payloads the parser refuses: the schema refuses them too', () => {
  it.each(REFUSED)('%s (%s)', (_name, kind, build) => {
    const data = asJson(build());
    expect(parserRefusal(kind, data)).not.toBeNull();
    expect(schemaErrors(kind, data)).not.toEqual([]);
    counted('refused by both', kind);
  });
});

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
  ['landmarkPayloadV2(3)', 'landmarks', landmarkPayloadV2(3)],
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
