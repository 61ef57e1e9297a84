/**
 * An untrusted notebook from a stranger: the views still render (they are
 * safe renderers), and text from the payload is shown as text, never run as
 * HTML — no script runs, no dialog opens, no injected element appears.
 */
import { expect, test } from '@jupyterlab/galata';
import { notebookJson } from './helpers';

const HOSTILE = `<img src=x onerror="window.__chexmaskXss=1"><script>window.__chexmaskXss=2</script>javascript:alert(1)`;

function output(mime: string, data: unknown): Record<string, unknown> {
  return {
    output_type: 'display_data',
    data: { [mime]: data, 'text/plain': 'CheXmask output' },
    metadata: {}
  };
}

const counts = Array.from({ length: 100 }, (_, i) => (i >= 70 ? 2 : 0));
const histogram = {
  counts,
  missing: 0,
  outOfRange: 0,
  count: 60,
  sum: 48,
  sumSquares: 39,
  min: 0.7,
  max: 0.99
};

const NOTEBOOK = notebookJson([
  {
    id: 'row',
    source: 'cm.show(row)',
    outputs: [
      output('application/vnd.chexmask.row.v1+json', {
        version: 1,
        row: {
          image_id: HOSTILE,
          'Dice RCA (Mean)': 0.8,
          'Dice RCA (Max)': 0.9,
          Heart: '1 4',
          Height: 4,
          Width: 4
        },
        title: HOSTILE
      })
    ]
  },
  {
    id: 'rca',
    source: 'cm.rca_histogram(df)',
    outputs: [
      output('application/vnd.chexmask.rca.v1+json', {
        version: 1,
        bins: 100,
        datasets: [
          {
            name: HOSTILE,
            rows: 60,
            swapped: 3,
            mean: histogram,
            max: histogram
          }
        ],
        title: HOSTILE
      })
    ]
  }
]);

test('an untrusted notebook renders its views and never runs payload text', async ({
  page,
  tmpPath
}) => {
  const dialogs: string[] = [];
  page.on('dialog', dialog => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const file = `${tmpPath}/untrusted.ipynb`;
  await page.contents.uploadContent(NOTEBOOK, 'text', file);
  await page.notebook.openByPath(file);
  const row = page.locator('.jp-OutputArea-output.jp-chexmask-RowView');
  const rca = page.locator('.jp-OutputArea-output.jp-chexmask-RcaView');
  await expect(row).toHaveAttribute('data-state', 'painted');
  await expect(rca).toHaveAttribute('data-state', 'painted');
  expect(
    await page.evaluate(
      () =>
        (window as any).jupyterapp.shell.currentWidget.context.model.cells.get(
          0
        ).trusted
    )
  ).toBe(false);

  await expect(row.locator('.jp-chexmask-id')).toHaveText(HOSTILE);
  await expect(row.locator('.jp-chexmask-title')).toHaveText(HOSTILE);
  await expect(rca.locator('.jp-chexmask-title')).toHaveText(HOSTILE);
  await expect(rca.locator('tr[data-dataset] th')).toContainText('<img src=x');
  for (const view of [row, rca]) {
    await expect(view.locator('script')).toHaveCount(0);
    await expect(view.locator('img[src="x"]')).toHaveCount(0);
  }
  expect(
    await page.evaluate(() => (window as any).__chexmaskXss)
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
});
