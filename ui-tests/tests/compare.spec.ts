/**
 * The compare view in a real JupyterLab (issue 16): a real CheXmask row
 * against a shifted copy without its heart, made in the kernel. The
 * agreement map's colours at pixels of each class, the modes, the swipe
 * from the keyboard, the hover naming the source(s) of a pixel, the table
 * equal to the kernel's own `pair_table`, and axe-core. The payload →
 * painted time of the 1024² pair is printed beside the row view's of the
 * same row (no timed assertion).
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import * as path from 'path';
import {
  SHARED_DATA,
  axeProblems,
  outputBundle,
  py,
  runInNewNotebook,
  savedViewPicture,
  screenPoint
} from './helpers';

const VINDR = path.join(SHARED_DATA, 'chexmask-preprocessed', 'VinDr-CXR.csv');
const VIEW = '.jp-OutputArea-output.jp-chexmask-CompareView';

/** The agreement colours (src/compare/agreement-colors.ts). */
const COLOURS: Record<string, number[]> = {
  both: [0xf0, 0xe4, 0x42],
  onlyA: [0xd5, 0x5e, 0x00],
  onlyB: [0x00, 0x72, 0xb2]
};
const RIGHT_LUNG = [0xe6, 0x19, 0x4b];

/** What the kernel printed: its table and a right-lung pixel of each class. */
interface IKernel {
  table: Array<Record<string, number | string | null>>;
  points: Record<'both' | 'onlyA' | 'onlyB', [number, number]>;
}

const CODE = [
  'import json, numpy as np, jupyterlab_chexmask as cm',
  'from jupyterlab_chexmask.compare.pair import matched_pair, pair_table',
  `a = cm.read_csv(${py(VINDR)}, nrows=1).iloc[0]`,
  'organs = ("Right Lung", "Left Lung", "Heart")',
  'masks = {o: np.roll(cm.decode_rle(a[o], 1024, 1024), (6, -9), (0, 1)) for o in organs}',
  'masks["Heart"] = np.zeros_like(masks["Heart"])',
  'labels = ("CheXmask", "model")',
  'table = pair_table(*matched_pair(a, masks, labels, None))',
  'A = {o: cm.decode_rle(a[o], 1024, 1024).astype(bool) for o in organs}',
  'B = {o: masks[o].astype(bool) for o in organs}',
  'other = A["Left Lung"] | A["Heart"] | B["Left Lung"] | B["Heart"]',
  // No indented block: the cell editor would indent what follows it.
  'middle = lambda sel: (lambda ys, xs: [int(xs[len(xs) // 2]), int(ys[len(ys) // 2])])(*np.nonzero(sel & ~other))',
  'R = (A["Right Lung"], B["Right Lung"])',
  'points = {"both": middle(R[0] & R[1]), "onlyA": middle(R[0] & ~R[1]), "onlyB": middle(~R[0] & R[1])}',
  'rows = [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()} for r in table.reset_index().to_dict("records")]',
  'print(json.dumps({"table": rows, "points": points}, default=float))',
  'display(cm.compare(a, masks, labels=labels))',
  'display(cm.row(a))'
].join('\n');

/** The kernel's column of each `data-metric`. */
const COLUMN: Record<string, string> = {
  dice: 'Dice',
  iou: 'IoU',
  hd: 'HD',
  hd95: 'HD95',
  assd: 'ASSD',
  areaA: 'area A',
  areaB: 'area B',
  difference: 'area B − A',
  landmarkDistance: 'mean landmark distance'
};

/** RGBA of one pixel of a canvas of the view, once the layers asked for are painted. */
async function pixel(
  view: Locator,
  canvas: string,
  [x, y]: [number, number]
): Promise<number[]> {
  await expect(view).toHaveAttribute('data-masks', 'painted');
  return view
    .locator(`canvas.${canvas}`)
    .evaluate(
      (c: HTMLCanvasElement, [px, py]) =>
        Array.from(c.getContext('2d')!.getImageData(px, py, 1, 1).data),
      [x, y]
    );
}

