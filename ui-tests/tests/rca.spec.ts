/**
 * RCA histograms in a real JupyterLab: the shared rows' histogram renders,
 * dragging the threshold to 0.8 shows the kept counts this test computes
 * itself from the CSVs, toggling a dataset hides it, and the figures.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv, parseRow } from '../../src/core';
import {
  expectKernelPicture,
  py,
  runInNewNotebook,
  savedViewPicture,
  SHARED_DATA
} from './helpers';

const FOLDER = path.join(SHARED_DATA, 'chexmask-preprocessed');
const FILES = fs
  .readdirSync(FOLDER)
  .filter(f => f.endsWith('.csv'))
  .sort();

/** Per dataset (file stem): rows with Dice RCA (Mean) ≥ t, counted directly. */
function keptDirect(t: number): Map<string, number> {
  const kept = new Map<string, number>();
  for (const file of FILES) {
    const rows = parseCsv(fs.readFileSync(path.join(FOLDER, file), 'utf8')).map(
      r => parseRow(r)
    );
    kept.set(
      file.replace(/\.csv$/, ''),
      rows.filter(r => r.diceRcaMean !== null && r.diceRcaMean >= t).length
    );
  }
  return kept;
}

test.describe('RCA histogram', () => {
  test('renders the shared rows, drags the threshold to 0.8, toggles a dataset', async ({
    page
  }) => {
    const paths = FILES.map(f => py(path.join(FOLDER, f))).join(', ');
    await runInNewNotebook(
      page,
      'rca.ipynb',
      `import jupyterlab_chexmask as cm\ncm.rca_histogram([${paths}], progress=False)`
    );
    const view = page.locator('.jp-OutputArea-output.jp-chexmask-RcaView');
    await expect(view).toHaveAttribute('data-state', 'painted');
    await expect(view.locator('path.jp-chexmask-rca-bars')).toHaveCount(
      FILES.length
    );
    await expect(view).toHaveAttribute('data-threshold', '0.700');

    // At its first state the view shows what the kernel's picture shows:
    // that picture stays in the output.
    const kernel = await expectKernelPicture(page, view, 0);
    expect(kernel.metadata['image/png'].alt).toContain('CheXpert');

    // Drag the threshold line to where 0.8 is on the x axis, then settle it with the keyboard.
    const handle = view.locator('.jp-chexmask-threshold-handle');
    const ticks = view.locator('.jp-chexmask-axis-x .tick');
    const tickX = async (label: string): Promise<number> => {
      const tick = ticks.filter({ hasText: new RegExp(`^${label}$`) });
      const box = (await tick.locator('line').boundingBox())!;
      return box.x + box.width / 2;
    };
    const x08 = await tickX('0.8');
    const from = (await handle.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(x08, from.y + from.height / 2, { steps: 8 });
    await page.mouse.up();
    const dragged = Number(await view.getAttribute('data-threshold'));
    expect(Math.abs(dragged - 0.8)).toBeLessThan(0.005);
    console.log(
      `threshold drag event → view and table updated: ${await view.getAttribute('data-threshold-ms')} ms`
    );
    await handle.focus();
    const steps = Math.round((0.8 - dragged) * 1000);
    for (let k = 0; k < Math.abs(steps); k++) {
      await page.keyboard.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
    }
    await expect(view).toHaveAttribute('data-threshold', '0.800');

    const expected = keptDirect(0.8);
    for (const [name, kept] of expected) {
      const row = view.locator(`tr[data-dataset="${name}"]`);
      await expect(row.locator('td').nth(2)).toHaveText(
        kept.toLocaleString('en-US')
      );
    }

    // Moved threshold: the save writes the view's picture, with its alt text.
    const saved = await savedViewPicture(page, view, 0);
    expect(saved.metadata['image/png'].alt).toMatch(
      /threshold 0\.800: .*CheXpert [\d,]+ rows, [\d.]+% kept/
    );

    // Toggling a dataset hides its bars.
    await view
      .locator('input.jp-chexmask-dataset-toggle[data-dataset="Padchest"]')
      .uncheck();
    await expect(
      view.locator('path.jp-chexmask-rca-bars[data-dataset="Padchest"]')
    ).toHaveCount(0);
    await expect(view.locator('path.jp-chexmask-rca-bars')).toHaveCount(
      FILES.length - 1
    );
    await expect(view.locator('.jp-chexmask-swapped')).toContainText(
      '30 rows with Mean > Max'
    );

    // The number input sets it too.
    await view.locator('input.jp-chexmask-threshold-input').fill('0.9');
    await view.locator('input.jp-chexmask-threshold-input').press('Enter');
    await expect(view).toHaveAttribute('data-threshold', '0.900');
  });

  // Six datasets with the release's 657,566 masks: the five of 1.0 with their
  // row counts (FORMAT.md) and 103 CANDID-PTX rows to make up the total.
  test('renders the six datasets of 657,566 rows quickly', async ({ page }) => {
    await runInNewNotebook(
      page,
      'rca-release.ipynb',
      [
        'import numpy as np, pandas as pd, jupyterlab_chexmask as cm',
        "sizes = {'CheXpert': 187825, 'ChestX-ray8': 112120, 'MIMIC-CXR-JPG': 243334, 'Padchest': 96184, 'VinDr-CXR': 18000, 'CANDID-PTX': 103}",
        'rng = np.random.default_rng(0)',
        "scores = lambda m, k: pd.DataFrame({'Dice RCA (Mean)': m, 'Dice RCA (Max)': np.minimum(1, m + rng.random(k) * 0.05)})",
        'frames = {n: scores(rng.beta(12, 3, k), k) for n, k in sizes.items()}',
        'h = cm.rca_histogram(frames, progress=False)',
        "print(sum(d['rows'] for d in h.payload['datasets']), len(str(h.payload)))",
        'h'
      ].join('\n')
    );
    const view = page.locator('.jp-OutputArea-output.jp-chexmask-RcaView');
    await expect(view).toHaveAttribute('data-state', 'painted');
    console.log(
      `six-dataset histogram, 657,566 rows: rendered in ${await view.getAttribute('data-render-ms')} ms`
    );
    await expect(view.locator('.jp-chexmask-rca-caption')).toContainText(
      '657,566 rows'
    );
    const handle = view.locator('.jp-chexmask-threshold-handle');
    await handle.focus();
    const times: number[] = [];
    for (let k = 0; k < 10; k++) {
      await page.keyboard.press('ArrowRight');
      times.push(Number(await view.getAttribute('data-threshold-ms')));
    }
    times.sort((a, b) => a - b);
    console.log(`threshold update: median ${times[5]} ms, max ${times[9]} ms`);
    for (const layout of ['stacked', 'multiples']) {
      await view.locator('select[aria-label="Layout"]').selectOption(layout);
      await expect(view.locator('path.jp-chexmask-rca-bars')).toHaveCount(6);
    }
    expect(
      await view.locator('.jp-chexmask-rca-chart').screenshot()
    ).toMatchSnapshot('rca-multiples.png', {
      maxDiffPixelRatio: 0.02
    });
  });
});
