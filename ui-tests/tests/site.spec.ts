/**
 * Issue 14, part 4: a report as a static site. `make site` (scripts/build_site.sh)
 * executes examples/demo.ipynb headless and builds build/site/ with
 * jupyterlite-core and the extension; here it is served as plain files with
 * `python -m http.server` on 127.0.0.1 and opened in Chromium: no Jupyter
 * server, no kernel. The saved views paint, a row's organ toggle changes a
 * canvas pixel, the RCA threshold input changes the kept counts, and no page
 * error occurs.
 *
 * `make ui-test` builds the site first (its `site` prerequisite); run alone,
 * this test builds it when build/site has no demo.ipynb.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  checkViewsRespond,
  collectErrors,
  freePort,
  IServer,
  painted,
  REPO,
  startServer,
  stopServer,
  VENV_BIN,
  VIEWS
} from './standalone';

const SITE = path.join(REPO, 'build', 'site');
const NOTEBOOK = 'demo.ipynb';
const SAVED = path.join(SITE, 'files', NOTEBOOK);

let server: IServer | undefined;

test.describe('static site (JupyterLite)', () => {
  test.beforeAll(async () => {
    test.setTimeout(600000);
    if (!fs.existsSync(SAVED)) {
      const started = Date.now();
      execFileSync('make', ['site', 'NOTEBOOKS=examples/demo.ipynb'], {
        cwd: REPO,
        stdio: 'pipe'
      });
      console.log(`make site: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const port = await freePort();
    server = await startServer(
      path.join(VENV_BIN, 'python'),
      ['-m', 'http.server', '--bind', '127.0.0.1', String(port)],
      {
        base: `http://127.0.0.1:${port}`,
        probe: '/lab/index.html',
        log: path.join(REPO, 'build', 'site-server.log'),
        cwd: SITE
      }
    );
  });

  test.afterAll(async () => {
    const pid = server?.process.pid;
    await stopServer(server);
    if (pid !== undefined) {
      expect(() => process.kill(pid, 0)).toThrow();
    }
  });

  test('the saved views paint and respond with no server and no kernel', async ({
    page
  }) => {
    const errors = collectErrors(page);
    const started = Date.now();
    await page.goto(
      `${server!.base}/lab/index.html?path=${encodeURIComponent(NOTEBOOK)}`
    );
    // No kernel is offered (there is none in the site): JupyterLab asks which to use.
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible({ timeout: 90000 });
    await expect(dialog).toContainText('Select Kernel');
    const noKernel = dialog.getByRole('button', { name: 'No Kernel' });
    const answer = (await noKernel.count()) > 0 ? 'No Kernel' : 'Escape';
    if (answer === 'No Kernel') {
      await noKernel.click();
    } else {
      await page.keyboard.press('Escape');
    }
    await expect(dialog).toHaveCount(0);

    for (const selector of Object.values(VIEWS)) {
      await painted(page, selector);
    }
    const paintedMs = Date.now() - started;
    const kinds = await Promise.all(
      Object.values(VIEWS).map(s => page.locator(s).count())
    );
    const done = await checkViewsRespond(page, SAVED, {
      landmarkGroups: false
    });
    // Every landmark plot paints too.
    const plots = await page.locator(VIEWS.landmarks).count();
    for (let i = 0; i < plots; i++) {
      await painted(page, VIEWS.landmarks, i);
    }
    await page.waitForTimeout(500); // late errors
    expect(errors.pageErrors).toEqual([]);
    expect(errors.extensionErrors).toEqual([]);
    console.log(
      `site: kernel dialog answered with ${answer}; ` +
        `${kinds.join('/')} row/RCA/landmark views, first of each painted ` +
        `${(paintedMs / 1000).toFixed(1)} s after opening; ${done.join('; ')}; ` +
        `${errors.otherConsoleErrors.length} other console error(s)`
    );
    for (const error of errors.otherConsoleErrors) {
      console.log(`  (not the extension's) ${error}`);
    }
  });
});
