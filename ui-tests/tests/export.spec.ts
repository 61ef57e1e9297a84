/**
 * Sharing: each view downloads as PNG at the data's native resolution (and
 * the charts as SVG), copies its picture to the clipboard, and a notebook
 * rendered in the browser and saved exports with nbconvert to HTML with one
 * `<img alt>` per view — the report still shows pictures without the
 * extension: the browser's for the views changed in it, the kernel's for the
 * others.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { showThreeViews } from './helpers';
const REPO = path.resolve(__dirname, '..', '..');
const VIEWS = {
  row: '.jp-OutputArea-output.jp-chexmask-RowView',
  rca: '.jp-OutputArea-output.jp-chexmask-RcaView',
  landmarks: '.jp-OutputArea-output.jp-chexmask-LandmarkView'
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  );
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Click an export button and return the downloaded file's name and bytes. */
async function download(
  page: IJupyterLabPageFixture,
  view: Locator,
  label: string
): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    view.locator('.jp-chexmask-export button', { hasText: label }).click()
  ]);
  const saved = path.join(
    REPO,
    'build',
    'tmp',
    `download-${file.suggestedFilename()}`
  );
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) };
}

test.describe('sharing', () => {
  test.beforeEach(async ({ page }) => {
    await showThreeViews(page, 'export.ipynb');
    for (const selector of Object.values(VIEWS)) {
      await expect(page.locator(selector)).toHaveAttribute(
        'data-state',
        'painted'
      );
      // Each shows what the kernel drew: its picture stays in the output.
      await expect(page.locator(selector)).toHaveAttribute(
        'data-picture',
        'kernel'
      );
    }
  });

  test('downloads PNG at native resolution and SVG for the charts', async ({
    page
  }) => {
    const row = await download(page, page.locator(VIEWS.row), 'PNG');
    expect(row.name).toMatch(/^chexmask-.+\.png$/);
    // The mask's own resolution, whatever the output's size on screen.
    expect(pngSize(row.bytes)).toEqual([1024, 1024]);
    await expect(
      page
        .locator(VIEWS.row)
        .locator('.jp-chexmask-export button', { hasText: 'SVG' })
    ).toHaveCount(0);

    const rcaPng = await download(page, page.locator(VIEWS.rca), 'PNG');
    expect(pngSize(rcaPng.bytes)[0]).toBeGreaterThan(300);
    const rcaSvg = await download(page, page.locator(VIEWS.rca), 'SVG');
    expect(rcaSvg.name).toBe('chexmask-rca-histogram.svg');
    const rcaText = rcaSvg.bytes.toString('utf8');
    expect(rcaText).toMatch(
      /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/
    );
    // Bars and axis labels as vectors, styles inline (no CSS classes needed).
    expect((rcaText.match(/<rect|<path/g) ?? []).length).toBeGreaterThan(5);
    expect(rcaText).toMatch(/<text[^>]*>[^<]*0\.[0-9]/);
    expect(rcaText).toContain('Padchest');
    expect(rcaText).toMatch(/style="[^"]*fill:/);

    const lmSvg = await download(page, page.locator(VIEWS.landmarks), 'SVG');
    const lmText = lmSvg.bytes.toString('utf8');
    expect(lmText).toMatch(/^<svg/);
    // The density raster embedded as a PNG image, the mean shape as paths.
    expect(lmText).toContain('href="data:image/png;base64,');
    expect(lmText).toMatch(/<path|<polygon|<polyline/);
    await expect(
      page.locator(VIEWS.landmarks).locator('.jp-chexmask-export-status')
    ).toHaveText('SVG downloaded');
  });

  test('copies the picture to the clipboard', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const view = page.locator(VIEWS.row);
    await view
      .locator('.jp-chexmask-export button', { hasText: 'Copy' })
      .click();
    await expect(view.locator('.jp-chexmask-export-status')).toHaveText(
      'Picture copied'
    );
    const size = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item.getType('image/png');
      const bitmap = await createImageBitmap(blob);
      return [bitmap.width, bitmap.height];
    });
    expect(size).toEqual([1024, 1024]);
  });

  test('a notebook rendered in the browser and saved exports to HTML with one picture per view', async ({
    page,
    tmpPath
  }) => {
    // Two views changed: their own pictures are written when it is saved.
    await page
      .locator(VIEWS.row)
      .locator('input.jp-chexmask-organ-toggle[data-organ="heart"]')
      .uncheck();
    await page
      .locator(VIEWS.rca)
      .locator('input.jp-chexmask-dataset-toggle[data-dataset="Padchest"]')
      .uncheck();
    for (const view of [VIEWS.row, VIEWS.rca]) {
      await expect(page.locator(view)).toHaveAttribute(
        'data-picture',
        'pending'
      );
    }
    await page.notebook.save();
    for (const view of [VIEWS.row, VIEWS.rca]) {
      await expect(page.locator(view)).toHaveAttribute(
        'data-picture',
        'written'
      );
    }
    await expect(page.locator(VIEWS.landmarks)).toHaveAttribute(
      'data-picture',
      'kernel'
    );
    const root = process.env.JUPYTERLAB_GALATA_ROOT_DIR!;
    const notebook = path.join(root, tmpPath, 'export.ipynb');
    const saved = JSON.parse(fs.readFileSync(notebook, 'utf8'));
    const outputs = saved.cells[0].outputs as Array<{
      data: Record<string, unknown>;
      metadata: Record<string, { key?: string }>;
    }>;
    expect(outputs).toHaveLength(3);
    // The browser's pictures carry their key; the kernel's does not.
    expect(outputs.map(o => typeof o.metadata['image/png']?.key)).toEqual([
      'string',
      'string',
      'undefined'
    ]);
    const html = path.join(REPO, 'build', 'tmp', 'export.html');
    execFileSync(
      path.join(REPO, '.venv', 'bin', 'jupyter'),
      ['nbconvert', '--to', 'html', '--output', html, notebook],
      { stdio: 'pipe' }
    );
    const text = fs.readFileSync(html, 'utf8');
    const images = [
      ...text.matchAll(/<img alt="([^"]+)" src="data:image\/png;base64,/g)
    ];
    expect(images).toHaveLength(3);
    expect(images[0][1]).toMatch(/^CheXmask segmentation of /);
    expect(images[1][1]).toMatch(/^Histogram of Dice RCA \(Mean\) per dataset/);
    expect(images[2][1]).toMatch(/^Landmark plot of /);
    // Every picture is the one the saved output holds.
    for (const output of outputs) {
      expect(text).toContain(String(output.data['image/png']).slice(0, 200));
    }
  });
});
