/**
 * Histograms of any column in a real JupyterLab (issue 17, part 3): a CTR
 * histogram of the measured shared rows, split by a View Position column
 * joined to them as a user would; the threshold typed, dragged and moved by
 * keyboard, on both sides, shows the kept counts pandas gives in the same
 * kernel; axe-core finds no serious or critical violation in the view; and
 * the figures of a 657,566-row table against the RCA view of the same rows,
 * in the same run.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import * as path from 'path';
import {
  axeProblems,
  expectKernelPicture,
  py,
  runInNewNotebook,
  savedViewPicture,
  SHARED_DATA
} from './helpers';

const FOLDER = path.join(SHARED_DATA, 'chexmask-preprocessed');

/** Measure the shared rows and join a made-up View Position (every third row AP) by id. */
const TABLE = [
  'import glob, json, numpy as np, pandas as pd, jupyterlab_chexmask as cm',
  `m = cm.measure(sorted(glob.glob(${py(FOLDER + '/*.csv')})), progress=False)`,
  "ids = m['Path'].fillna(m['Image Index']).fillna(m['dicom_id']).fillna(m['ImageID']).fillna(m['image_id'])",
  "meta = pd.DataFrame({'id': ids, 'View Position': np.where(np.arange(len(m)) % 3 == 0, 'AP', 'PA')})",
  "m = m.assign(id=ids).merge(meta, on='id', how='left', validate='one_to_one')",
  "assert m['View Position'].notna().all()"
];

/** The Python of a cell that prints pandas' kept counts per View Position at `t`. */
function pandasKept(t: string, keep: '>=' | '<'): string {
  return `kept = m[m['CTR'] ${keep} ${t}].groupby('View Position').size()\nprint('KEPT ' + json.dumps({k: int(v) for k, v in kept.items()}))`;
}

/** Run `code` in cell `index` and parse the `KEPT {...}` line it prints. */
async function runKept(
  page: IJupyterLabPageFixture,
  index: number,
  code: string
): Promise<Record<string, number>> {
  await page.notebook.setCell(index, 'code', code);
  await page.notebook.runCell(index, true);
  const output = page
    .locator('.jp-Cell')
    .nth(index)
    .locator('.jp-OutputArea-output');
  await expect(output).toContainText('KEPT ');
  const text = (await output.textContent()) ?? '';
  return JSON.parse(text.slice(text.indexOf('KEPT ') + 5));
}

/** The kept counts the view's table shows, per group. */
async function viewKept(view: Locator): Promise<Record<string, number>> {
  const kept: Record<string, number> = {};
  for (const group of ['AP', 'PA']) {
    const cell = view.locator(`tr[data-group="${group}"] td`).nth(2);
    kept[group] = Number(((await cell.textContent()) ?? '').replace(/,/g, ''));
  }
  return kept;
}

