/**
 * Accessibility and themes: every view passes axe-core with no serious or
 * critical violation, and switching JupyterLab's theme restyles the views
 * live (axis text, backgrounds) while the masks stay visible.
 */
import { expect, test } from '@jupyterlab/galata';
import {
  axeProblems,
  maskPixel,
  paintedRowView,
  showThreeViews
} from './helpers';

const VIEWS = [
  '.jp-chexmask-RowView',
  '.jp-chexmask-RcaView',
  '.jp-chexmask-LandmarkView'
];

test.describe('accessibility and themes', () => {
  test.beforeEach(async ({ page }) => {
    await showThreeViews(page, 'a11y.ipynb');
  });

  test('every view has no serious or critical axe-core violation', async ({
    page
  }) => {
    for (const selector of VIEWS) {
      expect(await axeProblems(page, selector, selector)).toEqual([]);
    }
  });

  test('switching to the dark theme restyles the views and keeps the masks visible', async ({
    page
  }) => {
    const view = await paintedRowView(page);
    const axisText = page
      .locator('.jp-chexmask-RcaView .jp-chexmask-axis-x .tick text')
      .first();
    const stage = view.locator('.jp-chexmask-stage');
    const look = async (): Promise<string[]> => [
      await axisText.evaluate(e => getComputedStyle(e).fill),
      await stage.evaluate(e => getComputedStyle(e).backgroundColor)
    ];
    const light = await look();
    const lung = { x: 300, y: 450 };
    const before = await maskPixel(view, lung.x, lung.y);
    await page.theme.setDarkTheme();
    await expect.poll(look).not.toEqual(light);
    const dark = await look();
    expect(dark[0]).not.toBe(light[0]);
    expect(dark[1]).not.toBe(light[1]);
    expect(await maskPixel(view, lung.x, lung.y)).toEqual(before);
    expect(before[3]).toBeGreaterThan(0);
    await page.theme.setLightTheme();
  });
});
