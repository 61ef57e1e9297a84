/**
 * Test helper: tables of hostile payloads and the one set of assertions
 * every case of every view must pass.
 *
 * A case renders through the view's real `renderModel` in jsdom, as an
 * update of a view already showing a good payload, and must
 * resolve (never throw, nothing thrown later in a timer), within a second,
 * leave an inert DOM, and end either with `data-state="error"` and an error
 * panel naming the field at fault, or with `data-state="painted"` (with a
 * visible warning where the case asks for one). Then the same view must
 * still render a good payload: one bad output must not break the notebook.
 */
import { smallPayload } from './valid-payloads';
import { deeplyNested } from './nesting';
import {
  activeContent,
  createView,
  disposeView,
  IRenderOutcome,
  IViewUnderTest,
  renderPayload,
  UNTYPED_ERROR,
  ViewKind
} from './view-harness';

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

/**
 * The bound on a render: a guard against hanging or unbounded work, not a
 * benchmark (the slowest case takes about 0.5 s here; the tables print the
 * times). Generous, so that a busy two-core machine cannot make it flaky.
 */
export const RENDER_BOUND_MS = 5000;

/** The longest error message a view may show (a 50 MB cell must not be quoted whole). */
export const MAX_MESSAGE_LENGTH = 1000;

/** Per-test timeout: building 50 MB payloads takes a while on two cores. */
export const CASE_TIMEOUT_MS = 60_000;

/** Assert how a hostile render ended (see the module comment). */
export function expectHandled(
  under: IViewUnderTest,
  outcome: IRenderOutcome,
  expected: HostileExpectation
): void {
  expect(outcome.rejected).toBeUndefined();
  expect(outcome.uncaught).toEqual([]);
  expect(outcome.ms).toBeLessThan(RENDER_BOUND_MS);
  expect(activeContent(under.view.node)).toBeNull();
  expect(under.options.sanitized).toEqual([]);
  // A warning may explain, but never quote a crash from inside the view.
  for (const warning of outcome.warnings) {
    expect(warning).not.toMatch(UNTYPED_ERROR);
  }
  if (expected.state === 'error') {
    expect({ state: outcome.state, field: outcome.field }).toEqual({
      state: 'error',
      field: expected.field
    });
    const message = outcome.message ?? '';
    expect(message).not.toMatch(UNTYPED_ERROR);
    expect(message.length).toBeLessThan(MAX_MESSAGE_LENGTH);
    if (expected.message) {
      expect(message).toMatch(expected.message);
    }
    return;
  }
  expect({ state: outcome.state, message: outcome.message }).toEqual({
    state: 'painted',
    message: null
  });
  for (const text of expected.text ?? []) {
    expect(outcome.text).toContain(text);
  }
  if (expected.warning) {
    expect(outcome.warnings.some(w => expected.warning!.test(w))).toBe(true);
  }
}

/** Render a good payload in the same view: it must paint. */
export async function expectRecovers(under: IViewUnderTest): Promise<void> {
  const outcome = await renderPayload(under, smallPayload(under.kind));
  expect(outcome.rejected).toBeUndefined();
  expect(outcome.uncaught).toEqual([]);
  expect({ state: outcome.state, message: outcome.message }).toEqual({
    state: 'painted',
    message: null
  });
}

/**
 * Declare one test per case. A fresh view first shows a good payload, so
 * the hostile one arrives as an update of a live output (the view then
 * compares the two), is checked, and a good payload must paint after it.
 */
export function describeHostileCases(
  kind: ViewKind,
  cases: IHostileCase[]
): void {
  describe(`${kind} view, hostile payloads`, () => {
    for (const c of cases) {
      it(
        c.name,
        async () => {
          const under = createView(kind);
          try {
            await expectRecovers(under);
            const outcome = await renderPayload(under, c.payload());
            expectHandled(under, outcome, c.expect);
            await expectRecovers(under);
          } finally {
            disposeView(under);
          }
        },
        CASE_TIMEOUT_MS
      );
    }
  });
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
 * titles that are markup or huge. `good` builds a valid payload.
 */
export function commonCases(
  good: () => Record<string, unknown>
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
      'version 2',
      withField({ version: 2 }),
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
 * A payload factory whose payload has `changes` made to the object at
 * `path` (the payload itself when empty), e.g. `['rows', 0]` for the first
 * row: each call makes a fresh payload, so cases never share one.
 */
export function changedAt(
  make: () => Record<string, unknown>,
  path: ReadonlyArray<string | number>,
  changes: Record<string, unknown>
): () => Record<string, unknown> {
  return () => {
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