test.describe('histogram of any column', () => {
  test('CTR by View Position: kept counts at typed, dragged and keyed thresholds equal pandas', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'histogram.ipynb',
      [
        ...TABLE,
        "cm.histogram(m, 'CTR', by='View Position', threshold=0.5, title='CTR by view')"
      ].join('\n')
    );
    const view = page.locator(
      '.jp-OutputArea-output.jp-chexmask-HistogramView'
    );
    await expect(view).toHaveAttribute('data-state', 'painted');
    await expect(view.locator('path.jp-chexmask-histogram-bars')).toHaveCount(
      2
    );
    await expect(view.locator('.jp-chexmask-histogram-caption')).toContainText(
      'rows of CTR in 2 group(s) by View Position'
    );
    const threshold = async (): Promise<string> =>
      (await view.getAttribute('data-threshold')) ?? '';
    expect(Number(await threshold())).toBe(0.5);
    await page.notebook.addCell('code', '');
    expect(await viewKept(view)).toEqual(
      await runKept(page, 1, pandasKept('0.5', '>='))
    );

    // At its first state the view shows what the kernel's picture shows:
    // that picture stays in the output.
    await expectKernelPicture(page, view, 0);

    // Typed.
    const input = view.locator('input.jp-chexmask-threshold-input');
    await input.fill('0.55');
    await input.press('Enter');
    expect(Number(await threshold())).toBe(0.55);
    expect(await viewKept(view)).toEqual(
      await runKept(page, 1, pandasKept('0.55', '>='))
    );

    // Dragged to the 0.45 tick, then one Shift+arrow step (0.001 at bins of 0.0001).
    const handle = view.locator('.jp-chexmask-threshold-handle');
    const tick = view
      .locator('.jp-chexmask-axis-x .tick')
      .filter({ hasText: /^0\.45$/ });
    const tickBox = (await tick.locator('line').boundingBox())!;
    const from = (await handle.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(tickBox.x, from.y + from.height / 2, { steps: 8 });
    await page.mouse.up();
    const dragged = await threshold();
    expect(Math.abs(Number(dragged) - 0.45)).toBeLessThan(0.005);
    expect(await viewKept(view)).toEqual(
      await runKept(page, 1, pandasKept(dragged, '>='))
    );
    await handle.focus();
    await page.keyboard.press('Shift+ArrowRight');
    const keyed = await threshold();
    expect(Number(keyed)).toBeCloseTo(Number(dragged) + 0.001, 10);

    // The other side: keep the values below.
    await view.locator('select[aria-label="Keep"]').selectOption('below');
    await expect(view).toHaveAttribute('data-keep', 'below');
    expect(await viewKept(view)).toEqual(
      await runKept(page, 1, pandasKept(keyed, '<'))
    );
    await expect(view.locator('thead')).toContainText(`Kept (CTR < ${keyed})`);

    // Hiding a group hides its bars; the CSV button is there.
    await view
      .locator('input.jp-chexmask-group-toggle[data-group="AP"]')
      .uncheck();
    await expect(view.locator('path.jp-chexmask-histogram-bars')).toHaveCount(
      1
    );
    await expect(
      view.locator('button[aria-label="Download the counts drawn as CSV"]')
    ).toHaveCount(1);

    // axe-core on the whole view (chart, controls, summary table).
    expect(
      await axeProblems(
        page,
        '.jp-OutputArea-output.jp-chexmask-HistogramView',
        'the histogram view'
      )
    ).toEqual([]);

    // Changed: the save writes the view's picture, with the view's alt text.
    const saved = await savedViewPicture(page, view, 0);
    expect(saved.metadata['image/png'].alt).toContain(
      'Histogram of CTR by View Position, keeping CTR < '
    );
  });

  test('example rows: a clicked bar shows its sampled rows (the test’s own pandas selection), a tile opens large', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'histogram-examples.ipynb',
      [
        ...TABLE,
        `rows = pd.concat([cm.read_csv(f) for f in sorted(glob.glob(${py(FOLDER + '/*.csv')}))], ignore_index=True)`,
        "rows['id'] = rows['Path'].fillna(rows['Image Index']).fillna(rows['dicom_id']).fillna(rows['ImageID']).fillna(rows['image_id'])",
        "t = m.merge(rows[[c for c in rows.columns if c not in m.columns or c == 'id']], on='id', validate='one_to_one')",
        'assert len(t) == len(m)',
        "h = cm.histogram(t, 'CTR', by='View Position', threshold=0.5, examples=3)",
        'h'
      ].join('\n')
    );
    const view = page.locator(
      '.jp-OutputArea-output.jp-chexmask-HistogramView'
    );
    await expect(view).toHaveAttribute('data-state', 'painted');
    await page.notebook.addCell('code', '');

    /**
     * The test's own selection of the rows in lattice bins [from, to): per
     * View Position the 3 of smallest key (53 bits of pandas' hash of the id,
     * as the schema says), read straight from the table with pandas.
     */
    const pandasIds = async (band: string): Promise<string[]> => {
      const [from, to] = band.split('_').map(Number);
      const code = [
        "e = h.payload['exponent']",
        `lo, hi = (${from} / 10**-e, ${to} / 10**-e) if e < 0 else (${from} * 10**e, ${to} * 10**e)`,
        "s = t[(t['CTR'] >= lo) & (t['CTR'] < hi)].assign(key=lambda d: pd.util.hash_pandas_object(d['id'].astype(str), index=False).to_numpy(np.uint64) >> np.uint64(11))",
        "ids = s.sort_values(['key']).groupby('View Position').head(3)['id']",
        "print('IDS ' + json.dumps(sorted(ids.astype(str))))"
      ].join('\n');
      await page.notebook.setCell(1, 'code', code);
      await page.notebook.runCell(1, true);
      const output = page
        .locator('.jp-Cell')
        .nth(1)
        .locator('.jp-OutputArea-output');
      await expect(output).toContainText('IDS ');
      const text = (await output.textContent()) ?? '';
      return JSON.parse(text.slice(text.indexOf('IDS ') + 4));
    };
    const tiles = view.locator(
      '.jp-chexmask-histogram-examples .jp-chexmask-tile'
    );
    const viewIds = async (): Promise<string[]> => {
      const n = Number(await view.getAttribute('data-examples'));
      await expect(tiles).toHaveCount(n);
      return (
        await tiles.evaluateAll(nodes =>
          nodes.map(node => node.getAttribute('data-id') ?? '')
        )
      ).sort();
    };

    // Click the bars just right of the 0.55 tick (away from the threshold at 0.5).
    const tick = view
      .locator('.jp-chexmask-axis-x .tick')
      .filter({ hasText: /^0\.55$/ })
      .locator('line');
    const box = (await tick.boundingBox())!;
    const plot = (await view
      .locator('path.jp-chexmask-histogram-bars')
      .first()
      .boundingBox())!;
    await page.mouse.click(box.x + 3, plot.y + plot.height - 3);
    await expect(view).toHaveAttribute('data-examples-band', /^\d+_\d+$/);
    const band = (await view.getAttribute('data-examples-band'))!;
    const ids = await viewIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(await pandasIds(band));

    // A tile opens large, as the row view.
    await tiles.first().locator('.jp-chexmask-tile-picture').click();
    await expect(
      view.locator('.jp-chexmask-gallery-large .jp-chexmask-RowView')
    ).toHaveAttribute('data-state', 'painted');
    await view.getByRole('button', { name: /Back to the gallery/ }).click();

    // Rows just under the threshold: the bar-wide range ending at 0.5.
    await view.locator('.jp-chexmask-histogram-under').click();
    await expect(view).not.toHaveAttribute('data-examples-band', band);
    const under = (await view.getAttribute('data-examples-band'))!;
    // As wide as a drawn bar, below the clicked one (0.5 < 0.55).
    const [from, to] = band.split('_').map(Number);
    const [uFrom, uTo] = under.split('_').map(Number);
    expect(uTo - uFrom).toBe(to - from);
    expect(uTo).toBeLessThanOrEqual(from);
    expect(await viewIds()).toEqual(await pandasIds(under));
  });

  test('657,566 rows: render and threshold times against the RCA view of the same rows', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'histogram-release.ipynb',
      [
        ...TABLE,
        'big = pd.concat([m] * (-(-657566 // len(m))), ignore_index=True).iloc[:657566]',
        "h = cm.histogram(big, 'CTR', by='dataset')",
        "r = cm.rca_histogram(big[['Dice RCA (Mean)', 'Dice RCA (Max)', 'dataset']], dataset_column='dataset', progress=False)",
        'print(len(big), len(json.dumps(h.payload)), len(json.dumps(r.payload)))',
        'display(h, r)'
      ].join('\n')
    );
    const histogram = page.locator(
      '.jp-OutputArea-output.jp-chexmask-HistogramView'
    );
    const rca = page.locator('.jp-OutputArea-output.jp-chexmask-RcaView');
    await expect(histogram).toHaveAttribute('data-state', 'painted');
    await rca.scrollIntoViewIfNeeded();
    await expect(rca).toHaveAttribute('data-state', 'painted');
    await expect(
      histogram.locator('.jp-chexmask-histogram-caption')
    ).toContainText('657,566 rows');
    const figures: string[] = [];
    for (const [name, view] of [
      ['histogram', histogram],
      ['RCA', rca]
    ] as const) {
      const render = Number(await view.getAttribute('data-render-ms'));
      const handle = view.locator('.jp-chexmask-threshold-handle');
      await handle.scrollIntoViewIfNeeded();
      await handle.focus();
      const keys: number[] = [];
      for (let k = 0; k < 11; k++) {
        await page.keyboard.press('ArrowRight');
        keys.push(Number(await view.getAttribute('data-threshold-ms')));
      }
      // A drag: the time of the last drag event's update.
      const box = (await handle.boundingBox())!;
      const drags: number[] = [];
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let k = 1; k <= 11; k++) {
        await page.mouse.move(
          box.x + box.width / 2 - 8 * k,
          box.y + box.height / 2
        );
        drags.push(Number(await view.getAttribute('data-threshold-ms')));
      }
      await page.mouse.up();
      keys.sort((a, b) => a - b);
      drags.sort((a, b) => a - b);
      figures.push(
        `${name}: render ${render.toFixed(1)} ms, threshold key median ${keys[5].toFixed(2)} ms (max ${keys[10].toFixed(2)}), drag median ${drags[5].toFixed(2)} ms (max ${drags[10].toFixed(2)})`
      );
    }
    const ratio =
      Number(await histogram.getAttribute('data-render-ms')) /
      Number(await rca.getAttribute('data-render-ms'));
    console.log(
      `657,566 rows:\n  ${figures.join('\n  ')}\n  render ratio histogram / RCA: ${ratio.toFixed(2)}`
    );
  });
});
