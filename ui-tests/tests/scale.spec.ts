/**
 * Scale: a saved notebook of 200 real row outputs opens with only what is
 * near the screen painted, scrolls without long main-thread tasks from the
 * views, releases the canvases it scrolls away from and repaints them on the
 * way back, in JupyterLab's default windowing mode (content-visibility) and
 * in the windowed mode that detaches cells ("full"). The figures of the
 * closing note are printed: time to the first screen, longest task while
 * scrolling, JS heap after the first screen and after scrolling through and
 * back, canvas pixels held.
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import { CDPSession, Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { mainThreadEntries, observeMainThread, SHARED_DATA } from './helpers';
import { startTrace, stopTrace, TRACING } from './trace';

const COUNT = 200;
const REPO = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const SCRIPT = path.join(REPO, 'ui-tests', 'make_many_outputs.py');
const VIEW = '.jp-OutputArea-output.jp-chexmask-RowView';
const SCROLLER = '.jp-NotebookPanel .jp-WindowedPanel-outer';
const TRACKER = '@jupyterlab/notebook-extension:tracker';

/** What the page reports about the row views and its own state. */
interface IPageState {
  /** Views in the document, by `data-state`. */
  states: Record<string, number>;
  /** Views on screen, and how many of those are painted. */
  onScreen: number;
  onScreenPainted: number;
  /** Pixels of every canvas inside the views. */
  canvasPixels: number;
  /** `id` attributes inside the views that occur more than once. */
  duplicateIds: string[];
}

/** Read the views' states from the page. */
function pageState(page: IJupyterLabPageFixture): Promise<IPageState> {
  return page.evaluate(
    ([view, scroller]) => {
      const box = document.querySelector(scroller)!.getBoundingClientRect();
      const state: IPageState = {
        states: {},
        onScreen: 0,
        onScreenPainted: 0,
        canvasPixels: 0,
        duplicateIds: []
      };
      for (const node of document.querySelectorAll<HTMLElement>(view)) {
        const s = node.dataset.state ?? 'none';
        state.states[s] = (state.states[s] ?? 0) + 1;
        const r = node.getBoundingClientRect();
        if (r.bottom > box.top && r.top < box.bottom && r.height > 0) {
          state.onScreen++;
          state.onScreenPainted += s === 'painted' ? 1 : 0;
        }
        for (const canvas of node.querySelectorAll('canvas')) {
          state.canvasPixels += canvas.width * canvas.height;
        }
      }
      const seen = new Set<string>();
      for (const e of document.querySelectorAll(`${view} [id]`)) {
        if (seen.has(e.id)) {
          state.duplicateIds.push(e.id);
        }
        seen.add(e.id);
      }
      return state;
    },
    [VIEW, SCROLLER] as const
  );
}

/** The JS heap in use after a full garbage collection, in MB. */
async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

/**
 * Scroll the notebook by steps to the end (or the top), pausing like a
 * reader; done when the scroller has stayed at the end for a few steps
 * (windowed notebooks grow their height as cells are measured).
 */
async function scrollThrough(
  page: IJupyterLabPageFixture,
  direction: 1 | -1
): Promise<number> {
  let steps = 0;
  let still = 0;
  while (still < 5 && steps < 3000) {
    const atEnd = await page.evaluate(
      ([scroller, dy]) => {
        const s = document.querySelector(scroller)!;
        s.scrollTop += dy;
        if (dy < 0) {
          return s.scrollTop === 0;
        }
        // The end: the notebook's last cell is attached and on screen.
        const app = (window as any).jupyterapp;
        const cells = app.shell.currentWidget.content.widgets;
        const last = cells[cells.length - 1].node as HTMLElement;
        const box = s.getBoundingClientRect();
        const r = last.getBoundingClientRect();
        return last.isConnected && r.height > 0 && r.bottom <= box.bottom + 2;
      },
      [SCROLLER, direction * 800] as const
    );
    await page.waitForTimeout(50);
    steps++;
    still = atEnd ? still + 1 : 0;
  }
  return steps;
}

