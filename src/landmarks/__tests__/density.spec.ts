/**
 * The density painter: segments rasterise to the pixels they cross, counts
 * add across rows, and colour and opacity follow the counts. The fast ring
 * counter counts exactly what the checked segment rasteriser does, on the
 * 305 shared rows under many mappings and on random rings.
 */
import fc from 'fast-check';
import { LANDMARK_COUNT, ORGANS, parseRow } from '../../core';
import {
  describeWithData,
  preprocessedRecords
} from '../../core/__tests__/shared-data';
import {
  countRings,
  ITouched,
  paintContourDensity,
  rasterSegment,
  touchedCells
} from '../density';
import type { ICanvasMapping } from '../plot-area';
import { SHAPE_STRIDE } from '../shapes';

/** A fake ImageData (jest runs without a DOM here). */
function image(width: number, height: number): ImageData {
  return {
    width,
    height,
    data: new Uint8ClampedArray(width * height * 4)
  } as unknown as ImageData;
}

describe('contour density', () => {
  it('rasterises a segment to the pixels it crosses, its end excluded', () => {
    const counts = new Uint32Array(10 * 10);
    rasterSegment(counts, 10, 10, 1.5, 2.5, 5.5, 2.5);
    expect(Array.from(counts.slice(20, 30))).toEqual([
      0, 1, 1, 1, 1, 0, 0, 0, 0, 0
    ]);
    const diagonal = new Uint32Array(16);
    rasterSegment(diagonal, 4, 4, 0.5, 0.5, 3.5, 3.5);
    expect([diagonal[0], diagonal[5], diagonal[10], diagonal[15]]).toEqual([
      1, 1, 1, 0
    ]);
    const outside = new Uint32Array(16);
    rasterSegment(outside, 4, 4, -5, -5, -1, -2);
    expect(outside.every(c => c === 0)).toBe(true);
  });

  it('adds rows up and paints denser pixels more opaque in the group colour', () => {
    // Two identical rows and one shifted: a square per organ ring.
    const rows = 3;
    const coords = new Float64Array(rows * LANDMARK_COUNT * 2);
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < LANDMARK_COUNT; k++) {
        const corner = k % 4;
        const shift = r === 2 ? 10 : 0;
        coords[r * 240 + 2 * k] =
          (corner === 1 || corner === 2 ? 8 : 2) + shift + 0.5;
        coords[r * 240 + 2 * k + 1] = (corner >= 2 ? 8 : 2) + 0.5;
      }
    }
    const out = image(24, 12);
    paintContourDensity(
      out,
      coords,
      [{ rows: Int32Array.from([0, 1, 2]), color: '#ff0000' }],
      [true, true, true],
      {
        scale: 1,
        dx: 0,
        dy: 0
      }
    );
    const at = (x: number, y: number): number[] =>
      Array.from(out.data.slice((y * 24 + x) * 4, (y * 24 + x) * 4 + 4));
    const dense = at(4, 2); // on rows 0 and 1's top edge
    const sparse = at(14, 2); // on row 2's only
    expect(dense.slice(0, 3)).toEqual([255, 0, 0]);
    expect(sparse.slice(0, 3)).toEqual([255, 0, 0]);
    expect(dense[3]).toBeGreaterThan(sparse[3]);
    expect(sparse[3]).toBeGreaterThan(0);
    expect(at(5, 5)[3]).toBe(0); // inside the square: no contour
  });
});

/** The counts and touched cells (sorted) of every organ ring of `rows`, segment by segment. */
function checkedCounts(
  coords: Float64Array,
  rows: Int32Array,
  width: number,
  height: number,
  { scale, dx, dy }: ICanvasMapping
): { counts: Uint32Array; cells: number[] } {
  const counts = new Uint32Array(width * height);
  const touched: ITouched = { list: new Int32Array(4), size: 0 };
  for (const row of rows) {
    const base = row * SHAPE_STRIDE;
    for (const organ of ORGANS) {
      for (let k = organ.start; k < organ.end; k++) {
        const next = k + 1 < organ.end ? k + 1 : organ.start;
        rasterSegment(
          counts,
          width,
          height,
          scale * coords[base + 2 * k] + dx,
          scale * coords[base + 2 * k + 1] + dy,
          scale * coords[base + 2 * next] + dx,
          scale * coords[base + 2 * next + 1] + dy,
          touched
        );
      }
    }
  }
  return { counts, cells: sortedCells(touched) };
}

