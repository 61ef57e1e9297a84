/**
 * What the landmark plot says under the pointer: the readout texts and the
 * order in which hit-testing looks (mean shape, highlighted rows, the grid).
 */
import { formatLandmarks, LandmarkPoint } from '../../core';
import { hitTest, IHitTestContext, nearestInShape } from '../hover';
import {
  describePlot,
  landmarkText,
  meanPointText,
  plotCaption,
  positionText,
  rowLabel,
  rowPointText
} from '../labels';
import { buildLandmarkModel, ILandmarkModel } from '../model';
import { parseLandmarkPayload } from '../payload';
import { initialPlotState } from '../state';
import { computePlotStats } from '../statistics';
import { PointGrid } from '../point-grid';
import { SHAPE_STRIDE } from '../shapes';

/** 120 points 5 px apart along a line, moved by (dx, dy). */
function points(dx = 0, dy = 0): LandmarkPoint[] {
  return Array.from({ length: 120 }, (_, k) => [100 + 5 * k + dx, 200 + dy]);
}

function model(
  rows: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {}
): ILandmarkModel {
  return buildLandmarkModel(
    parseLandmarkPayload({
      version: 1,
      rows: rows.map(r => ({ landmarks: formatLandmarks(points()), ...r })),
      ...extra
    })
  );
}

function context(m: ILandmarkModel): IHitTestContext {
  return {
    model: m,
    state: initialPlotState(false),
    stats: m.rows.length === 1 ? null : computePlotStats(m, new Set()),
    grid: () => new PointGrid(m.coords, m.bounds)
  };
}

describe('landmark plot labels', () => {
  it('name a landmark by organ and index within the organ', () => {
    expect(landmarkText(0)).toBe('landmark 0 · Right lung #0');
    expect(landmarkText(57)).toBe('landmark 57 · Left lung #13');
    expect(landmarkText(119)).toBe('landmark 119 · Heart #25');
  });

  it('give the position with the digits of the frame', () => {
    expect(positionText(model([{}]), 12.34, 5.6)).toBe('x 12, y 6');
    expect(
      positionText(model([{}], { frame: 'normalized' }), 0.12345, 0.5)
    ).toBe('x 0.123, y 0.500');
  });

  it('name rows by id, else by position', () => {
    const m = model([{ id: 'a.png' }, {}]);
    expect(rowLabel(m, 0)).toBe('a.png');
    expect(rowLabel(m, 1)).toBe('row 1');
  });

  it("give a row's point with its group, and frame coordinates when normalised", () => {
    const m = model(
      [
        { id: 'a.png', dataset: 'CheXpert', height: 400, width: 200 },
        { id: 'b.png', dataset: 'JSRT' }
      ],
      { groupBy: 'dataset' }
    );
    expect(rowPointText(m, 0, 57)).toBe(
      'a.png (CheXpert) · landmark 57 · Left lung #13 · x 385, y 200 (1.925, 0.500)'
    );
    const pixels = model([{ id: 'a.png' }, {}]);
    expect(rowPointText(pixels, 1, 0)).toBe(
      'row 1 · landmark 0 · Right lung #0 · x 100, y 200'
    );
  });

  it('give a mean point with its one-standard-deviation ellipse', () => {
    const m = model([{}, { landmarks: formatLandmarks(points(0, 20)) }]);
    const stats = computePlotStats(m, new Set());
    // y 200 and 220: a sample standard deviation of √200 along y.
    expect(meanPointText(m, stats.spread, stats.ellipses, 1)).toBe(
      'mean of 2 rows · landmark 1 · Right lung #1 · x 105.0, y 210.0 · ' +
        '1σ 14.1 × 0.0 px at 90°'
    );
  });

  it('caption one row and many', () => {
    const one = model([{ id: 'a.png', dataset: 'JSRT' }]);
    expect(plotCaption(one)).toMatch(
      /^a\.png · JSRT · 1024×1024 px mask · 120 landmarks in mask pixels/
    );
    expect(describePlot(one)).toMatch(/^Landmarks of a\.png: /);
    const many = model([{ dataset: 'a' }, { dataset: 'b' }], {
      groupBy: 'dataset'
    });
    expect(plotCaption(many)).toMatch(
      /^2 rows in 2 groups by dataset · frame: mask pixels .* · bold: mean shape; ellipses: one standard deviation per landmark$/
    );
    expect(describePlot(many)).toMatch(/^Landmark contours of 2 rows /);
  });
});

describe('landmark hit-testing', () => {
  it('finds the nearest shown landmark within the radius, the first of equals', () => {
    const coords = Float64Array.from(points().flat());
    const all = new Uint8Array(120).fill(1);
    expect(nearestInShape(coords, 0, 111, 200, 3, all)).toBe(2);
    expect(nearestInShape(coords, 0, 112.5, 200, 3, all)).toBe(2);
    expect(nearestInShape(coords, 0, 112.5, 210, 3, all)).toBeNull();
    const noSecond = all.slice();
    noSecond[2] = 0;
    expect(nearestInShape(coords, 0, 111, 200, 3, noSecond)).toBeNull();
  });

  it('reads a one-row plot point in the cell coordinates', () => {
    const m = model([{}]);
    const hit = hitTest(context(m), 110.5, 200.5, 3);
    expect(hit).toEqual({
      text: 'landmark 2 · Right lung #2 · x 110, y 200',
      marker: [110, 200],
      row: null
    });
    expect(hitTest(context(m), 0, 0, 3)).toEqual({
      text: 'x 0, y 0',
      marker: null,
      row: null
    });
  });

  it('looks at the mean shape first, unless the mean is hidden', () => {
    const m = model([{}, { landmarks: formatLandmarks(points(0, 4)) }]);
    const c = context(m);
    expect(hitTest(c, 110, 201.5, 3).text).toMatch(/^mean of 2 rows/);
    expect(hitTest(c, 110, 201.5, 3).row).toBeNull();
    c.state.layers.mean = false;
    const hit = hitTest(c, 110, 201.5, 3);
    expect(hit.row).toBe(0);
    expect(hit.marker).toEqual([110, 200]);
  });

  it('prefers the pinned row, then the grid over visible rows', () => {
    const m = model(
      [
        { group: 'a' },
        { group: 'b', landmarks: formatLandmarks(points(0, 2)) },
        { group: 'b', landmarks: formatLandmarks(points(0, 40)) }
      ],
      { groupBy: 'g' }
    );
    const c = context(m);
    c.state.layers.mean = false;
    expect(hitTest(c, 110, 200.5, 3).row).toBe(0);
    c.state.pinned = 1;
    expect(hitTest(c, 110, 200.5, 3).row).toBe(1);
    c.state.pinned = null;
    // Row 0's group hidden: its points cannot be hovered.
    c.state.hiddenGroups.add(0);
    expect(hitTest(c, 110, 200.5, 3).row).toBe(1);
    const hit = hitTest(c, 110, 240, 3);
    expect(hit.row).toBe(2);
    expect(hit.marker).toEqual([110, m.coords[2 * SHAPE_STRIDE + 5]]);
  });
});
