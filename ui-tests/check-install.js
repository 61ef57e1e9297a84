/**
 * Headless load check of an installed JupyterLab (run by scripts/test-dist.sh,
 * `make test-dist`): the equivalent of `python -m jupyterlab.browser_check`,
 * which needs Playwright's downloadable browser, driving Debian's Chromium.
 *
 *   node ui-tests/check-install.js http://127.0.0.1:PORT NOTEBOOK.ipynb
 *
 * The server must run with `--LabApp.expose_app_in_browser=True`. Opens the
 * notebook, waits for `window.jupyterapp` to be started with the CheXmask
 * plugin activated, and for one painted view of each kind (row, RCA
 * histogram, landmark plot). Fails on any console error, page error or failed
 * request that mentions chexmask or comes from the extension's static files.
 * Node (this driver) is fine here: only the Python install under test must be
 * node-free.
 */
'use strict';

const { chromium } = require('@playwright/test');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = require('./chromium');

const PLUGIN_ID = 'jupyterlab-chexmask:plugin'; // src/plugin.ts
const VIEWS = {
  row: 'jp-chexmask-RowView', // src/row/view.ts
  rca: 'jp-chexmask-RcaView', // src/rca/view.ts
  landmarks: 'jp-chexmask-LandmarkView' // src/landmarks/view.ts
};
// Where JupyterLab serves the extension's static files from (share/jupyter/labextensions).
const STATIC = '/lab/extensions/jupyterlab-chexmask/';
const TIMEOUT_MS = 60000;

/** Whether a message or URL belongs to the extension. */
function fromExtension(...texts) {
  return texts.some(
    t => typeof t === 'string' && (/chexmask/i.test(t) || t.includes(STATIC))
  );
}

/** Wait until the server answers (it was just started). */
async function waitForServer(base, deadline) {
  for (;;) {
    try {
      const response = await fetch(`${base}/api/status`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`no JupyterLab server at ${base}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

async function main() {
  const [base, notebook] = process.argv.slice(2);
  if (!base || !notebook) {
    throw new Error('usage: node check-install.js BASE_URL NOTEBOOK');
  }
  const started = Date.now();
  const deadline = started + TIMEOUT_MS;
  await waitForServer(base, deadline);

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: false, // --headless=new below
    args: ['--headless=new', ...CHROMIUM_ARGS]
  });
  const errors = []; // from the extension
  const others = []; // anything else JupyterLab logs as an error
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 }
    });
    page.on('console', message => {
      if (message.type() !== 'error') {
        return;
      }
      const entry = `console: ${message.text()} (${message.location().url || 'no url'})`;
      (fromExtension(message.text(), message.location().url)
        ? errors
        : others
      ).push(entry);
    });
    page.on('pageerror', error => {
      const entry = `pageerror: ${error.stack || error}`;
      (fromExtension(String(error.stack || error)) ? errors : others).push(
        entry
      );
    });
    page.on('requestfailed', request => {
      if (fromExtension(request.url())) {
        errors.push(`request failed: ${request.url()}`);
      }
    });
    page.on('response', response => {
      if (response.status() >= 400 && fromExtension(response.url())) {
        errors.push(`HTTP ${response.status()}: ${response.url()}`);
      }
    });

    await page.goto(`${base}/lab/tree/${encodeURIComponent(notebook)}`);
    await page.waitForFunction(() => window.jupyterapp !== undefined, null, {
      timeout: deadline - Date.now()
    });
    const app = await page.evaluate(async id => {
      const lab = window.jupyterapp;
      await lab.started;
      await lab.restored;
      return {
        version: lab.version,
        has: lab.hasPlugin(id),
        active:
          typeof lab.isPluginActivated === 'function'
            ? lab.isPluginActivated(id)
            : null
      };
    }, PLUGIN_ID);
    if (!app.has || app.active === false) {
      throw new Error(
        `plugin ${PLUGIN_ID} ${app.has ? 'not activated' : 'not registered'}`
      );
    }

    const painted = {};
    for (const [kind, cls] of Object.entries(VIEWS)) {
      const views = page.locator(`.jp-OutputArea-output.${cls}`);
      await views.first().waitFor({
        state: 'attached',
        timeout: Math.max(1, deadline - Date.now())
      });
      // Views paint only near the visible part of the notebook.
      await views.first().scrollIntoViewIfNeeded();
      await page
        .locator(`.jp-OutputArea-output.${cls}[data-state="painted"]`)
        .first()
        .waitFor({
          state: 'attached',
          timeout: Math.max(1, deadline - Date.now())
        });
      painted[kind] = await views.count();
    }
    await page.waitForTimeout(500); // late errors of the last paint
    const summary =
      `JupyterLab ${app.version}, ${PLUGIN_ID} active, painted ` +
      Object.entries(painted)
        .map(([kind, n]) => `${kind} (${n} in notebook)`)
        .join(', ') +
      `, ${errors.length} extension error(s), ${others.length} other console error(s), ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`;
    for (const entry of others) {
      console.log(`check-install: (not the extension's) ${entry}`);
    }
    if (errors.length) {
      throw new Error(summary);
    }
    console.log(`check-install: OK: ${summary}`);
  } catch (error) {
    for (const entry of errors) {
      console.error(`check-install: ${entry}`);
    }
    throw error;
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(`check-install: FAILED: ${error.message || error}`);
  process.exit(1);
});