/** Touched cells in grid order. */
function sortedCells(touched: ITouched): number[] {
  return Array.from(touched.list.subarray(0, touched.size)).sort(
    (a, b) => a - b
  );
}

/** `countRings` both ways (touched noted as it goes, or found by a scan after) equals the checked counts. */
function expectSameAsChecked(
  coords: Float64Array,
  rows: Int32Array,
  width: number,
  height: number,
  mapping: ICanvasMapping
): void {
  const expected = checkedCounts(coords, rows, width, height, mapping);
  for (const scan of [false, true]) {
    const counts = new Uint32Array(width * height);
    const touched: ITouched = { list: new Int32Array(4), size: 0 };
    countRings(
      counts,
      width,
      height,
      coords,
      rows,
      ORGANS,
      mapping,
      scan ? null : touched
    );
    if (scan) {
      touchedCells(counts, touched);
    }
    // The first cell counted differently, if any (a typed-array `toEqual`
    // of a million cells is slow).
    expect(counts.findIndex((c, p) => c !== expected.counts[p])).toBe(-1);
    expect(sortedCells(touched)).toEqual(expected.cells);
  }
}

describe('ring counting', () => {
  it('counts random rings as the checked rasteriser, inside, across and outside the grid', () => {
    // Points in the unit square (some on 1/16ths, so on cell edges), mapped
    // onto grids that hold all of a ring, part of it or none.
    const unit = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 16 }).map(i => i / 16)
    );
    const offset = fc.oneof(
      fc.double({ min: -4, max: 4, noNaN: true }),
      fc.integer({ min: -4, max: 4 })
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(unit, {
            minLength: SHAPE_STRIDE,
            maxLength: SHAPE_STRIDE
          }),
          { minLength: 1, maxLength: 4 }
        ),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.oneof(
          fc.double({ min: 0.5, max: 48, noNaN: true }),
          fc.constant(16)
        ),
        offset,
        offset,
        (shapes, width, height, scale, dx, dy) => {
          const coords = Float64Array.from(shapes.flat());
          const rows = Int32Array.from(shapes.keys());
          expectSameAsChecked(coords, rows, width, height, { scale, dx, dy });
        }
      ),
      { numRuns: 500 }
    );
  });
});

describeWithData('ring counting on the 305 shared rows', () => {
  const shapes = preprocessedRecords().map(r => parseRow(r).landmarks!);

  it("counts them as the checked rasteriser under the plot's mappings, zoomed and panned", () => {
    expect(shapes).toHaveLength(305);
    const coords = Float64Array.from(shapes.flat(2));
    const rows = Int32Array.from(shapes.keys());
    // Unzoomed on 2×2 cells of a 640-pixel canvas, at 1:1 on integer
    // landmarks (points on cell edges, some at 0), zoomed and panned so
    // rings cross every edge, and shrunk to a few cells.
    const cases: Array<[number, number, ICanvasMapping]> = [
      [320, 320, { scale: 0.3125 / 2, dx: 0.25, dy: 0.75 }],
      [1024, 1024, { scale: 1, dx: 0, dy: 0 }],
      [300, 260, { scale: 0.9, dx: -250.5, dy: -180.25 }],
      [200, 200, { scale: 0.5, dx: -100, dy: 40 }],
      [7, 5, { scale: 0.006, dx: 0.5, dy: -0.5 }]
    ];
    for (const [width, height, mapping] of cases) {
      expectSameAsChecked(coords, rows, width, height, mapping);
    }
  });
});
