/**
 * Test helper: the one set of assertions every hostile case of every view
 * must pass (the tables are hostile-{row,rca,landmarks}-cases.ts).
 *
 * A case renders through the view's real `renderModel` in jsdom, as an
 * update of a view already showing a good payload, and must resolve (never
 * throw, nothing thrown later in a timer) within the bound below, leave an
 * inert DOM, and end either with `data-state="error"` and an error panel
 * naming the field at fault, or with `data-state="painted"` (with a visible
 * warning where the case asks for one). Then the same view must still
 * render a good payload: one bad output must not break the notebook.
 */
import { HostileExpectation, IHostileCase } from './hostile-cases';
import { smallPayload } from './valid-payloads';
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
