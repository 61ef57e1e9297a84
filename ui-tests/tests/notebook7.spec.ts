/**
 * Issue 14, part 3 (c): Jupyter Notebook 7 (the `notebook` package, which
 * uses the same prebuilt extensions as JupyterLab) shows a notebook with
 * saved outputs of the three views: each paints and responds like in the
 * JupyterLab tests (a row's organ toggle changes a canvas pixel, the RCA
 * threshold input changes the kept counts, a landmark group toggle re-ranks
 * the outliers), with no console error from the extension and no page error
 * but Notebook 7.6's own start-up race (jupyter/notebook#7862), which a bare
 * `notebook` install throws too.
 *
 * Galata drives JupyterLab only, so this is a plain Playwright test: it
 * starts `jupyter notebook` itself on a free loopback port (no token, its own
 * Jupyter folders under build/notebook7) and stops it at the end. The
 * notebook is scripts/make_report_notebook.py's with one row, executed
 * headless first.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SHARED_DATA } from './helpers';
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

const OUT = path.join(REPO, 'build', 'notebook7');
const ROOT = path.join(OUT, 'root');
const NOTEBOOK = path.join(ROOT, 'views.ipynb');

let server: IServer | undefined;
let version = '';

test.describe('Jupyter Notebook 7', () => {
  test.beforeAll(async () => {
    test.setTimeout(300000);
    fs.rmSync(OUT, { recursive: true, force: true });
    const dirs = ['config', 'data', 'runtime', 'ipython', 'tmp', 'root'];
    for (const dir of dirs) {
      fs.mkdirSync(path.join(OUT, dir), { recursive: true });
    }
    const env = {
      ...process.env,
      JUPYTER_CONFIG_DIR: path.join(OUT, 'config'),
      JUPYTER_DATA_DIR: path.join(OUT, 'data'),
      JUPYTER_RUNTIME_DIR: path.join(OUT, 'runtime'),
      IPYTHONDIR: path.join(OUT, 'ipython'),
      TMPDIR: path.join(OUT, 'tmp'),
      PATH: `${VENV_BIN}:${process.env.PATH}`
    };
    const started = Date.now();
    execFileSync(
      path.join(VENV_BIN, 'python'),
      [
        path.join(REPO, 'scripts', 'make_report_notebook.py'),
        NOTEBOOK,
        '--rows',
        '1',
        '--data',
        SHARED_DATA,
        '--execute'
      ],
      { env, stdio: 'pipe' }
    );
    const executedMs = Date.now() - started;
    version = execFileSync(
      path.join(VENV_BIN, 'jupyter-notebook'),
      ['--version'],
      {
        env
      }
    )
      .toString()
      .trim();
    expect(version).toMatch(/^7\./);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServer(
      path.join(VENV_BIN, 'jupyter-notebook'),
      [
        '--no-browser',
        `--port=${port}`,
        '--ServerApp.port_retries=0',
        '--ServerApp.ip=127.0.0.1',
        '--ServerApp.token=',
        '--ServerApp.password=',
        '--ServerApp.allow_root=True',
        `--ServerApp.root_dir=${ROOT}`,
        '--FileContentsManager.delete_to_trash=False'
      ],
      {
        base,
        probe: '/api/status',
        log: path.join(OUT, 'server.log'),
        cwd: ROOT,
        env
      }
    );
    console.log(
      `Notebook ${version} on ${base}; notebook executed headless in ${(executedMs / 1000).toFixed(1)} s`
    );
  });

  test.afterAll(async () => {
    const pid = server?.process.pid;
    await stopServer(server);
    if (pid !== undefined) {
      // The server is gone (its kernels with it).
      expect(() => process.kill(pid, 0)).toThrow();
    }
  });

  test('the three saved views paint and respond', async ({ page }) => {
    const errors = collectErrors(page);
    const started = Date.now();
    await page.goto(`${server!.base}/notebooks/views.ipynb`);
    // Notebook 7's own shell, not JupyterLab's.
    await expect(page.locator('#main-panel .jp-NotebookPanel')).toHaveCount(1);
    await expect(page.locator('.jp-LabShell')).toHaveCount(0);
    await expect(page).toHaveTitle(/views/);
    for (const selector of Object.values(VIEWS)) {
      await painted(page, selector);
    }
    await expect(page.locator(VIEWS.row)).toHaveCount(1);
    await expect(page.locator(VIEWS.rca)).toHaveCount(1);
    await expect(page.locator(VIEWS.landmarks)).toHaveCount(2);
    const paintedMs = Date.now() - started;

    const done = await checkViewsRespond(page, NOTEBOOK, {
      landmarkGroups: true
    });
    await page.waitForTimeout(500); // late errors
    // Notebook 7.6's own start-up race (jupyter/notebook#7862): its shortcuts
    // plugin reads its settings before they are loaded. A bare `notebook`
    // install without this extension throws it too; anything else fails.
    const upstream = errors.pageErrors.filter(
      e =>
        e.startsWith(
          "TypeError: Cannot read properties of undefined (reading 'schema')"
        ) &&
        /\/static\/notebook\/notebook_core\./.test(e) &&
        !/chexmask/i.test(e)
    );
    expect(
      errors.pageErrors.filter(e => !upstream.includes(e)),
      'page errors'
    ).toEqual([]);
    expect(errors.extensionErrors).toEqual([]);
    console.log(
      `Notebook ${version}: 4 views painted ${(paintedMs / 1000).toFixed(1)} s after opening; ` +
        done.join('; ') +
        `; ${errors.otherConsoleErrors.length} other console error(s), ` +
        `${upstream.length} page error(s) of Notebook's own (jupyter/notebook#7862)`
    );
    for (const error of errors.otherConsoleErrors) {
      console.log(`  (not the extension's) ${error}`);
    }
  });
});
