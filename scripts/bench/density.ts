/**
 * `npm run bench:density`: how fast the landmark plot counts the contour
 * density of 10,000 rows (the plot's first draw, as the worker does it),
 * against counting segment by segment with the checked `rasterSegment`, in
 * the same run. The rows are the shared preprocessed rows resampled to
 * 10,000 with ±4 px of noise, as the 10,000-row Galata spec builds them.
 *
 * It is a script, not a test: only ratios of this run mean anything on the
 * shared machine, and a speed MISS is printed, not failed; counts or touched
 * cells that differ from the checked reference exit non-zero.
 */
import * as path from 'path';
import { LANDMARK_COUNT, ORGANS, parseRow } from '../../src/core';
import {
  countRings,
  ITouched,
  paintContourDensity,
  rasterSegment,
  touchedCells
} from '../../src/landmarks/density';
import { buildLandmarkModel, ILandmarkModel } from '../../src/landmarks/model';
import type { IParsedLandmarkRow } from '../../src/landmarks/payload';
import {
  deviceMapping,
  firstContourCanvas,
  ICanvasMapping
} from '../../src/landmarks/plot-area';
import { SHAPE_STRIDE } from '../../src/landmarks/shapes';
import { preprocessedRecords, sharedDataDir } from './data';
import { median } from './timing';
import { seededRandom } from '../seeded-random';

const repoRoot = path.resolve(__dirname, '../../../..');
const passes = Number(process.env.BENCH_PASSES ?? 9);
const ROWS = 10000;

/** 10,000 rows drawn from the shared ones, their landmarks moved by rounded N(0, 4) noise. */
function benchRows(): IParsedLandmarkRow[] {
  const shared = preprocessedRecords(sharedDataDir(repoRoot))
    .map(r => parseRow(r))
    .filter(r => r.landmarks);
  const random = seededRandom(0);
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: ROWS }, () => {
    const row = shared[Math.floor(random() * shared.length)];
    const coords = new Float64Array(2 * LANDMARK_COUNT);
    row.landmarks!.forEach(([x, y], k) => {
      coords[2 * k] = Math.round(x + 4 * normal());
      coords[2 * k + 1] = Math.round(y + 4 * normal());
    });
    return {
      id: row.id,
      dataset: row.dataset,
      group: row.dataset,
      height: row.height,
      width: row.width,
      coords,
      sigma: null,
      meanSigma: null,
      row: null
    } as IParsedLandmarkRow;
  });
}

/** The grid the first draw counts on: 2×2 canvas pixels a cell past 2,000 rows. */
interface IGrid {
  width: number;
  height: number;
  mapping: ICanvasMapping;
}

/** The reference: every segment through the checked `rasterSegment`, as the painter did. */
function countChecked(
  model: ILandmarkModel,
  grid: IGrid,
  counts: Uint32Array,
  touched: ITouched
): void {
  const { scale, dx, dy } = grid.mapping;
  const { coords } = model;
  for (const group of model.groups) {
    for (let i = 0; i < group.rows.length; i++) {
      const base = group.rows[i] * SHAPE_STRIDE;
      for (const organ of ORGANS) {
        for (let k = organ.start; k < organ.end; k++) {
          const next = k + 1 < organ.end ? k + 1 : organ.start;
          rasterSegment(
            counts,
            grid.width,
            grid.height,
            scale * coords[base + 2 * k] + dx,
            scale * coords[base + 2 * k + 1] + dy,
            scale * coords[base + 2 * next] + dx,
            scale * coords[base + 2 * next + 1] + dy,
            touched
          );
        }
      }
    }
  }
}

/**
 * The same counts through `countRings`, the touched cells found by a scan
 * after, as the painter does for a dense group (here all groups add up in
 * one grid, as in the reference).
 */
function countFast(
  model: ILandmarkModel,
  grid: IGrid,
  counts: Uint32Array,
  touched: ITouched
): void {
  for (const group of model.groups) {
    countRings(
      counts,
      grid.width,
      grid.height,
      model.coords,
      group.rows,
      ORGANS,
      grid.mapping,
      null
    );
  }
  touchedCells(counts, touched);
}

