/**
 * RCA binning, re-binning and statistics against d3.bin and direct counts on
 * raw values.
 */
import * as d3 from 'd3';
import fc from 'fast-check';
import {
  binIndex,
  binValues,
  keptAtThreshold,
  quantileBin,
  rebin,
  rebinFactors,
  snapToEdge
} from '../bins';
import { parseRcaPayload } from '../payload';
import { summarize } from '../summary';
import { ulp } from '../../__tests__/ulp';

const values = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
  minLength: 1,
  maxLength: 400
});

describe('RCA bins', () => {
  it('bins exactly like d3.bin with the same thresholds', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(10, 20, 100, 1000), (vs, bins) => {
        const ours = binValues(vs, bins);
        const edges = d3.range(1, bins).map(i => i / bins);
        const theirs = d3
          .bin()
          .domain([0, 1])
          .thresholds(edges)(vs)
          .map(b => b.length);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 }
    );
  });

  it('puts edge values where a threshold on the edge keeps them', () => {
    expect(binIndex(0, 1000)).toBe(0);
    expect(binIndex(1, 1000)).toBe(999);
    expect(binIndex(0.7, 1000)).toBe(700);
    // 1.0 shares the last bin: the threshold stops at its lower edge, where
    // the kept count is still exact.
    expect(snapToEdge(1, 1000)).toBe(0.999);
    expect(keptAtThreshold(binValues([1, 0], 1000), snapToEdge(1, 1000))).toBe(
      1
    );
    expect(binIndex(ulp(0.7, -1), 1000)).toBe(699);
    for (const t of [0.7, 0.8, 0.123, 0.999]) {
      for (const v of [t, ulp(t, -1), ulp(t, 1)]) {
        const counts = binValues([v], 1000);
        expect(keptAtThreshold(counts, t)).toBe(v >= t ? 1 : 0);
      }
    }
  });

  it('re-bins exactly: merged counts equal binning the values at the coarser width', () => {
    fc.assert(
      fc.property(
        values,
        fc.constantFrom(...rebinFactors(1000)),
        (vs, factor) => {
          expect(rebin(binValues(vs, 1000), factor)).toEqual(
            binValues(vs, 1000 / factor)
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it('counts kept values at any fine-bin edge exactly as a direct count', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 1000 }), (vs, k) => {
        const t = snapToEdge(k / 1000, 1000);
        expect(keptAtThreshold(binValues(vs, 1000), t)).toBe(
          vs.filter(v => v >= t).length
        );
      }),
      { numRuns: 500 }
    );
  });

  it('finds the bin of the median and 5th percentile that holds the direct quantile', () => {
    fc.assert(
      fc.property(values, vs => {
        const counts = binValues(vs, 1000);
        const sorted = [...vs].sort((a, b) => a - b);
        for (const q of [0.05, 0.5]) {
          const direct = sorted[Math.max(1, Math.ceil(q * vs.length)) - 1];
          const bin = quantileBin(counts, q)!;
          expect(binIndex(direct, 1000) / 1000).toBe(bin.low);
          expect(d3.quantileSorted(sorted, q)! + 1e-3).toBeGreaterThanOrEqual(
            bin.low - 1e-3
          );
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe('RCA payload and summary', () => {
  const counts = binValues([0.5, 0.75, 0.8, 0.9, 1], 100);
  const histogram = {
    counts,
    missing: 1,
    outOfRange: 0,
    count: 5,
    sum: 3.95,
    sumSquares: 3.2,
    min: 0.5,
    max: 1
  };
  const payload = {
    version: 1,
    bins: 100,
    datasets: [
      { name: 'A', rows: 6, swapped: 1, mean: histogram, max: histogram }
    ]
  };

  it('summarises at a threshold', () => {
    const parsed = parseRcaPayload(payload);
    const s = summarize(parsed.datasets[0], 'mean', 0.8);
    expect(s).toMatchObject({
      name: 'A',
      rows: 6,
      missing: 1,
      kept: 3,
      swapped: 1
    });
    expect(s.keptShare).toBeCloseTo(0.6);
    expect(s.mean).toBeCloseTo(0.79);
    expect(s.median).toBeCloseTo(0.805);
  });

  it.each([
    [{ ...payload, version: 2 }, 'version', /newer than this extension/],
    [{ ...payload, bins: 0 }, 'bins', /whole number/],
    [{ ...payload, datasets: [] }, 'datasets', /non-empty/],
    [
      { ...payload, datasets: [{ ...payload.datasets[0], name: '' }] },
      'datasets[0].name',
      /non-empty/
    ],
    [
      {
        ...payload,
        datasets: [
          { ...payload.datasets[0], mean: { ...histogram, counts: [1] } }
        ]
      },
      'datasets[0].mean.counts',
      /100 counts/
    ],
    [
      {
        ...payload,
        datasets: [{ ...payload.datasets[0], mean: { ...histogram, count: 9 } }]
      },
      'datasets[0].mean.count',
      /bins hold 5/
    ],
    [
      {
        ...payload,
        datasets: [
          {
            ...payload.datasets[0],
            max: { ...histogram, counts: counts.map(() => -1) }
          }
        ]
      },
      'datasets[0].max.counts[0]',
      /whole number/
    ]
  ])(
    'rejects a malformed payload with the field (%#)',
    (bad, field, message) => {
      expect(() => parseRcaPayload(bad)).toThrow(message);
      try {
        parseRcaPayload(bad);
      } catch (error) {
        expect((error as { field: string }).field).toBe(field);
      }
    }
  );
});
