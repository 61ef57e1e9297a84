/**
 * The density painter: segments rasterise to the pixels they cross, counts
 * add across rows, and colour and opacity follow the counts.
 */
import { LANDMARK_COUNT } from '../../core';
import { paintContourDensity, rasterSegment } from '../density';

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