/** The longest long task and the longest span of each view kind since the last call. */
async function takeTasks(page: IJupyterLabPageFixture): Promise<{
  longest: number;
  over50: number;
  count: number;
  spans: string;
  oursLongest: number;
  worker: string;
}> {
  const tasks = await mainThreadEntries(page, true);
  const long = tasks.filter(([n]) => n.startsWith('longtask')).map(t => t[1]);
  const spans = new Map<string, number[]>();
  // The worker's tasks (`chexmask-worker:`, `chexmask-trip:`) and finer spans.
  const others = new Map<string, number[]>();
  let oursLongest = 0;
  for (const [name, duration] of tasks) {
    if (name.startsWith('measure chexmask:')) {
      oursLongest = Math.max(oursLongest, duration);
    }
    if (name.startsWith('measure chexmask:')) {
      const key = name.slice('measure chexmask:'.length);
      spans.set(key, [...(spans.get(key) ?? []), duration]);
    } else if (name.startsWith('measure chexmask-')) {
      const key = name.slice('measure chexmask-'.length);
      others.set(key, [...(others.get(key) ?? []), duration]);
    }
  }
  const describe = ([key, all]: [string, number[]]): string => {
    const sorted = [...all].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return `${key} ×${all.length} median ${median.toFixed(1)} / max ${sorted[sorted.length - 1].toFixed(1)} ms`;
  };
  return {
    longest: Math.max(0, ...long),
    over50: long.filter(t => t > 50).length,
    count: long.length,
    spans: [...spans].map(describe).join(', '),
    worker: [...others].map(describe).join(', '),
    oursLongest
  };
}

/** A long animation frame, summed up in the page (see {@link observeFrames}). */
interface IFrame {
  duration: number;
  blocking: number;
  /** Script time in the extension's bundle, and forced style/layout within it. */
  ours: number;
  oursForced: number;
  /** Script time in JupyterLab's (and other) bundles, and forced style/layout within it. */
  lab: number;
  labForced: number;
  /** From the frame's rendering start (rAF, observers) to its end, and its style and layout. */
  render: number;
  layout: number;
  /** The longest scripts: ms, what invoked them, where. */
  top: string[];
}

/**
 * Record long animation frames (Chromium's `long-animation-frame` entries)
 * summed up by whose script ran (the extension's bundle or JupyterLab's) and
 * how long the frame's own style and layout took: where the long tasks'
 * time goes, next to the views' spans.
 */
async function observeFrames(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { frames_: IFrame[] };
    w.frames_ = [];
    new PerformanceObserver(list => {
      for (const f of list.getEntries() as any[]) {
        const frame: IFrame = {
          duration: f.duration,
          blocking: f.blockingDuration,
          ours: 0,
          oursForced: 0,
          lab: 0,
          labForced: 0,
          render: f.renderStart ? f.startTime + f.duration - f.renderStart : 0,
          layout: f.styleAndLayoutStart
            ? f.startTime + f.duration - f.styleAndLayoutStart
            : 0,
          top: []
        };
        for (const s of f.scripts ?? []) {
          const ours = /chexmask/.test(String(s.sourceURL));
          if (ours) {
            frame.ours += s.duration;
            frame.oursForced += s.forcedStyleAndLayoutDuration;
          } else {
            frame.lab += s.duration;
            frame.labForced += s.forcedStyleAndLayoutDuration;
          }
        }
        frame.top = [...(f.scripts ?? [])]
          .sort((a: any, b: any) => b.duration - a.duration)
          .slice(0, 3)
          .map((s: any) => {
            const file = String(s.sourceURL ?? '')
              .replace(/^.*\/labextensions\//, '')
              .replace(/^.*\/static\//, 'lab:')
              .replace(/\?.*$/, '');
            return `${s.duration.toFixed(0)} ms (forced layout ${s.forcedStyleAndLayoutDuration.toFixed(0)}) ${s.invokerType} ${s.invoker} in ${file || '?'} ${s.sourceFunctionName || ''}`.trim();
          });
        w.frames_.push(frame);
      }
    }).observe({ type: 'long-animation-frame' });
  });
}

