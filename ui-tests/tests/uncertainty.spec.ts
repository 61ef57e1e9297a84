/**
 * The uncertainty layer of a CheXmask-U row in a real JupyterLab. The row is
 * a shared CheXpert row made into CheXmask-U's format in the notebook:
 * `Landmarks` renamed `Landmarks (Mean)` and a `Landmarks (Std)` cell of
 * SYNTHETIC σ (made here; not real CheXmask-U data). Each node's colour is
 * read from its SVG `fill` and compared with the viridis colour of its
 * (σx + σy) / 2, computed here from the σ put into the row.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv, parseRow } from '../../src/core';
import {
  paintedRowView,
  py,
  runInNewNotebook,
  screenPoint,
  SHARED_DATA
} from './helpers';

/** The subset of d3 the expected colours need. */
interface ID3 {
  interpolateViridis(t: number): string;
  scaleLinear(): {
    domain(d: number[]): { nice(): { domain(): number[] } };
  };
}

/**
 * d3's own UMD build, for the expected colours: d3's package is ES modules
 * only (`"type": "module"`), which Node 20 cannot `require`, so its bundle is
 * run with an `exports` object to fill.
 */
function loadD3(): ID3 {
  const file = path.resolve(__dirname, '../../node_modules/d3/dist/d3.min.js');
  const exports = {} as ID3;
  new Function('exports', 'module', fs.readFileSync(file, 'utf8'))(exports, {
    exports
  });
  return exports;
}

const d3 = loadD3();

const CHEXPERT = path.join(
  SHARED_DATA,
  'chexmask-preprocessed',
  'CheXpert.csv'
);
const row = parseRow(parseCsv(fs.readFileSync(CHEXPERT, 'utf8'))[0]);

/**
 * Synthetic σ per landmark, in quarters of a pixel (exact in binary, so the
 * two-decimal text is exact): σx from 0.50 to 8.75, σy from 0.25 to 4.75.
 */
const SIGMA: Array<[number, number]> = Array.from({ length: 120 }, (_, i) => [
  0.5 + (i % 12) * 0.75,
  0.25 + ((i * 7) % 10) * 0.5
]);
const STD = SIGMA.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(',');
const MEANS = SIGMA.map(([x, y]) => (x + y) / 2);
const TOP = d3
  .scaleLinear()
  .domain([0, Math.max(...MEANS)])
  .nice()
  .domain()[1];

test.describe('the uncertainty layer of a CheXmask-U row', () => {
  test('colours each node by its σ, with the colour bar, ellipses and hover', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'uncertainty.ipynb',
      [
        'import jupyterlab_chexmask as cm',
        `df = cm.read_csv(${py(CHEXPERT)})`,
        "u = df.rename(columns={'Landmarks': 'Landmarks (Mean)'})",
        `u['Landmarks (Std)'] = ${py(STD)}  # synthetic σ, not CheXmask-U data`,
        'cm.show(u.iloc[0])',
        'display(cm.landmarks(u))'
      ].join('\n')
    );
    const view = await paintedRowView(page);

    // Every node's fill is the viridis colour of its mean σ on [0, TOP].
    const nodes = view.locator('circle.jp-chexmask-sigma-node');
    await expect(nodes).toHaveCount(120);
    const fills = await nodes.evaluateAll(list =>
      list.map(n => [
        Number(n.getAttribute('data-index')),
        n.getAttribute('fill')
      ])
    );
    for (const [index, fill] of fills as Array<[number, string]>) {
      expect(fill).toBe(d3.interpolateViridis(MEANS[index] / TOP));
    }
    expect(new Set(fills.map(f => f[1])).size).toBeGreaterThan(10);
    await expect(view.locator('g.jp-chexmask-uncertainty')).toBeVisible();
    await expect(view.locator('svg.jp-chexmask-color-bar')).toHaveAttribute(
      'data-max',
      String(TOP)
    );
    const mean = MEANS.reduce((a, b) => a + b, 0) / 120;
    await expect(view.locator('.jp-chexmask-sigma-title')).toHaveText(
      `Landmark σ, (σx + σy) / 2: mean ${mean.toFixed(2)} px`
    );

    // Hover on a heart node: its index, organ, σx and σy.
    const k = 100;
    const [x, y] = row.landmarks![k];
    const at = await screenPoint(view, x, y, row.width);
    await page.mouse.move(at.x, at.y);
    await expect(view.locator('.jp-chexmask-readout')).toContainText(
      `landmark ${k} (Heart #${k - 94}) σx ${SIGMA[k][0].toFixed(2)} px, σy ${SIGMA[k][1].toFixed(2)} px`
    );
    await page.mouse.move(0, 0);

    // 1σ ellipses on demand, radii σx and σy.
    const ellipse = view.locator(
      'ellipse.jp-chexmask-sigma-ellipse[data-index="7"]'
    );
    await expect(ellipse).toBeHidden();
    await view.locator('input.jp-chexmask-show-ellipses').check();
    await expect(ellipse).toBeVisible();
    await expect(ellipse).toHaveAttribute('rx', String(SIGMA[7][0]));
    await expect(ellipse).toHaveAttribute('ry', String(SIGMA[7][1]));
    await expect(ellipse).toHaveAttribute(
      'stroke',
      d3.interpolateViridis(MEANS[7] / TOP)
    );

    // The layer's toggle hides it.
    await view.locator('input.jp-chexmask-show-uncertainty').uncheck();
    await expect(view.locator('g.jp-chexmask-uncertainty')).toBeHidden();

    // The landmark plot of the same rows can colour them by σ.
    const plot = page.locator('.jp-OutputArea-output.jp-chexmask-LandmarkView');
    await plot.scrollIntoViewIfNeeded(); // views paint when they come into view
    await expect(plot).toHaveAttribute('data-state', 'painted');
    const bar = plot.locator('.jp-chexmask-sigma-legend');
    await expect(bar).toBeHidden();
    await plot.locator('select.jp-chexmask-lm-color-by').selectOption('sigma');
    await expect(plot).toHaveAttribute('data-color-by', 'sigma');
    await expect(bar).toBeVisible();
  });
});
