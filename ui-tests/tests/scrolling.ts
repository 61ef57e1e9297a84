/**
 * Scrolling long notebooks of saved row outputs, measured: the notebooks
 * (the views, or the same rows as plain `image/png` for the reference), the
 * views' states on screen, the page's long tasks and the views' own spans,
 * long animation frames by whose script ran, and the JS heap. Shared by the
 * scale test (200 outputs) and the saved-views test (60 against 60).
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import { CDPSession } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  ILongFrameScript,
  isOurs,
  mainThreadEntries,
  scriptFile,
  SHARED_DATA,
  takeLongFrames
} from './helpers';

const REPO = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const SCRIPT = path.join(REPO, 'ui-tests', 'make_many_outputs.py');
/** A row view's output node. */
export const VIEW = '.jp-OutputArea-output.jp-chexmask-RowView';
/** The notebook's scrolling element. */
export const SCROLLER = '.jp-NotebookPanel .jp-WindowedPanel-outer';
/** Where the plain pictures of the reference notebook are, once shown. */
export const PICTURES =
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img';
/** What the page reports about the row views and its own state. */
export interface IPageState {
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
export function pageState(page: IJupyterLabPageFixture): Promise<IPageState> {
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
export async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

/**
 * Scroll the notebook by steps to the end (or the top), pausing like a
 * reader; done when the scroller has stayed at the end for a few steps
 * (windowed notebooks grow their height as cells are measured).
 */
export async function scrollThrough(
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
export async function takeTasks(page: IJupyterLabPageFixture): Promise<{
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

/**
 * The long frames since the last call (see `observeLongFrames`), summed up
 * by whose script ran (the extension's bundle or JupyterLab's) and how long
 * the frames' own style and layout took: where the long tasks' time goes,
 * next to the views' spans.
 */
export async function takeFrames(
  page: IJupyterLabPageFixture
): Promise<string> {
  const long = (await takeLongFrames(page)).filter(f => f.duration > 50);
  const summed = long.map(f => {
    const ours = f.scripts.filter(isOurs);
    const lab = f.scripts.filter(x => !isOurs(x));
    const total = (list: ILongFrameScript[], k: 'duration' | 'forced') =>
      list.reduce((t, x) => t + x[k], 0);
    return {
      duration: f.duration,
      ours: total(ours, 'duration'),
      oursForced: total(ours, 'forced'),
      lab: total(lab, 'duration'),
      labForced: total(lab, 'forced'),
      render: f.renderStart ? f.start + f.duration - f.renderStart : 0,
      layout: f.styleAndLayoutStart
        ? f.start + f.duration - f.styleAndLayoutStart
        : 0,
      top: [...f.scripts]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map(x =>
          `${x.duration.toFixed(0)} ms (forced layout ${x.forced.toFixed(0)}) ${x.invokerType} ${x.invoker} in ${scriptFile(x)} ${x.sourceFunctionName}`.trim()
        )
    };
  });
  type Summed = (typeof summed)[number];
  const sum = (k: Exclude<keyof Summed, 'top'>): string =>
    summed.reduce((t, f) => t + f[k], 0).toFixed(0);
  const worst = [...summed]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map(
      f =>
        `\n      ${f.duration.toFixed(0)} ms frame: ours ${f.ours.toFixed(0)} (forced layout ${f.oursForced.toFixed(0)}), lab ${f.lab.toFixed(0)} (forced ${f.labForced.toFixed(0)}), rendering ${f.render.toFixed(0)} (style+layout ${f.layout.toFixed(0)}); ${f.top.join('; ')}`
    );
  return (
    `${summed.length} frames over 50 ms, ${sum('duration')} ms in all: ` +
    `scripts ours ${sum('ours')} (forced layout ${sum('oursForced')}), lab ${sum('lab')} (forced ${sum('labForced')}); ` +
    `rendering ${sum('render')} (style+layout ${sum('layout')}); the longest:${worst.join('')}`
  );
}

/** Open a notebook and wait until every output on screen is painted. */
export async function openPainted(
  page: IJupyterLabPageFixture,
  file: string,
  painted: () => Promise<boolean>
): Promise<number> {
  const started = Date.now();
  await page.notebook.openByPath(file);
  await expect.poll(painted, { intervals: [20], timeout: 60000 }).toBe(true);
  return Date.now() - started;
}

/** What the saved outputs of a notebook made by {@link uploadNotebook} hold. */
export type OutputKind =
  /** The views' payloads alone (no kernel picture): the views alone are measured. */
  | 'views'
  /** The views with their kernel pictures, as a notebook run and saved holds them. */
  | 'saved'
  /** The same rows' kernel pictures as plain `image/png` outputs. */
  | 'reference';

/** Make a notebook of `count` row outputs (once per run) and upload it. */
export async function uploadNotebook(
  page: IJupyterLabPageFixture,
  destination: string,
  count: number,
  kind: OutputKind
): Promise<void> {
  const local = path.join(REPO, 'build', 'tmp', `rows-${count}-${kind}.ipynb`);
  if (!fs.existsSync(local)) {
    execFileSync(PYTHON, [
      SCRIPT,
      local,
      String(count),
      SHARED_DATA,
      `--${kind}`
    ]);
  }
  await page.contents.uploadFile(local, destination);
}
