/**
 * What a many-row plot computes when groups are shown or hidden, and what
 * its vector layer is given: everything, or only the highlighted rows.
 */
import { formatLandmarks, LandmarkPoint } from '../../core';
import { buildLandmarkModel, ILandmarkModel } from '../model';
import { parseLandmarkPayload } from '../payload';
import { SHAPE_STRIDE } from '../shapes';
import { initialPlotState, shapeLayerContent } from '../state';
import { computePlotStats, OUTLIER_COUNT, outlierEntries } from '../statistics';

const COLORS = { rightLung: 'red', leftLung: 'blue', heart: 'green' };

/** A row of 120 points moved down by `dy`. */
function row(dy: number, extra: Record<string, unknown> = {}) {
  const points: LandmarkPoint[] = Array.from({ length: 120 }, (_, k) => [
    100 + k,
    200 + dy
  ]);
  return { landmarks: formatLandmarks(points), ...extra };
}

function model(
  rows: unknown[],
  extra: Record<string, unknown> = {}
): ILandmarkModel {
  return buildLandmarkModel(
    parseLandmarkPayload({ version: 1, rows, ...extra })
  );
}

describe('landmark plot statistics', () => {
  const grouped = model(
    [
      row(0, { id: 'a', dataset: 'A' }),
      row(2, { id: 'b', dataset: 'A' }),
      row(30, { id: 'c', dataset: 'B' })
    ],
    { groupBy: 'dataset' }
  );

  it('cover the visible groups only', () => {
    const all = computePlotStats(grouped, new Set());
    expect(all.spread.count).toBe(3);
    expect(all.ellipses).toHaveLength(120);
    expect(all.outliers[0].row).toBe(2);
    expect(all.groupMeans.map(g => g.name)).toEqual(['A', 'B']);
    expect(all.groupMeans[1].shape[1]).toBe(230);

    const onlyA = computePlotStats(grouped, new Set([1]));
    expect(onlyA.spread.count).toBe(2);
    expect(onlyA.spread.mean[1]).toBe(201);
    expect(onlyA.outliers.map(o => o.row).sort()).toEqual([0, 1]);
    expect(onlyA.groupMeans.map(g => g.name)).toEqual(['A']);
  });

  it('have no outliers when every group is hidden, no group means when ungrouped', () => {
    expect(computePlotStats(grouped, new Set([0, 1])).outliers).toEqual([]);
    const ungrouped = model([row(0), row(1)]);
    expect(computePlotStats(ungrouped, new Set()).groupMeans).toEqual([]);
  });

  it(`rank at most ${OUTLIER_COUNT} rows, labelled with group and colour`, () => {
    const many = model(Array.from({ length: 15 }, (_, i) => row(i)));
    const stats = computePlotStats(many, new Set());
    expect(stats.outliers).toHaveLength(OUTLIER_COUNT);
    const entries = outlierEntries(
      grouped,
      computePlotStats(grouped, new Set()).outliers
    );
    expect(entries[0]).toMatchObject({
      row: 2,
      label: 'c',
      group: 'B',
      color: grouped.groups[1].color
    });
    expect(outlierEntries(many, stats.outliers)[0].group).toBeNull();
  });
});

describe('landmark plot vector content', () => {
  it('draws one row in organ colours', () => {
    const one = model([row(0)]);
    const { content, highlighted } = shapeLayerContent(
      one,
      initialPlotState(false),
      null,
      COLORS
    );
    expect(highlighted).toBeNull();
    expect(content.single!.colors).toBe(COLORS);
    expect(content.single!.shape).toHaveLength(SHAPE_STRIDE);
    expect(Object.keys(content).sort()).toEqual(['organs', 'single']);
  });

  it('draws the layers shown and each highlighted row once, pinned first', () => {
    const m = model([row(0), row(2), row(30)]);
    const stats = computePlotStats(m, new Set());
    const state = initialPlotState(false);
    state.pinned = 2;
    state.listHover = 2;
    state.pointerRow = 0;
    const full = shapeLayerContent(m, state, stats, COLORS);
    expect(full.content.mean).toBe(stats.spread.mean);
    expect(full.content.ellipses!.axes).toBe(stats.ellipses);
    expect(full.content.groupMeans).toEqual([]);
    expect(full.highlighted).toEqual([2, 0]);
    expect(full.content.highlights!.map(hl => hl.kind)).toEqual([
      'pinned',
      'hover'
    ]);

    state.layers.mean = false;
    state.layers.ellipses = false;
    const hidden = shapeLayerContent(m, state, stats, COLORS);
    expect(hidden.content.mean).toBeNull();
    expect(hidden.content.ellipses).toBeNull();

    // Only highlights: the vector layer then redraws just them.
    const hover = shapeLayerContent(m, state, stats, COLORS, true);
    expect(Object.keys(hover.content)).toEqual(['highlights']);
  });

  it('starts with masks shown only when there are masks', () => {
    expect(initialPlotState(true).layers.masks).toBe(true);
    expect(initialPlotState(false).layers).toEqual({
      contours: true,
      mean: true,
      ellipses: true,
      groupMeans: false,
      masks: false
    });
  });
});
