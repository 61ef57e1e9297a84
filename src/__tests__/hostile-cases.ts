/**
 * Test helper: the vocabulary of the hostile-payload tables, free of the DOM
 * so that the schema tests read the same tables: a case and how it must
 * end, the cases every view shares, markup strings, and payload factories
 * that change one place of a valid payload. The views' tables are in
 * hostile-row-cases.ts, hostile-rca-cases.ts and hostile-landmarks-cases.ts;
 * hostile-runner.ts renders them and checks how they end.
 */
import { deeplyNested } from './nesting';

/** How a hostile case must end. */
export type HostileExpectation =
  | {
      state: 'error';
      /** The field the error panel must name. */
      field: string;
      /** What the message must say, when it matters. */
      message?: RegExp;
    }
  | {
      state: 'painted';
      /** Text the view must show literally (never as markup). */
      text?: string[];
      /** A visible warning (`.jp-chexmask-warning`) the view must show. */
      warning?: RegExp;
    };

/** One row of a table. */
export interface IHostileCase {
  name: string;
  /** Built lazily: some payloads are 50 MB. */
  payload: () => unknown;
  expect: HostileExpectation;
}

/** A case that must end in the error panel naming `field`. */
export function errorCase(
  name: string,
  payload: () => unknown,
  field: string,
  message?: RegExp
): IHostileCase {
  return { name, payload, expect: { state: 'error', field, message } };
}

/** A case that must paint, showing `text` literally and any `warning`. */
export function paintedCase(
  name: string,
  payload: () => unknown,
  options: { text?: string[]; warning?: RegExp } = {}
): IHostileCase {
  return {
    name,
    payload,
    expect: { state: 'painted', text: options.text, warning: options.warning }
  };
}

/** Hostile nesting, for the views' case tables. */
export { deeplyNested };

/** Strings that would be active content if a view ever parsed text as HTML. */
export const XSS_STRINGS: readonly string[] = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  '\\3c script\\3e alert(1)\\3c /script\\3e',
  '"><svg onload=alert(1)>',
  '</div><a href="javascript:alert(1)">click</a>'
];

/**
 * The cases every view shares: payloads that are not objects, bad and
 * newer versions, unknown fields (ignored, even nested 10⁵ deep), and
 * titles that are markup or huge. `good` builds a valid payload; `newest`
 * is the newest version the view reads.
 */
export function commonCases(
  good: () => Record<string, unknown>,
  newest = 1
): IHostileCase[] {
  const withField = (extra: Record<string, unknown>) => () => ({
    ...good(),
    ...extra
  });
  return [
    errorCase('payload null', () => null, 'payload', /got null/),
    errorCase('payload absent', () => undefined, 'payload', /got nothing/),
    errorCase('payload a number', () => 42, 'payload', /got a number/),
    errorCase('payload a JSON string', () => JSON.stringify(good()), 'payload'),
    errorCase('payload an array', () => [good()], 'payload', /got an array/),
    errorCase(
      'version missing',
      withField({ version: undefined }),
      'version',
      /got nothing/
    ),
    errorCase(
      `version ${newest + 1}`,
      withField({ version: newest + 1 }),
      'version',
      /newer than this extension/
    ),
    errorCase(
      'version 10⁹',
      withField({ version: 1e9 }),
      'version',
      /newer than this extension/
    ),
    errorCase(
      'version "1" (text)',
      withField({ version: '1' }),
      'version',
      /got the text "1"/
    ),
    errorCase('version NaN', withField({ version: NaN }), 'version', /NaN/),
    errorCase(
      'version 0.5',
      withField({ version: 0.5 }),
      'version',
      /got 0\.5/
    ),
    errorCase(
      'version nested 10⁵ levels',
      withField({ version: deeplyNested(100_000) }),
      'version'
    ),
    paintedCase(
      'unknown extra fields are ignored',
      withField({
        extra: 'x',
        'version ': 2,
        onload: 'alert(1)',
        __proto__x: 1
      })
    ),
    paintedCase(
      'an unknown field nested 10⁵ levels (arrays) is ignored',
      withField({ extra: deeplyNested(100_000, 'array') })
    ),
    paintedCase(
      'an unknown field nested 10⁵ levels (objects) is ignored',
      withField({ extra: deeplyNested(100_000, 'object') })
    ),
    ...XSS_STRINGS.map(title =>
      paintedCase(`title ${title} is text`, withField({ title }), {
        text: [title]
      })
    ),
    paintedCase(
      'a 50 MB title is cut',
      withField({ title: 'T'.repeat(50_000_000) }),
      { text: ['T'.repeat(500)] }
    ),
    errorCase('title a number', withField({ title: 42 }), 'title'),
    errorCase(
      'title nested 10⁵ levels',
      withField({ title: deeplyNested(100_000) }),
      'title'
    )
  ];
}

/**
 * A copy of `object` with `changes` applied, where an `undefined` value
 * deletes the key (how the tables say "this field is missing").
 */
export function withChanges(
  object: Record<string, unknown>,
  changes: Record<string, unknown>
): Record<string, unknown> {
  const changed = { ...object, ...changes };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete changed[key];
    }
  }
  return changed;
}

/**
 * Payload factories over `make`'s payload: `changedAt(make, path)(changes)`
 * makes payloads whose object at `path` (the payload itself when empty,
 * `['rows', 0]` for the first row) has `changes`. Each call of a factory
 * makes a fresh payload, so cases never share one.
 */
export function changedAt(
  make: () => Record<string, unknown>,
  path: ReadonlyArray<string | number>
): (changes: Record<string, unknown>) => () => Record<string, unknown> {
  return changes => () => {
    const payload = make();
    if (path.length === 0) {
      return withChanges(payload, changes);
    }
    let parent = payload as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      parent = parent[key] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    parent[last] = withChanges(
      parent[last] as Record<string, unknown>,
      changes
    );
    return payload;
  };
}
