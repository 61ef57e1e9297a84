/**
 * Helpers of the UI tests that drive a client other than Galata's JupyterLab
 * (Notebook 7, a JupyterLite site) with plain Playwright: starting and
 * stopping a server of their own, collecting page errors, and checking that
 * the saved CheXmask views of a notebook paint and respond.
 */
import { expect, Page } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { parseRow } from '../../src/core';
import { maskPixel, pixelOfOnly } from './helpers';

export const REPO = path.resolve(__dirname, '..', '..');
export const VENV_BIN = path.join(REPO, '.venv', 'bin');

export const VIEWS = {
  row: '.jp-OutputArea-output.jp-chexmask-RowView',
  rca: '.jp-OutputArea-output.jp-chexmask-RcaView',
  landmarks: '.jp-OutputArea-output.jp-chexmask-LandmarkView'
};

const MIME = {
  row: 'application/vnd.chexmask.row.v1+json',
  rca: 'application/vnd.chexmask.rca.v1+json'
};

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A server process of a test, with its log file. */
export interface IServer {
  process: ChildProcess;
  base: string;
  log: string;
}

/**
 * Start `command args` (its own process, output to `log`) and wait until
 * `base + probe` answers 200.
 */
export async function startServer(
  command: string,
  args: string[],
  options: {
    base: string;
    probe: string;
    log: string;
    cwd: string;
    env?: NodeJS.ProcessEnv;
  },
  timeoutMs = 60000
): Promise<IServer> {
  fs.mkdirSync(path.dirname(options.log), { recursive: true });
  const out = fs.openSync(options.log, 'w');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', out, out]
  });
  fs.closeSync(out);
  const server = { process: child, base: options.base, log: options.log };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `${command} exited with ${child.exitCode}:\n${fs.readFileSync(options.log, 'utf8').slice(-3000)}`
      );
    }
    try {
      const response = await fetch(options.base + options.probe);
      if (response.ok) {
        return server;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopServer(server);
      throw new Error(`no server at ${options.base} after ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Stop a server started by `startServer` (SIGTERM, then SIGKILL after 10 s). */
export async function stopServer(server: IServer | undefined): Promise<void> {
  const child = server?.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve())
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await exited;
  clearTimeout(timer);
}

/** Page errors, and console errors from the extension, as they happen. */
export function collectErrors(page: Page): {
  pageErrors: string[];
  extensionErrors: string[];
  otherConsoleErrors: string[];
} {
  const errors = {
    pageErrors: [] as string[],
    extensionErrors: [] as string[],
    otherConsoleErrors: [] as string[]
  };
  page.on('pageerror', error => {
    errors.pageErrors.push(String(error.stack ?? error));
  });
  page.on('console', message => {
    if (message.type() !== 'error') {
      return;
    }
    const text = `${message.text()} (${message.location().url || 'no url'})`;
    (/chexmask/i.test(text)
      ? errors.extensionErrors
      : errors.otherConsoleErrors
    ).push(text);
  });
  page.on('response', response => {
    if (response.status() >= 400 && /chexmask/i.test(response.url())) {
      errors.extensionErrors.push(
        `HTTP ${response.status()}: ${response.url()}`
      );
    }
  });
  return errors;
}

/** The first output payload of `mime` in a notebook file. */
function savedPayload(notebook: string, mime: string): any {
  const nb = JSON.parse(fs.readFileSync(notebook, 'utf8'));
  for (const cell of nb.cells) {
    for (const output of cell.outputs ?? []) {
      if (output.data?.[mime]) {
        return output.data[mime];
      }
    }
  }
  throw new Error(`no ${mime} output in ${notebook}`);
}

/** Per dataset of a saved RCA payload: rows with Dice RCA (Mean) ≥ t (bin i holds [i/bins, (i+1)/bins)). */
function keptFromPayload(payload: any, t: number): Map<string, number> {
  const first = Math.round(t * payload.bins);
  return new Map(
    payload.datasets.map((d: any) => [
      d.name,
      (d.mean.counts as number[])
        .slice(first)
        .reduce((sum: number, n: number) => sum + n, 0)
    ])
  );
}

/** Bring a view near the screen (views paint only there) and wait until it is painted. */
export async function painted(
  page: Page,
  selector: string,
  n = 0
): Promise<ReturnType<Page['locator']>> {
  const view = page.locator(selector).nth(n);
  await view.scrollIntoViewIfNeeded();
  await expect(view).toHaveAttribute('data-state', 'painted', {
    timeout: 60000
  });
  return view;
}

/**
 * The saved views of `notebook` (the file the page shows) paint and respond:
 * toggling the right lung in the first row view clears its pixel, the RCA
 * threshold input moves the kept counts to what the saved payload says, and
 * (with `landmarkGroups`) hiding the group of the furthest row of the
 * many-row landmark plot re-ranks its outliers without it.
 */
export async function checkViewsRespond(
  page: Page,
  notebook: string,
  options: { landmarkGroups: boolean }
): Promise<string[]> {
  const done: string[] = [];

  // Row view: a pixel of the right lung alone loses its colour when the lung is toggled off.
  const row = await painted(page, VIEWS.row);
  const p = pixelOfOnly(
    parseRow(savedPayload(notebook, MIME.row).row),
    'rightLung'
  );
  expect((await maskPixel(row, p.x, p.y))[3]).toBe(Math.round(0.45 * 255));
  const toggle = row.locator(
    'input.jp-chexmask-organ-toggle[data-organ="rightLung"]'
  );
  await toggle.uncheck();
  expect((await maskPixel(row, p.x, p.y))[3]).toBe(0);
  await toggle.check();
  expect((await maskPixel(row, p.x, p.y))[3]).toBe(Math.round(0.45 * 255));
  done.push(`row: right lung toggled off and on at (${p.x}, ${p.y})`);

  // RCA histogram: the threshold input changes the kept counts, as the payload's bins say.
  const rca = await painted(page, VIEWS.rca);
  const payload = savedPayload(notebook, MIME.rca);
  await expect(rca).toHaveAttribute('data-threshold', '0.700');
  const keptCell = (name: string) =>
    rca.locator(`tr[data-dataset="${name}"] td`).nth(2);
  for (const [name, kept] of keptFromPayload(payload, 0.7)) {
    await expect(keptCell(name)).toHaveText(kept.toLocaleString('en-US'));
  }
  const input = rca.locator('input.jp-chexmask-threshold-input');
  await input.fill('0.9');
  await input.press('Enter');
  await expect(rca).toHaveAttribute('data-threshold', '0.900');
  const at09 = keptFromPayload(payload, 0.9);
  for (const [name, kept] of at09) {
    await expect(keptCell(name)).toHaveText(kept.toLocaleString('en-US'));
  }
  const before = [...keptFromPayload(payload, 0.7).values()];
  expect([...at09.values()]).not.toEqual(before);
  done.push(
    `RCA: threshold 0.7 → 0.9, kept ${before.join('/')} → ${[...at09.values()].join('/')}`
  );

  // Landmark plot of many rows: hiding the furthest row's group re-ranks the outliers.
  if (options.landmarkGroups) {
    const plots = page.locator(VIEWS.landmarks);
    const count = await plots.count();
    let plot = null;
    for (let i = 0; i < count; i++) {
      const candidate = await painted(page, VIEWS.landmarks, i);
      if (Number(await candidate.getAttribute('data-groups')) > 1) {
        plot = candidate;
        break;
      }
    }
    expect(plot, 'a landmark plot of several groups').not.toBeNull();
    const outlier = await plot!.getAttribute('data-outlier');
    const group = (await plot!
      .locator('.jp-chexmask-lm-outlier-group')
      .first()
      .textContent())!.trim();
    await plot!
      .locator(`input.jp-chexmask-lm-group-toggle[data-group="${group}"]`)
      .uncheck();
    await expect
      .poll(() =>
        plot!.locator('.jp-chexmask-lm-outlier-group').allTextContents()
      )
      .not.toContain(group);
    await expect(plot!).not.toHaveAttribute('data-outlier', outlier!);
    done.push(`landmarks: group ${group} hidden, outliers re-ranked`);
  }
  return done;
}
