/**
 * Landmark plots in a real JupyterLab: one row's 120 points where the axes
 * say they are, the 305 shared rows in six dataset colours with the furthest
 * row from the mean (computed here from the CSVs) named first among the
 * outliers, and the figures for 10,000 rows.
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import {
  LandmarkPoint,
  organOfLandmark,
  parseCsv,
  parseRow
} from '../../src/core';
import {
  expectKernelPicture,
  mainThreadEntries,
  mainThreadReport,
  MainThreadEntry,
  observeLongFrames,
  observeMainThread,
  pageIdle,
  py,
  runInNewNotebook,
  savedViewPicture,
  scriptFile,
  SHARED_DATA,
  takeLongFrames
} from './helpers';
import {
  IProfiling,
  PROFILING,
  startProfile,
  startTrace,
  stopTrace,
  TRACING
} from './trace';

const FOLDER = path.join(SHARED_DATA, 'chexmask-preprocessed');
const FILES = fs
  .readdirSync(FOLDER)
  .filter(f => f.endsWith('.csv'))
  .sort();
const CHEXPERT = path.join(FOLDER, 'CheXpert.csv');

/** Every shared row, in the order the notebook cells read them. */
const ROWS = FILES.flatMap(f =>
  parseCsv(fs.readFileSync(path.join(FOLDER, f), 'utf8')).map(r => parseRow(r))
);

/** The landmark plot output of the page, once painted. */
async function paintedPlot(
  page: Parameters<typeof runInNewNotebook>[0],
  timeout = 30000
): Promise<Locator> {
  const view = page.locator('.jp-OutputArea-output.jp-chexmask-LandmarkView');
  await expect(view).toHaveAttribute('data-state', 'painted', { timeout });
  return view;
}

/**
 * Frame value → screen position along an axis, fitted through the axis'
 * first and last tick (labels like "1,000" or "−20").
 */
async function axisScale(
  view: Locator,
  axis: 'x' | 'y'
): Promise<(v: number) => number> {
  const ticks = view.locator(`.jp-chexmask-lm-axis-${axis} .tick`);
  const n = await ticks.count();
  expect(n).toBeGreaterThan(2);
  const at = async (i: number): Promise<[number, number]> => {
    const label = (await ticks.nth(i).locator('text').textContent())!;
    const value = Number(label.replace(/,/g, '').replace('\u2212', '-'));
    const box = (await ticks.nth(i).locator('line').boundingBox())!;
    return [
      value,
      axis === 'x' ? box.x + box.width / 2 : box.y + box.height / 2
    ];
  };
  const [v0, p0] = await at(0);
  const [v1, p1] = await at(n - 1);
  return v => p0 + ((v - v0) * (p1 - p0)) / (v1 - v0);
}

