/**
 * Shared helpers of the UI tests: where the real data is, how to run Python
 * in a fresh notebook, and how to wait for a CheXmask view to paint.
 */
import AxeBuilder from '@axe-core/playwright';
import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import {
  decodeOrganMasks,
  IChexmaskRow,
  maskStats,
  ORGANS,
  OrganKey
} from '../../src/core';
import { expect, Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/** The real CheXmask rows beside the repository. */
export const SHARED_DATA =
  process.env.CHEXMASK_SHARED_DATA ??
  path.resolve(__dirname, '../../../shared/data');

if (!fs.existsSync(SHARED_DATA)) {
  throw new Error(`CheXmask test data is missing: expected ${SHARED_DATA}`);
}

/** A Python string literal of a path. */
export function py(text: string): string {
  return JSON.stringify(text);
}

/**
 * Create a notebook, put `code` in its first cell and run it; `beforeRun`,
 * if given, just before running (e.g. to start recording the run alone).
 */
export async function runInNewNotebook(
  page: IJupyterLabPageFixture,
  name: string,
  code: string,
  beforeRun?: () => Promise<void>
): Promise<void> {
  await page.notebook.createNew(name);
  await page.notebook.setCell(0, 'code', code);
  await beforeRun?.();
  await page.notebook.runCell(0, true);
}

/** The n-th CheXmask row view of the page, once painted. */
export async function paintedRowView(
  page: IJupyterLabPageFixture,
  n = 0
): Promise<Locator> {
  const view = page.locator('.jp-OutputArea-output.jp-chexmask-RowView').nth(n);
  await expect(view).toHaveAttribute('data-state', 'painted');
  return view;
}

/**
 * RGBA of one pixel of the view's mask canvas (mask coordinates), once the
 * masks asked for are drawn: the worker paints them, so a control's change
 * shows a moment later (`data-masks` is "pending" meanwhile).
 */
export async function maskPixel(
  view: Locator,
  x: number,
  y: number
): Promise<number[]> {
  await expect(view).toHaveAttribute('data-masks', 'painted');
  return view
    .locator('canvas.jp-chexmask-masks')
    .evaluate(
      (canvas: HTMLCanvasElement, [px, py]) =>
        Array.from(canvas.getContext('2d')!.getImageData(px, py, 1, 1).data),
      [x, y]
    );
}

/**
 * A pixel of `row` covered by exactly one organ, `key`, as near that organ's
 * centroid as possible: where the organ's own colour can be read back.
 */
export function pixelOfOnly(
  row: IChexmaskRow,
  key: OrganKey
): { x: number; y: number } {
  const masks = decodeOrganMasks(row).masks;
  const c = maskStats(masks[key], row.height, row.width).centroid!;
  let best = { x: -1, y: -1, d: Infinity };
  for (let y = 0; y < row.height; y++) {
    for (let x = 0; x < row.width; x++) {
      const i = y * row.width + x;
      const only = ORGANS.every(o =>
        o.key === key ? masks[o.key][i] === 1 : masks[o.key][i] === 0
      );
      const d = (x - c.x) ** 2 + (y - c.y) ** 2;
      if (only && d < best.d) {
        best = { x, y, d };
      }
    }
  }
  return { x: best.x, y: best.y };
}

/** Where a mask pixel's centre is on screen. */
export async function screenPoint(
  view: Locator,
  x: number,
  y: number,
  maskWidth: number
): Promise<{ x: number; y: number }> {
  const box = (await view.locator('.jp-chexmask-stage').boundingBox())!;
  const scale = box.width / maskWidth;
  return { x: box.x + (x + 0.5) * scale, y: box.y + (y + 0.5) * scale };
}

/** The data and metadata of one output of the current notebook's model. */
export async function outputBundle(
  page: IJupyterLabPageFixture,
  cell: number,
  output = 0
): Promise<{ data: Record<string, unknown>; metadata: Record<string, any> }> {
  return page.evaluate(
    ([c, o]) => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      const model = panel.content.model.cells.get(c).outputs.get(o);
      return { data: model.data, metadata: model.metadata };
    },
    [cell, output]
  );
}

/**
 * Check that an output keeps the picture the kernel drew (a view showing its
 * first state under the default settings writes none), and return its
 * bundle.
 */
