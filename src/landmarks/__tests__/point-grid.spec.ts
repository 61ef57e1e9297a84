/**
 * The hover grid against a brute-force scan of every point, with row and
 * organ filters, and its cost at 10,000 rows.
 */
import fc from 'fast-check';
import { IFrameBox } from '../model';
import { IPointFilter, PointGrid, pointGridIndex } from '../point-grid';
import { SHAPE_STRIDE } from '../shapes';

/** The nearest allowed point by scanning all of them. */
function bruteNearest(
  coords: Float64Array,
  x: number,
  y: number,
  radius: number,
  filter: IPointFilter
): { row: number; landmark: number; distance: number } | null {
  let best = -1;
  let bestD2 = Infinity;
  for (let p = 0; p < coords.length / 2; p++) {
    if (!filter.rows[Math.floor(p / 120)] || !filter.landmarks[p % 120]) {
      continue;
    }
    // Within the radius means a squared distance ≤ radius², as in the grid
    // (Math.hypot can round a point on the circle to the other side).
    const d2 = (coords[2 * p] - x) ** 2 + (coords[2 * p + 1] - y) ** 2;
    if (d2 <= radius * radius && d2 < bestD2) {
      best = p;
      bestD2 = d2;
    }
  }
  return best < 0
    ? null
    : {
        row: Math.floor(best / 120),
        landmark: best % 120,
        distance: Math.sqrt(bestD2)
      };
}

const BOUNDS: IFrameBox = { x0: -0.5, y0: -0.5, x1: 99.5, y1: 59.5 };

describe('point grid', () => {
  it('finds what a scan of every point finds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -20, max: 120, noNaN: true }),
            fc.double({ min: -20, max: 80, noNaN: true }),
            fc.double({ min: 0.1, max: 30, noNaN: true })
          ),
          { minLength: 1, maxLength: 20 }
        ),
        fc.integer({ min: 2, max: 64 }),
        (rows, seed, queries, cells) => {
          // Integer coordinates (as in CheXmask) make exact ties common.
          let s = seed;
          const random = (): number => {
            s = (s * 1103515245 + 12345) % 2 ** 31;
            return s / 2 ** 31;
          };
          const coords = new Float64Array(rows * SHAPE_STRIDE).map((_, i) =>
            Math.round(i % 2 ? -5 + random() * 70 : -5 + random() * 110)
          );
          const filter: IPointFilter = {
            rows: new Uint8Array(rows).map(() => (random() < 0.8 ? 1 : 0)),
            landmarks: new Uint8Array(120).map(() => (random() < 0.7 ? 1 : 0))
          };
          const grid = new PointGrid(coords, BOUNDS, cells);
          // Its index built apart (as the worker does) answers the same.
          const fromIndex = new PointGrid(
            coords,
            pointGridIndex(coords, BOUNDS, cells)
          );
          for (const [x, y, r] of queries) {
            const found = grid.nearest(x, y, r, filter);
            expect(fromIndex.nearest(x, y, r, filter)).toEqual(found);
            const expected = bruteNearest(coords, x, y, r, filter);
            expect(found === null).toBe(expected === null);
            if (found && expected) {
              expect(found.distance).toBeCloseTo(expected.distance, 12);
              // Equal distances: the earliest point wins in both.
              expect(found.row * 120 + found.landmark).toBe(
                expected.row * 120 + expected.landmark
              );
            }
          }
        }
      ),
      { numRuns: 150 }
    );
  });

  it('answers a hover at 10,000 rows in well under 8 ms', () => {
    const rows = 10_000;
    const coords = new Float64Array(rows * SHAPE_STRIDE);
    let s = 7;
    const random = (): number => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    // Each landmark's cloud spread over ±40 px around a ring, as in real data.
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < 120; k++) {
        const angle = (2 * Math.PI * k) / 120;
        coords[r * SHAPE_STRIDE + 2 * k] =
          512 + 300 * Math.cos(angle) + (random() - 0.5) * 80;
        coords[r * SHAPE_STRIDE + 2 * k + 1] =
          512 + 400 * Math.sin(angle) + (random() - 0.5) * 80;
      }
    }
    const bounds = { x0: -0.5, y0: -0.5, x1: 1023.5, y1: 1023.5 };
    const built = performance.now();
    const grid = new PointGrid(coords, bounds);
    const buildMs = performance.now() - built;
    const filter = {
      rows: new Uint8Array(rows).fill(1),
      landmarks: new Uint8Array(120).fill(1)
    };
    const times: number[] = [];
    for (let q = 0; q < 200; q++) {
      const angle = (2 * Math.PI * q) / 200;
      const started = performance.now();
      const found = grid.nearest(
        512 + 300 * Math.cos(angle),
        512 + 400 * Math.sin(angle),
        12.8,
        filter
      );
      times.push(performance.now() - started);
      expect(found).not.toBeNull();
    }
    times.sort((a, b) => a - b);
    const median = times[100];
    console.log(
      `point grid, 1.2 M points: built in ${buildMs.toFixed(1)} ms; hover median ${median.toFixed(3)} ms, max ${times[199].toFixed(3)} ms`
    );
    expect(median).toBeLessThan(8);
  });
});