/** Centre of an element on screen. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Median of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

test.describe('landmark plots', () => {
  test('one row: 120 points at their coordinates, hover shows the landmark', async ({
    page
  }) => {
    const row = ROWS.find(r => r.dataset === 'CheXpert')!;
    await runInNewNotebook(
      page,
      'landmarks-one.ipynb',
      `import jupyterlab_chexmask as cm\ndf = cm.read_csv(${py(CHEXPERT)})\ncm.landmarks(df.iloc[0], underlay=True)`
    );
    const view = await paintedPlot(page);
    const points = view.locator('circle.jp-chexmask-lm-point');
    await expect(points).toHaveCount(120);
    await expect(view.locator('polygon.jp-chexmask-lm-ring')).toHaveCount(3);
    await expect(view.locator('canvas.jp-chexmask-lm-underlay')).toHaveCount(1);
    await expect(view).toHaveAttribute('data-frame', 'pixels');
    console.log(
      `one row with masks: parsed and drawn in ${await view.getAttribute('data-render-ms')} ms`
    );

    const X = await axisScale(view, 'x');
    const Y = await axisScale(view, 'y');
    // y points down, as in the image.
    expect(Y(1000)).toBeGreaterThan(Y(0));
    const landmarks: LandmarkPoint[] = row.landmarks!;
    for (const k of [0, 21, 43, 44, 65, 93, 94, 119]) {
      const [x, y] = landmarks[k];
      const at = await centre(
        view.locator(`circle.jp-chexmask-lm-point[data-index="${k}"]`)
      );
      expect(Math.abs(at.x - X(x))).toBeLessThan(1.5);
      expect(Math.abs(at.y - Y(y))).toBeLessThan(1.5);
    }

    // Hover a left-lung point: organ, index within the organ, global index, (x, y).
    const k = 57;
    const organ = organOfLandmark(k)!;
    const at = await centre(
      view.locator(`circle.jp-chexmask-lm-point[data-index="${k}"]`)
    );
    await page.mouse.move(at.x, at.y);
    await expect(view.locator('.jp-chexmask-lm-readout')).toHaveText(
      `landmark ${k} · ${organ.label} #${k - organ.start} · x ${landmarks[k][0]}, y ${landmarks[k][1]}`
    );
    const hovers: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.mouse.move(at.x + i, at.y - i);
      hovers.push(Number(await view.getAttribute('data-hover-ms')));
    }
    console.log(`one-row hover: median ${median(hovers).toFixed(3)} ms`);

    // The organ toggle hides the heart's 26 points.
    await view
      .locator('input.jp-chexmask-lm-organ-toggle[data-organ="heart"]')
      .uncheck();
    await expect(points).toHaveCount(94);
  });

  test('305 rows: one colour per dataset, the furthest row is the first outlier', async ({
    page
  }) => {
    const paths = FILES.map(f => py(path.join(FOLDER, f))).join(', ');
    await runInNewNotebook(
      page,
      'landmarks-305.ipynb',
      `import jupyterlab_chexmask as cm\ncm.landmarks([cm.read_csv(p) for p in [${paths}]])`
    );
    const view = await paintedPlot(page);
    await expect(view).toHaveAttribute('data-rows', '305');
    await expect(view).toHaveAttribute('data-groups', '6');
    // At its first state the plot shows what the kernel's picture shows:
    // that picture stays in the output, with the kernel's alt text.
    const kernel = await expectKernelPicture(page, view, 0);
    expect(kernel.metadata['image/png'].alt).toMatch(
      /^Landmark plot of 305 rows in 6 groups/
    );
    console.log(
      `305 rows: parsed and drawn in ${await view.getAttribute('data-render-ms')} ms (contours ${await view.getAttribute('data-draw-ms')} ms)`
    );

    const toggles = view.locator('input.jp-chexmask-lm-group-toggle');
    await expect(toggles).toHaveCount(6);
    const names = await toggles.evaluateAll(inputs =>
      inputs.map(i => i.getAttribute('data-group'))
    );
    expect(new Set(names)).toEqual(new Set(ROWS.map(r => r.dataset)));
    const colours = await view
      .locator('.jp-chexmask-lm-groups .jp-chexmask-swatch')
      .evaluateAll(swatches =>
        swatches.map(s => getComputedStyle(s).backgroundColor)
      );
    expect(new Set(colours).size).toBe(6);
    // The contours are on the canvas.
    const painted = await view
      .locator('canvas.jp-chexmask-lm-contours')
      .evaluate((c: HTMLCanvasElement) => {
        const data = c
          .getContext('2d')!
          .getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) {
          n += data[i] > 0 ? 1 : 0;
        }
        return n;
      });
    expect(painted).toBeGreaterThan(5000);
    await expect(view.locator('polygon.jp-chexmask-lm-mean-ring')).toHaveCount(
      3
    );
    await expect(view.locator('ellipse.jp-chexmask-lm-ellipse')).toHaveCount(
      120
    );

    // The furthest row from the mean shape, computed here.
    const mean = new Array(240).fill(0);
    for (const r of ROWS) {
      r.landmarks!.forEach(([x, y], k) => {
        mean[2 * k] += x / ROWS.length;
        mean[2 * k + 1] += y / ROWS.length;
      });
    }
    const distances = ROWS.map(
      r =>
        r.landmarks!.reduce(
          (sum, [x, y], k) =>
            sum + Math.hypot(x - mean[2 * k], y - mean[2 * k + 1]),
          0
        ) / 120
    );
    const furthest = distances.indexOf(Math.max(...distances));
    const first = view.locator('.jp-chexmask-lm-outlier').first();
    await expect(first.locator('.jp-chexmask-lm-outlier-id')).toHaveText(
      ROWS[furthest].id!
    );
    await expect(first.locator('.jp-chexmask-lm-outlier-distance')).toHaveText(
      `${distances[furthest].toFixed(1)} px`
    );
    await expect(view.locator('.jp-chexmask-lm-outlier')).toHaveCount(10);

    // Hovering the entry highlights its contour; clicking pins it.
    await first.locator('button').hover();
    await expect(view).toHaveAttribute('data-highlighted', String(furthest));
    await expect(
      view.locator(`polygon.jp-chexmask-lm-highlight[data-row="${furthest}"]`)
    ).toHaveCount(3);
    await first.locator('button').click();
    await expect(view).toHaveAttribute('data-pinned', String(furthest));
    await expect(first.locator('button')).toHaveAttribute(
      'aria-pressed',
      'true'
    );

    // Hiding a dataset re-ranks without it.
    const hidden = ROWS[furthest].dataset!;
    await view
      .locator(`input.jp-chexmask-lm-group-toggle[data-group="${hidden}"]`)
      .uncheck();
    await expect
      .poll(() =>
        view.locator('.jp-chexmask-lm-outlier-group').allTextContents()
      )
      .not.toContain(hidden);
    await expect(view.locator('.jp-chexmask-lm-outlier')).toHaveCount(10);
    await expect(view).not.toHaveAttribute('data-pinned');

    // A dataset hidden: the save writes the plot's own picture, with alt text.
    const saved = await savedViewPicture(page, view, 0);
    expect(saved.metadata['image/png'].alt).toMatch(
      /^Landmark plot of 305 row\(s\) in 6 groups \(frame: pixels\)/
    );
  });

  test('10,000 rows: figures for drawing and hover', async ({
    browser,
    page
  }, testInfo) => {
    await observeMainThread(page);
    await observeLongFrames(page);
    // Opt-in: where the cell's long tasks go (CHEXMASK_TRACE, CHEXMASK_PROFILE).
    let profiling = null as IProfiling | null;
    const paths = FILES.map(f => py(path.join(FOLDER, f))).join(', ');
    await runInNewNotebook(
      page,
      'landmarks-10000.ipynb',
      [
        'import numpy as np, pandas as pd, jupyterlab_chexmask as cm',
        `df = pd.concat([cm.read_csv(p) for p in [${paths}]], ignore_index=True)`,
        'big = df.sample(10000, replace=True, random_state=0).reset_index(drop=True)',
        'rng = np.random.default_rng(0)',
        "pts = np.array([np.array(s.split(','), dtype=float) for s in big['Landmarks']])",
        'pts = np.rint(pts + rng.normal(0, 4, pts.shape)).astype(int)',
        "big['Landmarks'] = [','.join(map(str, r)) for r in pts]",
        'cm.landmarks(big)'
      ].join('\n'),
      async () => {
        // "While the cell ran" starts here: opening the notebook (a task of
        // 60–70 ms of JupyterLab's, its contents' Response.json) is not the cell's.
        await mainThreadEntries(page, true);
        await longFrames(page);
        profiling = PROFILING ? await startProfile(page) : null;
        if (TRACING) {
          await startTrace(browser, page);
        }
      }
    );
    const view = await paintedPlot(page, 180000);
    if (TRACING) {
      console.log(
        `10,000 rows, trace of the cell: ${await stopTrace(browser)}`
      );
    }
    if (profiling) {
      const file = testInfo.outputPath('landmarks-10000.cpuprofile');
      console.log(
        `10,000 rows, CPU profile (${file}): ${await profiling.stop(file)}`
      );
    }
    await expect(view).toHaveAttribute('data-rows', '10000');
    await expect(view).toHaveAttribute('data-groups', '6');
    const renderMs = Number(await view.getAttribute('data-render-ms'));
    const parseMs = Number(await view.getAttribute('data-parse-ms'));
    const drawMs = Number(await view.getAttribute('data-draw-ms'));
    const main = await mainThreadReport(page);
    const cell = tasks(await mainThreadEntries(page, true));
    console.log(
      `10,000 rows: payload → painted ${renderMs.toFixed(0)} ms ` +
        `(checked on the main thread ${parseMs.toFixed(0)} ms, rows parsed in the worker; contours rasterised in the worker and drawn ${drawMs.toFixed(0)} ms); ` +
        `longest main-thread task while the cell ran ${main.longestTask.toFixed(0)} ms (tasks over 50 ms: ${cell.long.join(', ') || 'none'}), longest span of the view ${main.longestSpan.toFixed(1)} ms (${main.span})`
    );
    console.log(
      `10,000 rows: rows sent to the worker → model back ${await view.getAttribute('data-layout-ms')} ms; in the worker: ${await view.getAttribute('data-worker-ms')} ms`
    );
    console.log(
      `10,000 rows, long frames while the cell ran: ${await longFrames(page)}`
    );
    // The plot shows what the kernel's picture shows: nothing is composed,
    // encoded or written after the paint.
    await expectKernelPicture(page, view, 0);
    await pageIdle(page);
    const afterPaint = tasks(await mainThreadEntries(page, true));
    console.log(
      `10,000 rows, after the paint until idle: tasks over 50 ms ${afterPaint.long.join(', ') || 'none'}; write-picture spans ${afterPaint.writes.join(', ') || 'none'}`
    );

    // Hover along the mean shape, where the cloud is densest.
    const stage = (await view.locator('.jp-chexmask-lm-stage').boundingBox())!;
    const hovers: number[] = [];
    for (let i = 0; i < 21; i++) {
      const angle = (2 * Math.PI * i) / 21;
      await page.mouse.move(
        stage.x + stage.width * (0.5 + 0.3 * Math.cos(angle)),
        stage.y + stage.height * (0.5 + 0.3 * Math.sin(angle))
      );
      await expect(view).toHaveAttribute('data-hover-ms', /\d/);
      hovers.push(Number(await view.getAttribute('data-hover-ms')));
    }
    console.log(
      `10,000 rows hover: median ${median(hovers).toFixed(3)} ms, max ${Math.max(...hovers).toFixed(3)} ms`
    );
    await expect(view.locator('.jp-chexmask-lm-readout')).not.toHaveText(' ');

    // A group hidden: the picture differs from the kernel's. It is composed
    // and encoded when idle, and written when the notebook is saved.
    await pageIdle(page);
    await mainThreadEntries(page, true);
    await view.locator('input.jp-chexmask-lm-group-toggle').first().uncheck();
    await expect(view).toHaveAttribute('data-picture', 'pending');
    await pageIdle(page);
    const pending = tasks(await mainThreadEntries(page, true));
    await savedViewPicture(page, view, 0);
    await pageIdle(page);
    const saving = tasks(await mainThreadEntries(page, true));
    console.log(
      `10,000 rows, a group hidden: until its picture is ready, tasks over 50 ms ${pending.long.join(', ') || 'none'}; ` +
        `the save: write-picture ${saving.writes.join(', ') || 'none'} ms, tasks over 50 ms ${saving.long.join(', ') || 'none'}`
    );
  });
});

/** Long tasks (over 50 ms) and write-picture spans among timeline entries, in ms, longest first. */
function tasks(entries: MainThreadEntry[]): {
  long: string[];
  writes: string[];
} {
  const of = (pick: (name: string) => boolean): string[] =>
    entries
      .filter(([name]) => pick(name))
      .map(([, ms]) => ms)
      .sort((a, b) => b - a)
      .map(ms => ms.toFixed(0));
  return {
    long: of(name => name.startsWith('longtask')),
    writes: of(name => name === 'measure chexmask:write-picture')
  };
}

/** The long frames recorded since the last call, one per line, with their scripts over 10 ms. */
async function longFrames(
  page: Parameters<typeof runInNewNotebook>[0]
): Promise<string> {
  const frames = (await takeLongFrames(page)).map(frame => {
    const scripts = frame.scripts
      .filter(s => s.duration >= 10)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map(s =>
        `${s.duration.toFixed(0)} ms ${s.invokerType} ${s.invoker} in ${scriptFile(s)}:${s.sourceCharPosition} ${s.sourceFunctionName} (forced style and layout ${s.forced.toFixed(0)} ms)`.trim()
      );
    return `${frame.duration.toFixed(0)} ms frame (blocking ${frame.blocking.toFixed(0)}): ${scripts.join('; ') || 'no script over 10 ms'}`;
  });
  return frames.length ? '\n  ' + frames.join('\n  ') : 'none';
}
