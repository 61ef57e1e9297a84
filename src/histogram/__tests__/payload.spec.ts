/**
 * The histogram payload: what the parser accepts and how its errors read,
 * merging the payloads of two halves of a table into that of the whole,
 * and the summaries a threshold gives, against direct counts of the values.
 */
import fc from 'fast-check';
import { formatError } from '../../__tests__/format-error';

/** The field and the problem of the format error `fn` throws. */
function refusal(fn: () => unknown): [string, string] {
  const error = formatError(fn);
  return [error.field, error.message.slice(error.field.length + 2)];
}
import { histogramOf, histogramPayload } from '../../__tests__/valid-payloads';
import { edgeValue, latticeIndex } from '../grid';
import { mergeHistograms } from '../merge';
import { IHistogramPayload, parseHistogramPayload } from '../payload';
import { initialHistogramState, snapEdge } from '../state';
import { initialEdge, summarizeGroup } from '../summary';

const AP = [0.52, 0.61, 0.5, 0.47, NaN];
const PA = [0.41, 0.45, 0.5, 0.49, 0.438, 0.39];

describe('histogram payload', () => {
  it('parses a valid payload', () => {
    const p = parseHistogramPayload(histogramPayload());
    expect(p.column).toBe('CTR');
    expect(p.by).toBe('View Position');
    expect(p.exponent).toBe(-3);
    expect(p.groups.map(g => [g.name, g.rows, g.count, g.missing])).toEqual([
      ['AP', 5, 4, 1],
      ['PA', 6, 6, 0]
    ]);
    expect(p.keep).toBe('above');
  });

  it('names the field at fault, in words', () => {
    expect(refusal(() => parseHistogramPayload({}))).toEqual([
      'version',
      'must be 1, got nothing'
    ]);
    const bad = (changes: Record<string, unknown>) =>
      refusal(() =>
        parseHistogramPayload({ ...histogramPayload(), ...changes })
      );
    expect(bad({ column: 7 })).toEqual([
      'column',
      'must be a non-empty text, got 7'
    ]);
    expect(bad({ exponent: 1.5 })).toEqual([
      'exponent',
      'must be a whole number from -300 to 300, got 1.5'
    ]);
    expect(bad({ keep: '>=' })).toEqual([
      'keep',
      'must be "above" or "below", got the text ">="'
    ]);
    const group = histogramPayload();
    (group.groups as Array<Record<string, unknown>>)[1].max = 0.9;
    expect(refusal(() => parseHistogramPayload(group))).toEqual([
      'groups[1].max',
      `is 0.9, outside the fine bins [0.39, 0.611)`
    ]);
  });

  it('starts at the payload threshold, else the median edge', () => {
    const p = parseHistogramPayload(histogramPayload());
    expect(initialHistogramState(p).edge).toBe(500);
    const none = parseHistogramPayload(histogramPayload({ threshold: null }));
    // All ten values sorted: 0.39 0.41 0.438 0.45 0.47 0.49 0.5 0.5 0.52 0.61;
    // the 5th (rank ceil(0.5 × 10)) is 0.47, in bin [0.470, 0.471).
    expect(initialEdge(none, v => snapEdge(none, v))).toBe(470);
    // Thresholds snap to the fine bins' edges, within the bins.
    expect(snapEdge(p, 0.44449)).toBe(444);
    expect(snapEdge(p, -5)).toBe(p.start);
    expect(snapEdge(p, Infinity)).toBe(p.start + p.bins);
  });
});

describe('histogram summaries', () => {
  it('keep exactly what direct counts keep, on both sides', () => {
    const p = parseHistogramPayload(histogramPayload());
    for (let edge = p.start; edge <= p.start + p.bins; edge++) {
      const t = edgeValue(edge, p.exponent);
      for (const [group, values] of [
        [p.groups[0], AP],
        [p.groups[1], PA]
      ] as const) {
        const finite = values.filter(v => !Number.isNaN(v));
        const above = summarizeGroup(p, group, edge, 'above');
        const below = summarizeGroup(p, group, edge, 'below');
        expect(above.kept).toBe(finite.filter(v => v >= t).length);
        expect(below.kept).toBe(finite.filter(v => v < t).length);
        expect(above.keptShare).toBe(above.kept / finite.length);
      }
    }
    const s = summarizeGroup(p, p.groups[1], 500, 'above');
    expect(s.mean).toBeCloseTo(PA.reduce((a, b) => a + b) / PA.length, 12);
    // Rank 3 of the 6 sorted values 0.39 0.41 0.438 0.45 0.49 0.5 is 0.438,
    // in the fine bin [0.438, 0.439), whose centre is 0.4385.
    expect(s.median).toBeCloseTo(0.4385, 12);
  });
});