/** A translucent colour reads back within a unit or two (premultiplied storage). */
function expectColour(rgba: number[], rgb: number[], alpha: number): void {
  expect(rgba[3]).toBe(alpha);
  rgb.forEach((v, i) => expect(Math.abs(rgba[i] - v)).toBeLessThanOrEqual(2));
}

test.describe('compare view', () => {
  test('modes, swipe, hover, the kernel’s table and axe-core', async ({
    page
  }) => {
    await runInNewNotebook(page, 'compare.ipynb', CODE);
    const view = page.locator(VIEW);
    await expect(view).toHaveAttribute('data-state', 'painted');
    const rowView = page.locator('.jp-OutputArea-output.jp-chexmask-RowView');
    await expect(rowView).toHaveAttribute('data-state', 'painted');
    const compareMs = Number(await view.getAttribute('data-render-ms'));
    const rowMs = Number(await rowView.getAttribute('data-render-ms'));
    console.log(
      `payload → painted, 1024×1024 pair (compare view, ${await view.getAttribute('data-painter')}): ` +
        `${compareMs.toFixed(1)} ms; the same row in the row view: ${rowMs.toFixed(1)} ms ` +
        `(ratio ${(compareMs / rowMs).toFixed(2)})`
    );
    const stdout = (await outputBundle(page, 0, 0)).data[
      'application/vnd.jupyter.stdout'
    ];
    const kernel = JSON.parse(String(stdout)) as IKernel;

    // The agreement map: each class in its colour at the default opacity.
    await expect(view).toHaveAttribute('data-mode', 'agreement');
    const alpha = Math.round(0.45 * 255);
    for (const [kind, at] of Object.entries(kernel.points)) {
      expectColour(
        await pixel(view, 'jp-chexmask-agreement-map', at),
        COLOURS[kind],
        alpha
      );
    }
    await expect(view.locator('.jp-chexmask-agreement-legend')).toContainText(
      'only in CheXmask (vermillion)'
    );

    // The table: every value the kernel's, to the bit; the browser's core agrees.
    await expect(view).toHaveAttribute('data-measured', 'agrees');
    await expect(view).toHaveAttribute('data-largest-difference', '0');
    const organs = {
      'Right Lung': 'rightLung',
      'Left Lung': 'leftLung',
      Heart: 'heart'
    };
    let cells = 0;
    for (const entry of kernel.table) {
      const row = view.locator(
        `tr[data-organ="${organs[entry.organ as keyof typeof organs]}"]`
      );
      for (const [metric, column] of Object.entries(COLUMN)) {
        const value = await row
          .locator(`td[data-metric="${metric}"]`)
          .getAttribute('data-value');
        const expected = entry[column];
        expect([entry.organ, metric, value]).toEqual([
          entry.organ,
          metric,
          expected === null ? 'NaN' : String(expected)
        ]);
        cells++;
      }
    }
    expect(cells).toBe(27);
    await expect(
      view.locator('tr[data-organ="heart"] td[data-metric="hd"]')
    ).toHaveText('—');
    await expect(view).toContainText(
      "Heart: HD, HD95 and ASSD are undefined, model's mask is empty."
    );

    // Hover: which source holds the pixel.
    const stage = view.locator('.jp-chexmask-stage');
    const words = {
      both: 'in both CheXmask and model',
      onlyA: 'only in CheXmask',
      onlyB: 'only in model'
    };
    // The whole stage in view (it is at most 75% of the window's height).
    await stage.scrollIntoViewIfNeeded();
    for (const [kind, [x, y]] of Object.entries(kernel.points)) {
      const at = await screenPoint(view, x, y, 1024);
      await page.mouse.move(at.x, at.y);
      await expect(view.locator('.jp-chexmask-readout')).toHaveText(
        `x ${x}, y ${y}: Right lung ${words[kind as keyof typeof words]}`
      );
    }
    await page.mouse.move(0, 0);

    // Modes: A alone, B alone, both outlined, blend.
    const mode = view.locator('select.jp-chexmask-compare-mode');
    const { onlyA, onlyB } = kernel.points;
    await mode.selectOption('a');
    await expect(view).toHaveAttribute('data-mode', 'a');
    await expect(view.locator('canvas.jp-chexmask-agreement-map')).toBeHidden();
    await expect(view.locator('canvas.jp-chexmask-layer-b')).toBeHidden();
    expectColour(
      await pixel(view, 'jp-chexmask-layer-a', onlyA),
      RIGHT_LUNG,
      alpha
    );
    expect((await pixel(view, 'jp-chexmask-layer-a', onlyB))[3]).toBe(0);
    await mode.selectOption('b');
    await expect(view.locator('canvas.jp-chexmask-layer-a')).toBeHidden();
    expectColour(
      await pixel(view, 'jp-chexmask-layer-b', onlyB),
      RIGHT_LUNG,
      alpha
    );
    expect((await pixel(view, 'jp-chexmask-layer-b', onlyA))[3]).toBe(0);
    await mode.selectOption('outlines');
    await expect(view.locator('canvas.jp-chexmask-layer-a')).toBeVisible();
    await expect(view.locator('canvas.jp-chexmask-layer-b')).toBeVisible();
    await expect(view.locator('.jp-chexmask-agreement-legend')).toContainText(
      'model outline (blue)'
    );
    await mode.selectOption('blend');
    await view.locator('input.jp-chexmask-blend').fill('0.25');
    await expect(view.locator('canvas.jp-chexmask-layer-a')).toHaveCSS(
      'opacity',
      '0.75'
    );
    await expect(view.locator('canvas.jp-chexmask-layer-b')).toHaveCSS(
      'opacity',
      '0.25'
    );

    // Swipe, from the keyboard: A left of the divider, B right of it.
    await mode.selectOption('swipe');
    const swipe = view.locator('input.jp-chexmask-swipe');
    await expect(swipe).toBeEnabled();
    await swipe.focus();
    await page.keyboard.press('Home');
    await expect(view).toHaveAttribute('data-swipe', '0.00');
    for (let k = 0; k < 3; k++) {
      await page.keyboard.press('ArrowRight');
    }
    await expect(view).toHaveAttribute('data-swipe', '0.03');
    await page.keyboard.press('End');
    await expect(view).toHaveAttribute('data-swipe', '1.00');
    const divider = view.locator('.jp-chexmask-swipe-divider');
    await expect(divider).toBeVisible();
    await page.keyboard.press('Home');
    for (let k = 0; k < 5; k++) {
      await page.keyboard.press('PageUp');
    }
    const at = Number(await view.getAttribute('data-swipe'));
    expect(at).toBeGreaterThan(0);
    const [stageBox, dividerBox] = [
      (await stage.boundingBox())!,
      (await divider.boundingBox())!
    ];
    expect(
      Math.abs(dividerBox.x - stageBox.x - at * stageBox.width)
    ).toBeLessThanOrEqual(3);
    expect(
      await view
        .locator('canvas.jp-chexmask-layer-b')
        .evaluate(c => getComputedStyle(c).clipPath)
    ).toMatch(/^inset\(0px 0px 0px [\d.]+%\)$/);

    // The modes changed: the save writes the view's picture, the agreement
    // map with the table in its alt text.
    const bundle = await savedViewPicture(page, view, 0, 1);
    expect(bundle.metadata['image/png'].alt).toMatch(
      /^Agreement of CheXmask \(A\) and model \(B\), 1024×1024 px: Right Lung Dice /
    );

    // axe-core: no serious or critical violation.
    expect(await axeProblems(page, VIEW, 'the compare view')).toEqual([]);
  });
});
