/**
 * Issue 14, part 3 (a): a report of 53 views (50 rows shown in loops, one RCA
 * histogram, two landmark plots; scripts/make_report_notebook.py, the
 * notebook tests/python/test_report_export.py executes headless) is run in
 * JupyterLab while only its first screen is looked at, saved, and exported
 * with `jupyter nbconvert --to html`: 53 `<img>`, each with alt text. No view
 * was changed, so every output keeps the picture the kernel drew: the views
 * painted on the first screen show what it shows and write nothing (a view
 * writes its own picture at a save only when it differs), and the others
 * were never painted.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SHARED_DATA } from './helpers';

const REPO = path.resolve(__dirname, '..', '..');
const VENV_BIN = path.join(REPO, '.venv', 'bin');
const GENERATOR = path.join(REPO, 'scripts', 'make_report_notebook.py');
const ROWS = 50;
const VIEWS = 53;
const VIEW = ['RowView', 'RcaView', 'LandmarkView']
  .map(kind => `.jp-OutputArea-output.jp-chexmask-${kind}`)
  .join(', ');
const SCROLLER = '.jp-NotebookPanel .jp-WindowedPanel-outer';

/** Per view on the page: its kind, state, picture state and whether it is on screen. */
function viewStates(
  page: IJupyterLabPageFixture
): Promise<Array<{ state: string; picture: string; onScreen: boolean }>> {
  return page.evaluate(
    ([view, scroller]) => {
      const box = document.querySelector(scroller)!.getBoundingClientRect();
      return Array.from(document.querySelectorAll<HTMLElement>(view)).map(
        node => {
          const r = node.getBoundingClientRect();
          return {
            state: node.dataset.state ?? '',
            picture: node.dataset.picture ?? '',
            onScreen: r.height > 0 && r.bottom > box.top && r.top < box.bottom
          };
        }
      );
    },
    [VIEW, SCROLLER] as const
  );
}

test('a 53-view report run in JupyterLab, first screen only, exports 53 pictures with alt text', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(480000);
  const local = path.join(REPO, 'build', 'tmp', 'report-53.ipynb');
  execFileSync(path.join(VENV_BIN, 'python'), [
    GENERATOR,
    local,
    '--rows',
    String(ROWS),
    '--data',
    SHARED_DATA
  ]);
  await page.contents.uploadFile(local, `${tmpPath}/report.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/report.ipynb`);
  await page.notebook.activate('report.ipynb');

  // Run every code cell in the notebook's kernel, in order, as Run All does,
  // but without moving the active cell: Run All scrolls to the last cell, and
  // this report is only ever looked at on its first screen.
  const run = await page.evaluate(async () => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    await panel.sessionContext.session.kernel.info;
    const started = performance.now();
    const statuses: string[] = [];
    for (const cell of panel.content.widgets) {
      if (cell.model.type === 'code') {
        const reply = await cell.constructor.execute(
          cell,
          panel.sessionContext
        );
        statuses.push(reply?.content?.status ?? 'none');
      }
    }
    return { ms: performance.now() - started, statuses };
  });
  expect(run.statuses.every(s => s === 'ok')).toBe(true);
  expect(await page.locator(SCROLLER).evaluate(node => node.scrollTop)).toBe(0);

  // Every view is on the page; the ones on the first screen paint and find
  // that the kernel's picture shows them.
  await expect(page.locator(VIEW)).toHaveCount(VIEWS);
  await expect
    .poll(
      async () => {
        const views = await viewStates(page);
        const onScreen = views.filter(v => v.onScreen);
        return (
          onScreen.length > 0 &&
          onScreen.every(v => v.state === 'painted') &&
          views.every(v => v.state !== 'painted' || v.picture !== '')
        );
      },
      { timeout: 60000 }
    )
    .toBe(true);
  const views = await viewStates(page);
  const painted = views.filter(v => v.picture !== '');
  expect(painted.length).toBeGreaterThan(0);
  expect(painted.every(v => v.picture === 'kernel')).toBe(true);
  // Most views were never near the screen.
  expect(VIEWS - painted.length).toBeGreaterThan(40);
  expect(await page.locator(SCROLLER).evaluate(node => node.scrollTop)).toBe(0);

  await page.notebook.save();
  const root = process.env.JUPYTERLAB_GALATA_ROOT_DIR!;
  const saved = path.join(root, tmpPath, 'report.ipynb');
  const notebook = JSON.parse(fs.readFileSync(saved, 'utf8'));
  const outputs = notebook.cells.flatMap((c: any) =>
    c.cell_type === 'code' ? c.outputs : []
  );
  const pictured = outputs.filter(
    (o: any) =>
      o.data?.['image/png'] && String(o.metadata?.['image/png']?.alt ?? '')
  );
  expect(pictured).toHaveLength(VIEWS);
  const fromBrowser = pictured.filter(
    (o: any) => o.metadata['image/png'].key !== undefined
  ).length;
  // Nothing changed, nothing written (nor any payload re-serialised).
  expect(fromBrowser).toBe(0);

  const html = path.join(REPO, 'build', 'tmp', 'report-53.html');
  const started = Date.now();
  execFileSync(
    path.join(VENV_BIN, 'jupyter'),
    ['nbconvert', '--to', 'html', '--output', html, saved],
    { stdio: 'pipe' }
  );
  const exportMs = Date.now() - started;
  const text = fs.readFileSync(html, 'utf8');
  const images = text.match(/<img\b[^>]*>/g) ?? [];
  const withAlt = [
    ...text.matchAll(/<img alt="([^"]+)" src="data:image\/png;base64,/g)
  ].map(m => m[1]);
  expect(images).toHaveLength(VIEWS);
  expect(withAlt).toHaveLength(VIEWS);
  expect(withAlt.every(alt => alt.trim() !== '')).toBe(true);
  expect(
    withAlt.filter(alt => alt.startsWith('CheXmask segmentation of '))
  ).toHaveLength(ROWS);
  expect(
    withAlt.filter(alt => alt.startsWith('RCA histogram of Dice RCA (Mean)'))
  ).toHaveLength(1);
  expect(
    withAlt.filter(alt => alt.startsWith('Landmark plot of '))
  ).toHaveLength(2);
  console.log(
    `report: 53 views run in JupyterLab in ${(run.ms / 1000).toFixed(1)} s; ` +
      `first screen only: ${painted.length} views painted, showing the kernel's picture ` +
      `(${fromBrowser} browser pictures saved), ${VIEWS - painted.length} never painted; ` +
      `nbconvert --to html in ${(exportMs / 1000).toFixed(1)} s: ` +
      `${withAlt.length} <img alt> of ${images.length} <img>, ` +
      `${(fs.statSync(saved).size / 2 ** 20).toFixed(1)} MB notebook`
  );
});
