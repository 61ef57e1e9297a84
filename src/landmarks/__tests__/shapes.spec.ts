/**
 * Shape statistics against direct computations: means and covariances from
 * plain per-landmark loops over `[x, y]` points, ellipses by the defining
 * property of a one-standard-deviation ellipse, outliers by sorting every
 * distance. On random shapes and on the 305 real rows.
 */
import fc from 'fast-check';
import { LandmarkPoint, parseRow } from '../../core';
import {
  describeWithData,
  preprocessedRecords
} from '../../core/__tests__/shared-data';
import {
  covarianceEllipse,
  ILandmarkSpread,
  landmarkSpread,
  meanShape,
  rankOutliers,
  SHAPE_STRIDE,
  shapeDistance
} from '../shapes';

/** Flatten shapes the way the plot stores them. */
function flatten(shapes: LandmarkPoint[][]): Float64Array {
  const coords = new Float64Array(shapes.length * SHAPE_STRIDE);
  shapes.forEach((shape, r) =>
    shape.forEach(([x, y], k) => {
      coords[r * SHAPE_STRIDE + 2 * k] = x;
      coords[r * SHAPE_STRIDE + 2 * k + 1] = y;
    })
  );
  return coords;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Direct statistics of landmark k over `shapes`: means, sample (co)variances. */
function direct(shapes: LandmarkPoint[][], k: number) {
  const n = shapes.length;
  const xs = shapes.map(s => s[k][0]);
  const ys = shapes.map(s => s[k][1]);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  // E[xy] - E[x]E[y] form, scaled to the n - 1 divisor: a different formula.
  const exy = xs.reduce((a, x, i) => a + x * ys[i], 0) / n;
  const exx = xs.reduce((a, x) => a + x * x, 0) / n;
  const eyy = ys.reduce((a, y) => a + y * y, 0) / n;
  const f = n > 1 ? n / (n - 1) : 0;
  return {
    mx,
    my,
    sxx: (exx - mx * mx) * f,
    sxy: (exy - mx * my) * f,
    syy: (eyy - my * my) * f
  };
}

/**
 * Expect a spread to match the direct computation at every landmark: the
 * means to 9 digits, the covariances to `digits` (the direct formula loses
 * more to cancellation).
 */
function expectDirectSpread(
  spread: ILandmarkSpread,
  shapes: LandmarkPoint[][],
  digits: number
): void {
  for (let k = 0; k < 120; k++) {
    const d = direct(shapes, k);
    expect(spread.mean[2 * k]).toBeCloseTo(d.mx, 9);
    expect(spread.mean[2 * k + 1]).toBeCloseTo(d.my, 9);
    expect(spread.covariance[3 * k]).toBeCloseTo(d.sxx, digits);
    expect(spread.covariance[3 * k + 1]).toBeCloseTo(d.sxy, digits);
    expect(spread.covariance[3 * k + 2]).toBeCloseTo(d.syy, digits);
  }
}

const point = fc.tuple(
  fc.integer({ min: -200, max: 1300 }),
  fc.integer({ min: -200, max: 1300 })
) as fc.Arbitrary<LandmarkPoint>;
const shape = fc.array(point, { minLength: 120, maxLength: 120 });
const shapes = fc.array(shape, { minLength: 1, maxLength: 25 });

describe('mean shape and covariance', () => {
  it('match a direct computation per landmark', () => {
    fc.assert(
      fc.property(shapes, ss => {
        const spread = landmarkSpread(flatten(ss), range(ss.length));
        expect(spread.count).toBe(ss.length);
        expectDirectSpread(spread, ss, 5);
      }),
      { numRuns: 60 }
    );
  });

  it('use only the rows asked for', () => {
    const ss = [
      range(120).map(k => [k, 0] as LandmarkPoint),
      range(120).map(k => [k, 10] as LandmarkPoint),
      range(120).map(() => [1000, 1000] as LandmarkPoint)
    ];
    const mean = meanShape(flatten(ss), [0, 1]);
    expect(mean[2 * 7]).toBe(7);
    expect(mean[2 * 7 + 1]).toBe(5);
    const spread = landmarkSpread(flatten(ss), Int32Array.from([0, 1]));
    // var(y) of {0, 10} with the n - 1 divisor is 50.
    expect(spread.covariance[3 * 7 + 2]).toBe(50);
    expect(spread.covariance[3 * 7]).toBe(0);
  });

  it('are NaN for no rows and zero spread for one', () => {
    const one = flatten([range(120).map(k => [k, k] as LandmarkPoint)]);
    expect(Number.isNaN(landmarkSpread(one, []).mean[0])).toBe(true);
    const spread = landmarkSpread(one, [0]);
    expect(spread.mean[2 * 5]).toBe(5);
    expect(Array.from(spread.covariance).every(v => v === 0)).toBe(true);
  });

  it('keep precision far from the origin (two passes)', () => {
    const base = 60000;
    const ss = [0, 1, 2].map(d =>
      range(120).map(() => [base + d, base - d] as LandmarkPoint)
    );
    const spread = landmarkSpread(flatten(ss), [0, 1, 2]);
    expect(spread.covariance[0]).toBe(1);
    expect(spread.covariance[1]).toBe(-1);
    expect(spread.covariance[2]).toBe(1);
  });
});

describe('one-standard-deviation ellipse', () => {
  const covariance = fc
    .tuple(
      fc.double({ min: 0, max: 400, noNaN: true }),
      fc.double({ min: 0, max: 400, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true })
    )
    .map(([a, b, rho]) => {
      // A valid covariance from two standard deviations and a correlation.
      const sxx = a * a;
      const syy = b * b;
      return { sxx, syy, sxy: rho * a * b * 0.999 };
    });

  it('has eigenvalue axes: Σ·u = major²·u and Σ·v = minor²·v', () => {
    fc.assert(
      fc.property(covariance, ({ sxx, sxy, syy }) => {
        const e = covarianceEllipse(sxx, sxy, syy);
        const scale = Math.max(1, sxx, syy);
        const u = [Math.cos(e.angle), Math.sin(e.angle)];
        const v = [-u[1], u[0]];
        for (const [axis, l] of [
          [u, e.major ** 2],
          [v, e.minor ** 2]
        ] as const) {
          const sx = sxx * axis[0] + sxy * axis[1];
          const sy = sxy * axis[0] + syy * axis[1];
          expect(Math.abs(sx - l * axis[0]) / scale).toBeLessThan(1e-9);
          expect(Math.abs(sy - l * axis[1]) / scale).toBeLessThan(1e-9);
        }
        expect(e.major).toBeGreaterThanOrEqual(e.minor);
        expect(e.angle).toBeGreaterThan(-Math.PI / 2);
        expect(e.angle).toBeLessThanOrEqual(Math.PI / 2);
      }),
      { numRuns: 500 }
    );
  });

  it('has Mahalanobis distance 1 on its boundary', () => {
    fc.assert(
      fc.property(
        // Well conditioned (λ₂/λ₁ above about 1e-6): the check inverts Σ.
        covariance.filter(
          c =>
            c.sxx * c.syy - c.sxy * c.sxy > 1e-6 * (c.sxx + c.syy) ** 2 &&
            c.sxx + c.syy > 1e-6
        ),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        ({ sxx, sxy, syy }, phi) => {
          const e = covarianceEllipse(sxx, sxy, syy);
          const c = Math.cos(e.angle);
          const s = Math.sin(e.angle);
          const px = e.major * Math.cos(phi) * c - e.minor * Math.sin(phi) * s;
          const py = e.major * Math.cos(phi) * s + e.minor * Math.sin(phi) * c;
          const det = sxx * syy - sxy * sxy;
          const m = (syy * px * px - 2 * sxy * px * py + sxx * py * py) / det;
          expect(m).toBeCloseTo(1, 6);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('follows the y-down convention: x and y rising together tilt it clockwise', () => {
    expect(covarianceEllipse(4, 0, 1)).toEqual({
      major: 2,
      minor: 1,
      angle: 0
    });
    expect(covarianceEllipse(1, 0, 4).angle).toBeCloseTo(Math.PI / 2, 12);
    expect(covarianceEllipse(2, 1, 2).angle).toBeCloseTo(Math.PI / 4, 12);
    expect(covarianceEllipse(2, -1, 2).angle).toBeCloseTo(-Math.PI / 4, 12);
    const flat = covarianceEllipse(1, 1, 1);
    expect(flat.major).toBeCloseTo(Math.SQRT2, 12);
    expect(flat.minor).toBe(0);
  });
});

describe('distances and outliers', () => {
  it('distance is the mean Euclidean distance of the 120 points', () => {
    const mean = flatten([range(120).map(() => [0, 0] as LandmarkPoint)]);
    const row = flatten([
      range(120).map(k => (k % 2 ? [3, 4] : [0, 0]) as LandmarkPoint)
    ]);
    // Half the points 5 away, half on the mean.
    expect(shapeDistance(row, 0, mean)).toBe(2.5);
  });

  it('ranks like sorting every distance', () => {
    fc.assert(
      fc.property(
        fc.array(shape, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (ss, top) => {
          const coords = flatten(ss);
          const rows = range(ss.length);
          const mean = meanShape(coords, rows);
          const all = rows
            .map(row => {
              let sum = 0;
              ss[row].forEach(([x, y], k) => {
                sum += Math.sqrt(
                  (x - mean[2 * k]) ** 2 + (y - mean[2 * k + 1]) ** 2
                );
              });
              return { row, distance: sum / 120 };
            })
            .sort((a, b) => b.distance - a.distance || a.row - b.row);
          const ranked = rankOutliers(coords, rows, mean, top);
          expect(ranked.map(o => o.row)).toEqual(
            all.slice(0, top).map(o => o.row)
          );
          ranked.forEach((o, i) =>
            expect(o.distance).toBeCloseTo(all[i].distance, 9)
          );
        }
      ),
      { numRuns: 100 }
    );
  });

  it('breaks ties by payload order and ranks only the rows given', () => {
    const ss = [0, 5, 5, 1].map(d =>
      range(120).map(() => [d, 0] as LandmarkPoint)
    );
    const coords = flatten(ss);
    const zero = new Float64Array(SHAPE_STRIDE);
    expect(rankOutliers(coords, [0, 1, 2, 3], zero, 3).map(o => o.row)).toEqual(
      [1, 2, 3]
    );
    expect(rankOutliers(coords, [3, 2, 0], zero, 2).map(o => o.row)).toEqual([
      2, 3
    ]);
    expect(rankOutliers(coords, [0], zero, 0)).toEqual([]);
  });
});

describeWithData('shape statistics on the 305 shared rows', () => {
  const shapes: LandmarkPoint[][] = preprocessedRecords().map(
    r => parseRow(r).landmarks!
  );

  it('mean, covariance and the furthest rows match a direct computation', () => {
    expect(shapes).toHaveLength(305);
    const coords = flatten(shapes);
    const rows = range(shapes.length);
    const spread = landmarkSpread(coords, rows);
    expectDirectSpread(spread, shapes, 6);
    const distances = shapes.map((s, row) => ({
      row,
      distance:
        s.reduce(
          (sum, [x, y], k) =>
            sum +
            Math.hypot(x - spread.mean[2 * k], y - spread.mean[2 * k + 1]),
          0
        ) / 120
    }));
    distances.sort((a, b) => b.distance - a.distance);
    const ranked = rankOutliers(coords, rows, spread.mean);
    expect(ranked.map(o => o.row)).toEqual(
      distances.slice(0, 10).map(o => o.row)
    );
    // Real lungs and hearts vary by tens of pixels, not by zero or by the image.
    expect(ranked[9].distance).toBeGreaterThan(10);
    expect(ranked[0].distance).toBeLessThan(300);
  });
});
