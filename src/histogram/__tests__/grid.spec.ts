/**
 * The decimal grid of histogram payloads against direct comparisons with
 * the edges: binning, snapping, nice widths, and thresholds whose kept
 * counts equal direct counts of `v ≥ t` and `v < t` for any values.
 */
import fc from 'fast-check';
import { keptAtEdge, rebinAligned } from '../../common/fine-bins';
import {
  binValues,
  drawnRange,
  edgeValue,
  formatEdge,
  latticeIndex,
  nearestEdge,
  niceFactors,
  widthChoices,
  widthFor
} from '../grid';
import { ulp } from '../../__tests__/ulp';

const exponents = fc.integer({ min: -6, max: 4 });
const values = fc.array(
  fc.double({ min: -1e5, max: 1e5, noNaN: true, noDefaultInfinity: true }),
  { minLength: 1, maxLength: 300 }
);

describe('histogram grid', () => {
  it('edges are the doubles nearest the decimals', () => {
    expect(edgeValue(700, -3)).toBe(0.7);
    expect(edgeValue(-25, -1)).toBe(-2.5);
    expect(edgeValue(3, 2)).toBe(300);
    expect(formatEdge(700, -3)).toBe('0.700');
    expect(formatEdge(3, 2)).toBe('300');
    expect(formatEdge(-1, -2)).toBe('-0.01');
  });

  it('puts every value in the bin whose edges surround it', () => {
    fc.assert(
      fc.property(values, exponents, (vs, e) => {
        for (const v of vs) {
          const k = latticeIndex(v, e);
          expect(edgeValue(k, e)).toBeLessThanOrEqual(v);
          expect(edgeValue(k + 1, e)).toBeGreaterThan(v);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('puts values on an edge, and one ulp either side, on the right side', () => {
    for (const [k, e] of [
      [700, -3],
      [5, -1],
      [-3, -2],
      [12, 0],
      [7, 3]
    ]) {
      const edge = edgeValue(k, e);
      expect(latticeIndex(edge, e)).toBe(k);
      expect(latticeIndex(ulp(edge, -1), e)).toBe(k - 1);
      expect(latticeIndex(ulp(edge, 1), e)).toBe(k);
    }
  });

  it('snaps to the nearest edge', () => {
    expect(nearestEdge(0.7004, -3)).toBe(700);
    expect(nearestEdge(0.7006, -3)).toBe(701);
    expect(nearestEdge(-0.0004, -3)).toBe(0);
    expect(nearestEdge(149, 2)).toBe(1);
  });

  it('keeps exactly the values ≥ and < a threshold on any edge', () => {
    // Ranges small enough for the grids to stay under 20,000 bins.
    const small = fc.array(
      fc.oneof(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.integer({ min: -100, max: 100 }).map(i => i / 100)
      ),
      { minLength: 1, maxLength: 300 }
    );
    fc.assert(
      fc.property(
        small,
        fc.integer({ min: -2, max: 3 }),
        fc.nat(),
        (vs, e, pick) => {
          const ks = vs.map(v => latticeIndex(v, e));
          const start = Math.min(...ks);
          const bins = Math.max(...ks) - start + 1;
          const { counts, missing, outOfRange } = binValues(vs, e, start, bins);
          expect(missing + outOfRange).toBe(0);
          const edge = start + (pick % (bins + 1));
          const t = edgeValue(edge, e);
          expect(keptAtEdge(counts, edge - start, 'above')).toBe(
            vs.filter(v => v >= t).length
          );
          expect(keptAtEdge(counts, edge - start, 'below')).toBe(
            vs.filter(v => v < t).length
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it('counts NaN and null as missing, infinities and values outside as out of range', () => {
    expect(
      binValues([0.5, NaN, null, Infinity, -Infinity, 2, 0.59], -1, 5, 1)
    ).toEqual({ counts: [2], missing: 2, outOfRange: 3 });
  });

  it('offers nice widths that cover the grid in 2 to 2,000 bins', () => {
    expect(niceFactors(100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    for (const [start, bins] of [
      [390, 211],
      [-1250, 5000],
      [0, 1],
      [7, 100_000]
    ]) {
      for (const f of widthChoices(start, bins)) {
        const { first, count } = drawnRange(start, bins, f);
        expect(first * f).toBeLessThanOrEqual(start);
        expect((first + count) * f).toBeGreaterThanOrEqual(start + bins);
        if (bins > 1) {
          expect(count).toBeGreaterThanOrEqual(2);
          expect(count).toBeLessThanOrEqual(2000);
        }
      }
    }
    // 211 fine bins of 0.001 (CTR 0.39 to 0.6): about 50 bins is 5 per bin.
    expect(widthFor(390, 211, 50)).toBe(5);
  });

  it('merges fine bins on the lattice exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: -500, max: 500 }),
        fc.constantFrom(1, 2, 5, 10, 20, 50),
        (counts, start, f) => {
          const coarse = rebinAligned(counts, f, start);
          const { first, count } = drawnRange(start, counts.length, f);
          expect(coarse.length).toBe(count);
          coarse.forEach((c, j) => {
            let direct = 0;
            counts.forEach((n, i) => {
              if (Math.floor((start + i) / f) === first + j) {
                direct += n;
              }
            });
            expect(c).toBe(direct);
          });
        }
      ),
      { numRuns: 200 }
    );
  });
});
