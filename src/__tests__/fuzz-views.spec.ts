/**
 * @jest-environment jsdom
 */
/**
 * Issue 7, fuzzing: fast-check over the whole parse-and-render path of each
 * view in jsdom, with arbitrary JSON-ish payloads and with mutations of
 * valid ones (small synthetic payloads, and payloads from the real shared
 * CheXmask rows). Property: `renderModel` resolves, nothing throws later in
 * a timer, the node ends "painted" or "error", an error is a typed one (the
 * panel names a field: a ChexmaskFormatError, never a TypeError from
 * inside a view), the DOM stays inert, and the view still paints a good
 * payload afterwards.
 *
 * FUZZ_RUNS sets the total number of cases over the three views (default
 * 10,000); `npm run fuzz` runs 100,000. FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { jsonish, VIEW_KEYS } from './fuzz-arbitraries';
import { mutate, mutations } from './fuzz-mutations';
import { landmarkPayloadWithRow, smallPayload } from './valid-payloads';
import { realPayloads } from './real-payloads';
import {
  activeContent,
  createView,
  disposeView,
  IViewUnderTest,
  renderPayload,
  UNTYPED_ERROR,
  VIEW_KINDS,
  ViewKind
} from './view-harness';

/** Total cases over the three views and both generators. */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED =
  process.env.FUZZ_SEED === undefined
    ? undefined
    : Number(process.env.FUZZ_SEED);
/** Arbitrary payloads are cheap (nearly all refused): a third of each view's share. */
const ARBITRARY_SHARE = 1 / 3;
/** A good payload is rendered in the same view after every this many cases. */
const RECOVERY_EVERY = 25;

/** A generous timeout for `runs` cases (a real 1024² row paints in ~40 ms here). */
function timeoutFor(runs: number): number {
  return Math.max(120_000, runs * 100);
}

/** Valid payloads each view's mutations start from. */
function bases(kind: ViewKind): unknown[] {
  const small = [smallPayload(kind)];
  if (kind === 'landmarks') {
    small.push(landmarkPayloadWithRow());
  }
  return [...small, ...realPayloads(kind)];
}

/** What the runs saw, for the report line. */
interface ITally {
  runs: number;
  painted: number;
  error: number;
  fields: Set<string>;
}

/**
 * Render one fuzzed payload and check the property; every few cases also
 * check the view still paints a good payload.
 */
async function check(
  under: IViewUnderTest,
  payload: unknown,
  tally: ITally
): Promise<void> {
  const outcome = await renderPayload(under, payload);
  if (outcome.rejected !== undefined) {
    throw new Error(`renderModel rejected: ${String(outcome.rejected)}`);
  }
  if (outcome.uncaught.length) {
    throw new Error(`thrown in a timer: ${String(outcome.uncaught[0])}`);
  }
  if (outcome.state !== 'painted' && outcome.state !== 'error') {
    throw new Error(`ended in state ${String(outcome.state)}`);
  }
  if (outcome.state === 'error') {
    if (outcome.field === null || UNTYPED_ERROR.test(outcome.message ?? '')) {
      throw new Error(`an untyped error was shown: ${outcome.message}`);
    }
    tally.error++;
    tally.fields.add(outcome.field.replace(/\[\d+\]/g, '[i]'));
  } else {
    tally.painted++;
  }
  const crash = outcome.warnings.find(w => UNTYPED_ERROR.test(w));
  if (crash !== undefined) {
    throw new Error(`a warning quotes a crash: ${crash}`);
  }
  const active = activeContent(under.view.node);
  if (active !== null) {
    throw new Error(`active content in the view: ${active}`);
  }
  if (++tally.runs % RECOVERY_EVERY === 0) {
    const good = await renderPayload(under, smallPayload(under.kind));
    if (good.state !== 'painted' || good.rejected !== undefined) {
      throw new Error(
        `a good payload no longer paints: ${good.state} ${String(good.rejected)}`
      );
    }
  }
}

describe.each(VIEW_KINDS)('fuzzing the %s view', kind => {
  const perView = Math.ceil(TOTAL_RUNS / VIEW_KINDS.length);
  const arbitraryRuns = Math.round(perView * ARBITRARY_SHARE);
  const mutationRuns = perView - arbitraryRuns;
  const tally: ITally = { runs: 0, painted: 0, error: 0, fields: new Set() };
  let under: IViewUnderTest;

  beforeAll(() => {
    under = createView(kind);
  });

  afterAll(() => {
    disposeView(under);
    if (process.env.FUZZ_RUNS !== undefined) {
      console.info(
        `${kind}: ${tally.runs} cases, ${tally.painted} painted, ${tally.error} refused; fields named: ${[...tally.fields].sort().join(', ')}`
      );
    }
  });

  it(
    `survives ${arbitraryRuns} arbitrary JSON-ish payloads`,
    async () => {
      const keys = VIEW_KEYS[kind];
      // Mostly objects with the view's own field names, so checks past the
      // first are reached too.
      const payload = fc.oneof(
        jsonish(keys),
        fc.dictionary(fc.constantFrom(...keys), jsonish(keys), { maxKeys: 6 }),
        fc
          .record({
            version: fc.constant(1),
            fields: fc.dictionary(fc.constantFrom(...keys), jsonish(keys), {
              maxKeys: 6
            })
          })
          .map(({ version, fields }) => ({ ...fields, version }))
      );
      await fc.assert(
        fc.asyncProperty(payload, p => check(under, p, tally)),
        { numRuns: arbitraryRuns, seed: SEED }
      );
    },
    timeoutFor(arbitraryRuns)
  );

  it(
    `survives ${mutationRuns} mutations of valid payloads`,
    async () => {
      const starts = bases(kind);
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          mutations(VIEW_KEYS[kind]),
          (pick, changes) =>
            check(under, mutate(starts[pick % starts.length], changes), tally)
        ),
        { numRuns: mutationRuns, seed: SEED }
      );
    },
    timeoutFor(mutationRuns)
  );
});