export async function expectKernelPicture(
  page: IJupyterLabPageFixture,
  view: Locator,
  cell: number,
  output = 0
): Promise<{ data: Record<string, unknown>; metadata: Record<string, any> }> {
  await expect(view).toHaveAttribute('data-picture', 'kernel');
  const bundle = await outputBundle(page, cell, output);
  expect(String(bundle.data['image/png']).slice(0, 8)).toBe('iVBORw0K');
  expect(bundle.metadata['image/png'].key).toBeUndefined();
  return bundle;
}

/**
 * Save the notebook once a view that differs from the kernel's picture has
 * its own ready, and return the output's bundle with the picture the save
 * wrote (the browser's: its metadata has a key).
 */
export async function savedViewPicture(
  page: IJupyterLabPageFixture,
  view: Locator,
  cell: number,
  output = 0
): Promise<{ data: Record<string, unknown>; metadata: Record<string, any> }> {
  await expect(view).toHaveAttribute('data-picture', 'pending');
  await page.notebook.save();
  await expect(view).toHaveAttribute('data-picture', 'written');
  const bundle = await outputBundle(page, cell, output);
  expect(String(bundle.data['image/png']).slice(0, 8)).toBe('iVBORw0K');
  expect(bundle.metadata['image/png'].key).toEqual(expect.any(String));
  return bundle;
}

/**
 * Create a notebook showing one row overlay, one RCA histogram and one
 * landmark plot of real CheXpert/Padchest rows, and wait until all three
 * are painted.
 */
export async function showThreeViews(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  const folder = path.join(SHARED_DATA, 'chexmask-preprocessed');
  await runInNewNotebook(
    page,
    name,
    [
      'import jupyterlab_chexmask as cm',
      `df = cm.read_csv(${py(path.join(folder, 'CheXpert.csv'))})`,
      'cm.show(df.iloc[0])',
      `display(cm.rca_histogram(${py(path.join(folder, 'Padchest.csv'))}, progress=False))`,
      'display(cm.landmarks(df))'
    ].join('\n')
  );
  for (const view of ['RowView', 'RcaView', 'LandmarkView']) {
    await expect(
      page.locator(`.jp-OutputArea-output.jp-chexmask-${view}`)
    ).toHaveAttribute('data-state', 'painted');
  }
}

/** A notebook file (as JSON text) of code cells with saved outputs, for a Python 3 kernel. */
export function notebookJson(cells: Array<Record<string, unknown>>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      }
    },
    cells: cells.map((cell, i) => ({
      cell_type: 'code',
      id: `cell-${i}`,
      execution_count: i + 1,
      metadata: {},
      ...cell
    }))
  });
}

/** A long task or a span: `[entryType name, duration, start time]`. */
export type MainThreadEntry = [string, number, number];

/**
 * Start recording the page's long tasks and the views' own spans
 * (`chexmask:*` measures: main-thread work only) for {@link mainThreadReport}.
 */
export async function observeMainThread(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { mainThread: MainThreadEntry[] };
    w.mainThread = [];
    new PerformanceObserver(list =>
      list
        .getEntries()
        .forEach(e =>
          w.mainThread.push([
            e.entryType + ' ' + e.name,
            e.duration,
            e.startTime
          ])
        )
    ).observe({ entryTypes: ['longtask', 'measure'] });
  });
}

/**
 * The long tasks and the views' spans recorded since {@link observeMainThread}
 * (or the last call that cleared them), as `[entryType name, duration, start]`.
 */
export async function mainThreadEntries(
  page: IJupyterLabPageFixture,
  clear = false
): Promise<MainThreadEntry[]> {
  return page.evaluate(doClear => {
    const w = window as unknown as { mainThread: MainThreadEntry[] };
    const entries = w.mainThread;
    if (doClear) {
      w.mainThread = [];
    }
    return entries;
  }, clear);
}

/** The longest long task and the longest span of the views since {@link observeMainThread}. */
export async function mainThreadReport(
  page: IJupyterLabPageFixture
): Promise<{ longestTask: number; longestSpan: number; span: string }> {
  let longestTask = 0;
  let longestSpan = 0;
  let span = '';
  for (const [name, duration] of await mainThreadEntries(page)) {
    if (name.startsWith('longtask')) {
      longestTask = Math.max(longestTask, duration);
    } else if (name.startsWith('measure chexmask:') && duration > longestSpan) {
      longestSpan = duration;
      span = name.slice('measure '.length);
    }
  }
  return { longestTask, longestSpan, span };
}

