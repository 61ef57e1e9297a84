/**
 * Laying a payload out in one frame: pixels for one image size, normalised
 * otherwise; bounds that hold every point; groups in order of appearance.
 */
import { schemeTableau10 } from 'd3';
import { formatLandmarks, LandmarkPoint } from '../../core';
import {
  ALL_ROWS,
  buildLandmarkModel,
  describeFrame,
  NO_GROUP
} from '../model';
import { parseLandmarkPayload } from '../payload';
import { SHAPE_STRIDE } from '../shapes';

const POINTS: LandmarkPoint[] = Array.from({ length: 120 }, (_, k) => [
  100 + k,
  200 + k
]);

function row(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { landmarks: formatLandmarks(POINTS), ...extra };
}

function model(rows: unknown[], extra: Record<string, unknown> = {}) {
  return buildLandmarkModel(
    parseLandmarkPayload({ version: 1, rows, ...extra })
  );
}

describe('landmark model', () => {
  it('uses mask pixels when every row has one size', () => {
    const m = model([row(), row({ height: 1024, width: 1024 })]);
    expect(m.frame).toBe('pixels');
    expect(m.commonSize).toEqual({ height: 1024, width: 1024 });
    expect(m.coords[2 * 7]).toBe(107);
    expect(m.coords[SHAPE_STRIDE + 2 * 7 + 1]).toBe(207);
    expect(m.image).toEqual({ x0: -0.5, y0: -0.5, x1: 1023.5, y1: 1023.5 });
    expect(m.bounds).toEqual(m.image);
    expect(describeFrame(m)).toMatch(/^mask pixels \(1024 × 1024/);
  });

  it('normalises by image size when sizes differ', () => {
    const m = model([row({ height: 400, width: 200 }), row()]);
    expect(m.frame).toBe('normalized');
    expect(m.commonSize).toBeNull();
    expect(m.coords[0]).toBe(100 / 200);
    expect(m.coords[1]).toBe(200 / 400);
    expect(m.coords[SHAPE_STRIDE]).toBe(100 / 1024);
    expect(m.image).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(describeFrame(m)).toMatch(/normalised .* sizes differ/);
  });

  it('honours a frame the payload asks for', () => {
    expect(model([row()], { frame: 'normalized' }).coords[0]).toBe(100 / 1024);
  });

  it('widens the bounds to points outside the image', () => {
    const outside = POINTS.map(([x, y], k) =>
      k === 3 ? ([-50, 1100] as LandmarkPoint) : ([x, y] as LandmarkPoint)
    );
    const m = model([row({ landmarks: outside })]);
    expect(m.bounds.x0).toBeLessThan(-50);
    expect(m.bounds.y1).toBeGreaterThan(1100);
    expect(m.bounds.x1).toBe(1023.5);
    expect(m.bounds.y0).toBe(-0.5);
  });

  it('groups rows in order of first appearance with Tableau colours', () => {
    const m = model(
      [
        row({ dataset: 'VinDr-CXR' }),
        row({ dataset: 'CheXpert' }),
        row({ dataset: null }),
        row({ dataset: 'VinDr-CXR' })
      ],
      { groupBy: 'dataset' }
    );
    expect(m.groups.map(g => g.name)).toEqual([
      'VinDr-CXR',
      'CheXpert',
      NO_GROUP
    ]);
    expect(m.groups.map(g => g.color)).toEqual(schemeTableau10.slice(0, 3));
    expect(Array.from(m.groups[0].rows)).toEqual([0, 3]);
    expect(Array.from(m.rowGroup)).toEqual([0, 1, 2, 0]);
  });

  it('puts every row in one group when ungrouped', () => {
    const m = model([row({ dataset: 'a' }), row({ dataset: 'b' })]);
    expect(m.groups.map(g => g.name)).toEqual([ALL_ROWS]);
    expect(Array.from(m.groups[0].rows)).toEqual([0, 1]);
  });
});