/** A payload of `values` split by `group(i)`, on the grid of exponent -3 over the given range. */
function ofValues(
  values: Array<number | null>,
  group: (i: number) => string,
  grid?: { start: number; bins: number }
): IHistogramPayload {
  const groups: Record<string, Array<number | null>> = {};
  values.forEach((v, i) => (groups[group(i)] ??= []).push(v));
  return parseHistogramPayload(histogramOf(groups, -3, grid));
}

/** Groups by name, in a fixed order, with sums rounded for comparison. */
function canonical(p: IHistogramPayload) {
  const groups = [...p.groups]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(g => ({
      ...g,
      // Bins of a merged payload may extend beyond a group's values: compare on the lattice.
      counts: g.counts.map((c, i) => [p.start + i, c]).filter(([, c]) => c > 0),
      sum: Number(g.sum.toPrecision(12)),
      sumSquares: Number(g.sumSquares.toPrecision(12))
    }));
  return { ...p, start: 0, bins: 0, groups };
}

describe('merging histogram payloads', () => {
  const tables = fc.array(
    fc.oneof(
      fc.integer({ min: -2000, max: 2000 }).map(i => i / 1000),
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.constant(null),
      fc.constant(NaN)
    ),
    { minLength: 2, maxLength: 200 }
  );

  it('merges the payloads of two halves into the payload of the whole', () => {
    fc.assert(
      fc.property(tables, fc.nat(), (values, cut) => {
        const at = 1 + (cut % (values.length - 1));
        const group = (i: number) => ['AP', 'PA', 'LL'][i % 3];
        const whole = ofValues(values, group);
        const first = ofValues(values.slice(0, at), group);
        const second = ofValues(values.slice(at), i => group(i + at));
        const merged = mergeHistograms(first, second);
        expect(canonical(merged)).toEqual(canonical(whole));
        // The merged grid is the whole's.
        if (whole.groups.some(g => g.count > 0)) {
          expect([merged.start, merged.bins]).toEqual([
            whole.start,
            whole.bins
          ]);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('merges halves with the same range when values fall outside it', () => {
    const values = [0.1, 0.5, 9, -Infinity, 0.7, null, 0.2, 3];
    const grid = { start: 0, bins: 1000 };
    const group = () => 'all';
    const merged = mergeHistograms(
      ofValues(values.slice(0, 3), group, grid),
      ofValues(values.slice(3), group, grid)
    );
    expect(canonical(merged)).toEqual(canonical(ofValues(values, group, grid)));
    expect(merged.groups[0].outOfRange).toBe(3);
  });

  it('refuses parts whose bins do not line up, naming the field', () => {
    const a = ofValues([0.5], () => 'all');
    expect(refusal(() => mergeHistograms(a, { ...a, exponent: -2 }))).toEqual([
      'exponent',
      'differs between the parts (-3 and -2): their bins cannot be merged'
    ]);
    expect(
      refusal(() => mergeHistograms(a, { ...a, column: 'Heart area' }))[0]
    ).toBe('column');
    const outside = ofValues([0.5, 7], () => 'all', { start: 0, bins: 1000 });
    expect(
      refusal(() =>
        mergeHistograms(
          outside,
          ofValues([0.2], () => 'all')
        )
      )[0]
    ).toBe('start');
  });

  it('merges on the lattice: bin k of each part lands on bin k', () => {
    const a = ofValues([0.1, 0.101], () => 'g');
    const b = ofValues([0.105, -0.002], () => 'g');
    const m = mergeHistograms(a, b);
    expect(m.start).toBe(latticeIndex(-0.002, -3));
    expect(m.groups[0].counts[latticeIndex(0.1, -3) - m.start]).toBe(1);
    expect(m.groups[0].count).toBe(4);
  });
});