/** The long frames since the last call, summed up (see {@link observeFrames}). */
async function takeFrames(page: IJupyterLabPageFixture): Promise<string> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames_: IFrame[] };
    return w.frames_.splice(0);
  });
  const long = frames.filter(f => f.duration > 50);
  const sum = (k: keyof IFrame): string =>
    long.reduce((t, f) => t + (f[k] as number), 0).toFixed(0);
  const worst = [...long]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map(
      f =>
        `\n      ${f.duration.toFixed(0)} ms frame: ours ${f.ours.toFixed(0)} (forced layout ${f.oursForced.toFixed(0)}), lab ${f.lab.toFixed(0)} (forced ${f.labForced.toFixed(0)}), rendering ${f.render.toFixed(0)} (style+layout ${f.layout.toFixed(0)}); ${f.top.join('; ')}`
    );
  return (
    `${long.length} frames over 50 ms, ${sum('duration')} ms in all: ` +
    `scripts ours ${sum('ours')} (forced layout ${sum('oursForced')}), lab ${sum('lab')} (forced ${sum('labForced')}); ` +
    `rendering ${sum('render')} (style+layout ${sum('layout')}); the longest:${worst.join('')}`
  );
}

/** Open a notebook and wait until every output on screen is painted. */
async function openPainted(
  page: IJupyterLabPageFixture,
  file: string,
  painted: () => Promise<boolean>
): Promise<number> {
  const started = Date.now();
  await page.notebook.openByPath(file);
  await expect.poll(painted, { intervals: [20], timeout: 60000 }).toBe(true);
  return Date.now() - started;
}

/** Make a notebook of COUNT outputs (once per run) and upload it. */
async function uploadNotebook(
  page: IJupyterLabPageFixture,
  name: string,
  destination: string,
  reference: boolean
): Promise<void> {
  const local = path.join(REPO, 'build', 'tmp', name);
  if (!fs.existsSync(local)) {
    execFileSync(PYTHON, [
      SCRIPT,
      local,
      String(COUNT),
      SHARED_DATA,
      ...(reference ? ['--reference'] : [])
    ]);
  }
  await page.contents.uploadFile(local, destination);
}

