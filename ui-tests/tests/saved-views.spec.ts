/**
 * Saved views against plain pictures: a notebook of 60 row outputs as a run
 * of `cm.show` saves them (the view's payload with its kernel picture) and
 * the same 60 rows as plain `image/png` outputs (what JupyterLab shows
 * without this extension), opened and scrolled down and up in turn in the
 * same browser session, three rounds, in JupyterLab's default windowing.
 *
 * Printed for the closing note: each round's longest main-thread task and
 * count of tasks over 50 ms, for both notebooks, and their medians; the
 * views' longest span of main-thread work. It fails on correctness only
 * (every view on screen painted, every output shown, no page error of
 * ours), not on time: the machine is shared and noisy.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { observeLongFrames, observeMainThread } from './helpers';
import {
  openPainted,
  pageState,
  PICTURES,
  scrollThrough,
  takeFrames,
  takeTasks,
  uploadNotebook
} from './scrolling';

const COUNT = 60;
const ROUNDS = 3;

/** One notebook's figures in one round. */
interface IRound {
  longest: number;
  over50: number;
  count: number;
  oursLongest: number;
}

/** The median of a few numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Open a notebook, wait until what is on screen is shown and the page is
 * quiet, scroll it down and up, and close it without saving: the tasks of
 * the scrolling alone.
 */
async function scrollRound(
  page: IJupyterLabPageFixture,
  file: string,
  shown: () => Promise<boolean>
): Promise<IRound & { frames: string; spans: string; steps: string }> {
  await openPainted(page, file, shown);
  await page.waitForTimeout(1500);
  await takeTasks(page);
  await takeFrames(page);
  const down = await scrollThrough(page, 1);
  const up = await scrollThrough(page, -1);
  await expect.poll(shown, { timeout: 30000 }).toBe(true);
  const tasks = await takeTasks(page);
  const frames = await takeFrames(page);
  await page.notebook.close(true);
  await page.waitForTimeout(1000);
  await takeTasks(page);
  await takeFrames(page);
  return { ...tasks, frames, steps: `${down} steps down, ${up} up` };
}

test('60 saved row views scroll like the same 60 rows as plain pictures', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(600000);
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(`${e}\n${e.stack}`));
  await uploadNotebook(page, `${tmpPath}/pictures.ipynb`, COUNT, 'reference');
  await uploadNotebook(page, `${tmpPath}/views.ipynb`, COUNT, 'saved');
  await observeMainThread(page);
  await observeLongFrames(page);

  const picturesShown = (): Promise<boolean> =>
    page.evaluate(
      sel =>
        [...document.querySelectorAll<HTMLImageElement>(sel)].some(
          i => i.complete && i.naturalWidth > 0
        ),
      PICTURES
    );
  const viewsPainted = async (): Promise<boolean> => {
    const s = await pageState(page);
    return s.onScreen > 0 && s.onScreenPainted === s.onScreen;
  };

  const reference: IRound[] = [];
  const views: IRound[] = [];
  const lines: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const r = await scrollRound(
      page,
      `${tmpPath}/pictures.ipynb`,
      picturesShown
    );
    const v = await scrollRound(page, `${tmpPath}/views.ipynb`, viewsPainted);
    reference.push(r);
    views.push(v);
    lines.push(
      `  round ${round}: views (${v.steps}) longest task ${v.longest.toFixed(0)} ms (${v.over50} of ${v.count} long tasks over 50 ms), longest span of ours ${v.oursLongest.toFixed(1)} ms; ` +
        `plain pictures (${r.steps}) ${r.longest.toFixed(0)} ms (${r.over50} of ${r.count} over 50 ms)`,
      `    views' spans (main-thread work only): ${v.spans || 'none'}`,
      `    views' long frames: ${v.frames}`,
      `    pictures' long frames: ${r.frames}`
    );
  }
  const of = (rounds: IRound[], key: keyof IRound): number =>
    median(rounds.map(r => r[key]));
  console.log(
    [
      `${COUNT} saved row views vs the same ${COUNT} rows as plain PNG outputs, scrolled down and up, ${ROUNDS} rounds in one session:`,
      ...lines,
      `  median of ${ROUNDS}: views longest task ${of(views, 'longest').toFixed(0)} ms, ${of(views, 'over50')} over 50 ms, longest span of ours ${of(views, 'oursLongest').toFixed(1)} ms; ` +
        `plain pictures ${of(reference, 'longest').toFixed(0)} ms, ${of(reference, 'over50')} over 50 ms`
    ].join('\n')
  );

  // Correctness: the saved notebook's views all painted when on screen (the
  // polls above), every output became a view once scrolled past, and
  // nothing of ours threw.
  await openPainted(page, `${tmpPath}/views.ipynb`, viewsPainted);
  await scrollThrough(page, 1);
  await expect
    .poll(async () => {
      const s = await pageState(page);
      return Object.values(s.states).reduce((a, b) => a + b, 0);
    })
    .toBe(COUNT);
  expect((await pageState(page)).duplicateIds).toEqual([]);
  const ours = errors.filter(
    e => !/\/static\/lab\/jlab_core/.test(e) || /chexmask/.test(e)
  );
  expect(ours).toEqual([]);
});