function main(): number {
  const model = buildLandmarkModel({
    rows: benchRows(),
    groupBy: 'dataset',
    frame: null,
    title: null
  });
  const canvas = firstContourCanvas(model.bounds, 1);
  const mapping = deviceMapping(canvas.mapping, 1);
  const grid: IGrid = {
    width: Math.ceil(canvas.width / 2),
    height: Math.ceil(canvas.height / 2),
    mapping: {
      scale: mapping.scale / 2,
      dx: mapping.dx / 2,
      dy: mapping.dy / 2
    }
  };
  const total = grid.width * grid.height;
  const run = (count: typeof countFast) => {
    const counts = new Uint32Array(total);
    const touched: ITouched = { list: new Int32Array(1024), size: 0 };
    const started = performance.now();
    count(model, grid, counts, touched);
    return { ms: performance.now() - started, counts, touched };
  };
  const image = () =>
    ({
      width: canvas.width,
      height: canvas.height,
      data: new Uint8ClampedArray(canvas.width * canvas.height * 4)
    }) as unknown as ImageData;

  // The worker's case: its first plot paints with code never run before.
  const coldStarted = performance.now();
  paintContourDensity(
    image(),
    model.coords,
    model.groups,
    [true, true, true],
    mapping
  );
  const cold = performance.now() - coldStarted;

  const checked: number[] = [];
  const fast: number[] = [];
  const paint: number[] = [];
  let same = true;
  let steps = 0;
  for (let p = -1; p < passes; p++) {
    const a = run(countChecked);
    const b = run(countFast);
    const out = image();
    const started = performance.now();
    paintContourDensity(
      out,
      model.coords,
      model.groups,
      [true, true, true],
      mapping
    );
    const painted = performance.now() - started;
    if (p < 0) {
      steps = a.counts.reduce((n, c) => n + c, 0);
      // The same cells touched, in any order (each cell is painted on its own).
      const cells = (t: ITouched) => t.list.slice(0, t.size).sort();
      const [ta, tb] = [cells(a.touched), cells(b.touched)];
      same =
        ta.length === tb.length &&
        ta.every((c, i) => c === tb[i]) &&
        a.counts.every((c, i) => c === b.counts[i]);
      continue;
    }
    checked.push(a.ms);
    fast.push(b.ms);
    paint.push(painted);
  }
  const m = {
    checked: median(checked),
    fast: median(fast),
    paint: median(paint)
  };
  console.log(
    `contour density of ${ROWS} rows in ${model.groups.length} groups on a ${grid.width}×${grid.height} grid ` +
      `(${canvas.width}×${canvas.height} canvas), ${(steps / 1e6).toFixed(1)}M steps counted; medians of ${passes} passes:`
  );
  console.log(
    `  counting, checked segment by segment  ${m.checked.toFixed(1).padStart(7)} ms`
  );
  console.log(
    `  counting, countRings                  ${m.fast.toFixed(1).padStart(7)} ms  ` +
      `(${(m.fast / m.checked).toFixed(2)}× the checked; ${((1e6 * m.fast) / steps).toFixed(2)} ns a step)`
  );
  console.log(
    `  paintContourDensity (all of it)       ${m.paint.toFixed(1).padStart(7)} ms  (${(m.paint / m.checked).toFixed(2)}× the checked counting)`
  );
  console.log(
    `  paintContourDensity, first call (cold) ${cold.toFixed(1).padStart(7)} ms  (${(cold / m.paint).toFixed(2)}× warm)`
  );
  console.log(
    `  goal: countRings ≤ 0.7× the checked: ${m.fast <= 0.7 * m.checked ? 'MET' : 'MISS'}`
  );
  if (!same) {
    console.error(
      'countRings counted other cells than the checked rasterSegment'
    );
    return 1;
  }
  console.log('  counts and touched cells identical to the checked reference');
  return 0;
}

if (require.main === module) {
  process.exitCode = main();
}