for (const mode of ['contentVisibility', 'full']) {
  test.describe(`${COUNT} row outputs, windowing mode "${mode}"`, () => {
    test.use({
      mockSettings: {
        ...galata.DEFAULT_SETTINGS,
        [TRACKER]: {
          ...(galata.DEFAULT_SETTINGS[TRACKER] ?? {}),
          windowingMode: mode
        }
      }
    });

    test('opens painted, scrolls, releases and repaints', async ({
      browser,
      page,
      tmpPath
    }) => {
      test.setTimeout(600000);
      const errors: string[] = [];
      page.on('pageerror', e => errors.push(`${e}\n${e.stack}`));
      await uploadNotebook(
        page,
        'scale-reference.ipynb',
        `${tmpPath}/reference.ipynb`,
        true
      );
      await uploadNotebook(
        page,
        'scale-views.ipynb',
        `${tmpPath}/many.ipynb`,
        false
      );
      await observeMainThread(page);
      await observeFrames(page);
      const raw = (page as unknown as { page: Page }).page ?? page;
      const cdp = await page.context().newCDPSession(raw);
      /** Scroll through and back, traced when asked (see `trace.ts`). */
      const traced = async <T>(
        scroll: () => Promise<T>
      ): Promise<[T, string]> => {
        if (!TRACING) {
          return [await scroll(), ''];
        }
        await startTrace(browser, raw);
        const result = await scroll();
        return [result, `\n  trace: ${await stopTrace(browser)}`];
      };

      // The reference: the same rows as plain image/png outputs.
      const pictures = `.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img`;
      const refOpenMs = await openPainted(
        page,
        `${tmpPath}/reference.ipynb`,
        async () =>
          page.evaluate(
            sel =>
              [...document.querySelectorAll<HTMLImageElement>(sel)].some(
                i => i.complete && i.naturalWidth > 0
              ),
            pictures
          )
      );
      await page.waitForTimeout(1500);
      const refOpen = await takeTasks(page);
      await takeFrames(page);
      const [, refTrace] = await traced(async () => {
        await scrollThrough(page, 1);
        await scrollThrough(page, -1);
      });
      const refScroll = await takeTasks(page);
      const refFrames = await takeFrames(page);
      // Close it without saving (JupyterLab may have upgraded its format).
      await page.notebook.close(true);
      await page.waitForTimeout(1000);
      await takeTasks(page);
      await takeFrames(page);

      const allPainted = async (): Promise<boolean> => {
        const s = await pageState(page);
        return s.onScreen > 0 && s.onScreenPainted === s.onScreen;
      };
      const openMs = await openPainted(
        page,
        `${tmpPath}/many.ipynb`,
        allPainted
      );
      await page.waitForTimeout(1500);
      const first = await pageState(page);
      const heapFirst = await heapMb(cdp);
      const opening = await takeTasks(page);
      await takeFrames(page);
      // Lazy: outputs far below the first screen are not painted at open.
      expect(first.states.painted ?? 0).toBeLessThan(COUNT / 4);

      const [[down, bottom, up], trace] = await traced(async () => {
        const d = await scrollThrough(page, 1);
        const b = await pageState(page);
        return [d, b, await scrollThrough(page, -1)] as const;
      });
      await expect.poll(allPainted, { timeout: 30000 }).toBe(true);
      await page.waitForTimeout(1500);
      const back = await pageState(page);
      const heapBack = await heapMb(cdp);
      const scrolling = await takeTasks(page);
      const scrollFrames = await takeFrames(page);
      const paints = Number(
        await page.locator(VIEW).first().getAttribute('data-paints')
      );

      console.log(
        [
          `${COUNT} row outputs, windowing "${mode}":`,
          `  open → first screen painted ${openMs} ms (${first.onScreen} views on screen); reference (same rows as image/png) ${refOpenMs} ms`,
          `  opening: longest task ${opening.longest.toFixed(0)} ms; views' spans: ${opening.spans}; reference longest ${refOpen.longest.toFixed(0)} ms`,
          `  scrolled ${down} steps down and ${up} up: longest task ${scrolling.longest.toFixed(0)} ms (${scrolling.over50} of ${scrolling.count} long tasks over 50 ms); views' spans (main-thread work only): ${scrolling.spans}`,
          `  worker tasks and finer spans while scrolling: ${scrolling.worker}`,
          `  long frames while scrolling: ${scrollFrames}${trace}`,
          `  reference scrolling: longest task ${refScroll.longest.toFixed(0)} ms (${refScroll.over50} of ${refScroll.count} over 50 ms)`,
          `  reference long frames while scrolling: ${refFrames}${refTrace}`,
          `  ratio to the reference, longest task while scrolling: ${(scrolling.longest / Math.max(1, refScroll.longest)).toFixed(2)}×; longest span of ours ${scrolling.oursLongest.toFixed(1)} ms`,
          `  JS heap after the first screen ${heapFirst.toFixed(1)} MB, after scrolling through and back ${heapBack.toFixed(1)} MB (${(heapBack / heapFirst).toFixed(2)}×)`,
          `  canvas pixels held: first screen ${(first.canvasPixels / 1e6).toFixed(1)} M, at the bottom ${(bottom.canvasPixels / 1e6).toFixed(1)} M, back at the top ${(back.canvasPixels / 1e6).toFixed(1)} M`,
          `  views by state at the bottom: ${JSON.stringify(bottom.states)}; the first view painted ${paints} time(s)`
        ].join('\n')
      );

      // JupyterLab's own deferred cell rendering can throw when a notebook
      // is closed under it (the reference, in "full" mode): reported, not
      // ours. Any error from this extension fails the test.
      const ours = errors.filter(
        e => !/\/static\/lab\/jlab_core/.test(e) || /chexmask/.test(e)
      );
      if (ours.length < errors.length) {
        console.log(
          `  JupyterLab's own page errors: ${errors.length - ours.length}`
        );
      }
      expect(ours).toEqual([]);
      expect(back.duplicateIds).toEqual([]);
      // Scrolled-away views let their canvases go: what is held at the
      // bottom is of the order of one screen, not of every output passed.
      expect(bottom.canvasPixels).toBeLessThanOrEqual(
        3 * Math.max(first.canvasPixels, 4 * 1024 * 1024)
      );
      if (mode === 'contentVisibility') {
        // Cells stay in the document: the first views were released and
        // painted again on the way back.
        expect(bottom.states.released ?? 0).toBeGreaterThan(COUNT / 2);
        expect(paints).toBeGreaterThanOrEqual(2);
      }
      expect(heapBack).toBeLessThanOrEqual(2 * heapFirst);
    });
  });
}