/** A script of a long animation frame, as Chromium reports it. */
export interface ILongFrameScript {
  duration: number;
  /** Its forced style and layout. */
  forced: number;
  invokerType: string;
  invoker: string;
  /** Its script's URL, without the query. */
  url: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
}

/** A long animation frame (Chromium's `long-animation-frame` entry), as recorded. */
export interface ILongFrame {
  start: number;
  duration: number;
  blocking: number;
  /** When its rendering (rAF, observers, style, layout, paint) started, or 0. */
  renderStart: number;
  /** When its style and layout started, or 0. */
  styleAndLayoutStart: number;
  scripts: ILongFrameScript[];
}

/**
 * Record the page's long animation frames (a frame's scripts, style, layout
 * and paint: where a long task's time goes) for {@link takeLongFrames}.
 */
export async function observeLongFrames(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longFrames_: ILongFrame[] };
    w.longFrames_ = [];
    try {
      new PerformanceObserver(list => {
        for (const f of list.getEntries() as any[]) {
          w.longFrames_.push({
            start: f.startTime,
            duration: f.duration,
            blocking: f.blockingDuration ?? 0,
            renderStart: f.renderStart ?? 0,
            styleAndLayoutStart: f.styleAndLayoutStart ?? 0,
            scripts: (f.scripts ?? []).map((s: any) => ({
              duration: s.duration,
              forced: s.forcedStyleAndLayoutDuration ?? 0,
              invokerType: String(s.invokerType ?? ''),
              invoker: String(s.invoker ?? ''),
              url: String(s.sourceURL ?? '').replace(/\?.*$/, ''),
              sourceFunctionName: String(s.sourceFunctionName ?? ''),
              sourceCharPosition: s.sourceCharPosition ?? -1
            }))
          });
        }
      }).observe({ type: 'long-animation-frame' });
    } catch {
      // Not in this browser.
    }
  });
}

/**
 * The long frames recorded by {@link observeLongFrames} since the last call
 * that took them (`keep`: leave them for the next).
 */
export async function takeLongFrames(
  page: IJupyterLabPageFixture,
  keep = false
): Promise<ILongFrame[]> {
  return page.evaluate(k => {
    const w = window as unknown as { longFrames_: ILongFrame[] };
    return k ? [...w.longFrames_] : w.longFrames_.splice(0);
  }, keep);
}

/** Whether a long frame's script ran in the extension's bundle. */
export function isOurs(script: ILongFrameScript): boolean {
  return /chexmask/.test(script.url);
}

/** A script's file, short: under `labextensions/` (ours), else `lab:` and JupyterLab's. */
export function scriptFile(script: ILongFrameScript): string {
  const { url } = script;
  if (url.includes('/labextensions/')) {
    return url.replace(/^.*\/labextensions\//, '');
  }
  return url.replace(/^.*\/static\//, 'lab:') || '?';
}

/**
 * Until the page is next idle, after the frames already waiting: the long
 * tasks and spans of the work before are then in the timeline.
 */
export async function pageIdle(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(
    () =>
      new Promise(resolve =>
        requestAnimationFrame(() =>
          requestIdleCallback(() => setTimeout(resolve, 0), { timeout: 5000 })
        )
      )
  );
}

/**
 * axe-core on what `selector` matches: the serious and critical violations
 * (asserted empty by the caller); the others are printed.
 */
export async function axeProblems(
  page: IJupyterLabPageFixture,
  selector: string,
  what: string
): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  // The rules really ran on the view's nodes.
  expect(results.passes.length).toBeGreaterThan(5);
  const describe = (v: (typeof results.violations)[number]): string =>
    `${what} ${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`;
  const minor = results.violations.filter(
    v => v.impact !== 'serious' && v.impact !== 'critical'
  );
  console.log(
    `axe-core, ${what}: ${results.passes.length} rules passed, ${results.violations.length} violated` +
      minor.map(v => `\n  ${describe(v)}`).join('')
  );
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(describe);
}
