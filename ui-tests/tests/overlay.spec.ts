/**
 * The row overlay in a real JupyterLab: what a person sees. Colours at organ
 * centroids come from the core's geometry on the same CSV row.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { ORGANS, parseCsv, parseRow } from '../../src/core';
import {
  expectKernelPicture,
  mainThreadEntries,
  mainThreadReport,
  maskPixel,
  observeLongFrames,
  observeMainThread,
  pixelOfOnly as pixelOf,
  paintedRowView,
  py,
  runInNewNotebook,
  savedViewPicture,
  screenPoint,
  scriptFile,
  pageIdle,
  SHARED_DATA,
  takeLongFrames
} from './helpers';
import { startTrace, stopTrace, TRACING } from './trace';

const CHEXPERT = path.join(
  SHARED_DATA,
  'chexmask-preprocessed',
  'CheXpert.csv'
);
const SYNTHETIC = path.join(
  SHARED_DATA,
  'original-resolution-synthetic',
  'CheXpert_synthetic_2828x2320.csv'
);
const EXAMPLE = path.join(SHARED_DATA, 'original-resolution-example');

/** Default colours of the settings, as bytes. */
const COLOURS: Record<string, number[]> = {
  rightLung: [0xe6, 0x19, 0x4b],
  leftLung: [0x1f, 0x6f, 0xe5],
  heart: [0x2c, 0xa0, 0x2c]
};

const row = parseRow(parseCsv(fs.readFileSync(CHEXPERT, 'utf8'))[0]);
/** A pixel of this row covered by `key` alone (see helpers). */
function pixelOfOnly(key: 'rightLung' | 'leftLung' | 'heart'): {
  x: number;
  y: number;
} {
  return pixelOf(row, key);
}

/**
 * A canvas stores premultiplied alpha, so a translucent colour reads back
 * within a unit or two of what was written; the alpha is exact.
 */
function expectColour(rgba: number[], rgb: number[], alpha: number): void {
  expect(rgba[3]).toBe(alpha);
  rgb.forEach((v, i) => expect(Math.abs(rgba[i] - v)).toBeLessThanOrEqual(2));
}

test.describe('row overlay', () => {
  test('draws a real row: colours, toggles, opacity, hover, header', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'overlay.ipynb',
      `import jupyterlab_chexmask as cm\ndf = cm.read_csv(${py(CHEXPERT)})\ncm.show(df.iloc[0])`
    );
    const view = await paintedRowView(page);
    console.log(
      `payload → painted, 1024×1024 row: ${await view.getAttribute('data-render-ms')} ms; ${await paintBreakdown(page)}`
    );

    await expect(view.locator('.jp-chexmask-id')).toHaveText(row.id!);
    await expect(view.locator('.jp-chexmask-dataset')).toContainText(
      'CheXpert'
    );
    await expect(view.locator('.jp-chexmask-dice-mean')).toContainText(
      row.diceRcaMean!.toFixed(3)
    );
    await expect(view.locator('.jp-chexmask-dice-max')).toContainText(
      row.diceRcaMax!.toFixed(3)
    );

    const alpha = Math.round(0.45 * 255);
    for (const organ of ORGANS) {
      const p = pixelOfOnly(organ.key);
      expectColour(await maskPixel(view, p.x, p.y), COLOURS[organ.key], alpha);
    }

    // Toggling the right lung removes its colour.
    const right = pixelOfOnly('rightLung');
    await view
      .locator('input.jp-chexmask-organ-toggle[data-organ="rightLung"]')
      .uncheck();
    expect((await maskPixel(view, right.x, right.y))[3]).toBe(0);
    await view
      .locator('input.jp-chexmask-organ-toggle[data-organ="rightLung"]')
      .check();

    // The opacity slider changes the alpha.
    await view.locator('input.jp-chexmask-opacity').fill('1');
    expectColour(
      await maskPixel(view, right.x, right.y),
      COLOURS.rightLung,
      255
    );

    // Hovering over a known pixel shows its coordinates and organ.
    const heart = pixelOfOnly('heart');
    const at = await screenPoint(view, heart.x, heart.y, row.width);
    await page.mouse.move(at.x, at.y);
    await expect(view.locator('.jp-chexmask-readout')).toHaveText(
      `x ${heart.x}, y ${heart.y}: Heart`
    );
    const hovers: number[] = [];
    for (let k = 0; k < 20; k++) {
      await page.mouse.move(at.x + k, at.y + k);
      hovers.push(Number(await view.getAttribute('data-hover-ms')));
    }
    console.log(
      `hover readout: median ${hovers.sort((a, b) => a - b)[10].toFixed(3)} ms, max ${Math.max(...hovers).toFixed(3)} ms`
    );

    // Measurements arrive after the paint.
    await expect(view).toHaveAttribute('data-measured', 'true');
    await expect(view.locator('.jp-chexmask-agreement')).toContainText(
      'Right lung 1.0000'
    );
    await expect(view.locator('.jp-chexmask-ratio')).toHaveText(
      /^Cardiothoracic ratio \d\.\d{3} /
    );
    await expect(view.locator('.jp-chexmask-ctr-line')).toHaveCount(2);

    // The opacity changed: the view writes its own picture into the output
    // when the notebook is saved, for exports and other viewers.
    const bundle = await savedViewPicture(page, view, 0);
    expect(Object.keys(bundle.data).sort()).toEqual([
      'application/vnd.chexmask.row.v1+json',
      'image/png',
      'text/html',
      'text/plain'
    ]);
    expect(String(bundle.data['text/html'])).toMatch(
      /^<img alt="CheXmask segmentation of [^"<>]+" src="data:image\/png;base64,/
    );
    expect(bundle.metadata['image/png'].alt).toContain(row.id!);
    expect(bundle.metadata['image/png'].alt).toMatch(/right lung [\d,]+ px/);

    await page.mouse.move(0, 0);
    expect(
      await view.locator('.jp-chexmask-stage').screenshot()
    ).toMatchSnapshot('overlay-chexpert.png', {
      maxDiffPixelRatio: 0.02
    });
  });

  test('an empty heart cell is an empty mask, filled from landmarks only when asked', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'empty-heart.ipynb',
      [
        'import jupyterlab_chexmask as cm',
        `df = cm.read_csv(${py(CHEXPERT)}, nrows=1)`,
        'row = df.iloc[0].copy()',
        'row["Heart"] = ""',
        'cm.show(row)'
      ].join('\n')
    );
    const view = await paintedRowView(page);
    const heart = pixelOfOnly('heart');
    const legend = (key: string) =>
      view.locator(`.jp-chexmask-legend-item[data-organ="${key}"]`);
    await expect(view).toHaveAttribute('data-measured', 'true');
    await expect(legend('heart')).toHaveAttribute('data-source', 'empty');
    await expect(legend('rightLung')).toHaveAttribute('data-source', 'rle');
    expect((await maskPixel(view, heart.x, heart.y))[3]).toBe(0);
    await expect(
      view.locator('.jp-chexmask-area[data-organ="heart"]')
    ).toHaveText('0 px (0.0%)');
    await expect(view.locator('.jp-chexmask-ratio')).toHaveText(
      'Cardiothoracic ratio: undefined, the row has no heart mask'
    );
    await expect(view.locator('.jp-chexmask-warnings')).toContainText(
      'Heart has no RLE mask: an empty mask'
    );
    await expect(view.locator('.jp-chexmask-mask-sources')).toBeHidden();
    // As the kernel drew it: its picture stays, saying the same.
    expect(
      (await expectKernelPicture(page, view, 0)).metadata['image/png'].alt
    ).toContain('heart empty; no cardiothoracic ratio');

    // The explicit choice: the heart drawn from its landmark ring, and said so.
    await view.locator('input.jp-chexmask-from-landmarks').check();
    await expect(legend('heart')).toHaveAttribute('data-source', 'landmarks');
    await expect(view.locator('.jp-chexmask-mask-sources')).toHaveText(
      'Drawn from landmarks (no RLE mask): Heart'
    );
    await expect(
      view.locator('input.jp-chexmask-from-landmarks')
    ).toBeFocused();
    expectColour(
      await maskPixel(view, heart.x, heart.y),
      COLOURS.heart,
      Math.round(0.45 * 255)
    );
    await expect(view.locator('.jp-chexmask-ratio')).toHaveText(
      /^Cardiothoracic ratio \d\.\d{3} /
    );
    await expect(
      view.locator('.jp-chexmask-area[data-organ="heart"]')
    ).not.toHaveText('0 px (0.0%)');

    // And back: empty again.
    await view.locator('input.jp-chexmask-from-landmarks').uncheck();
    await expect(legend('heart')).toHaveAttribute('data-source', 'empty');
    expect((await maskPixel(view, heart.x, heart.y))[3]).toBe(0);
  });

  test('a settings change updates outputs already on screen', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'settings.ipynb',
      `import jupyterlab_chexmask as cm\ndf = cm.read_csv(${py(CHEXPERT)}, nrows=1)\ncm.show(df.iloc[0])`
    );
    const view = await paintedRowView(page);
    const heart = pixelOfOnly('heart');
    expectColour(
      await maskPixel(view, heart.x, heart.y),
      COLOURS.heart,
      Math.round(0.45 * 255)
    );
    await page.evaluate(async () => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      await registry.set('jupyterlab-chexmask:plugin', 'colors', {
        rightLung: '#e6194b',
        leftLung: '#1f6fe5',
        heart: '#ff00ff'
      });
      await registry.set('jupyterlab-chexmask:plugin', 'opacity', 1);
      await registry.set('jupyterlab-chexmask:plugin', 'rcaThreshold', 0.99);
    });
    await expect
      .poll(() => maskPixel(view, heart.x, heart.y))
      .toEqual([255, 0, 255, 255]);
    await expect(view.locator('.jp-chexmask-badge')).toHaveText('below 0.99');
    await expect(view.locator('.jp-chexmask-badge')).toHaveClass(
      /jp-chexmask-badge-low/
    );
  });

  test('draws the 786×899 example over its x-ray', async ({ page }) => {
    const d = EXAMPLE + '/';
    await runInNewNotebook(
      page,
      'example.ipynb',
      [
        'import numpy as np, jupyterlab_chexmask as cm',
        'from PIL import Image',
        `d = ${py(d)}`,
        "lm = np.concatenate([np.loadtxt(d + p + '_landmarks.txt', dtype=int) for p in ('RL', 'LL', 'H')])",
        "mask = lambda p: np.array(Image.open(d + p + '_mask.png')) > 127",
        "row = {'Path': 'example/utils_example1.jpg', 'Dice RCA (Mean)': 0.91, 'Dice RCA (Max)': 0.93,",
        "       'Landmarks': ','.join(map(str, lm.ravel())), 'Right Lung': cm.encode_rle(mask('RL')),",
        "       'Left Lung': cm.encode_rle(mask('LL')), 'Heart': cm.encode_rle(mask('H')), 'Height': 899, 'Width': 786}",
        "cm.show(row, image=d + 'utils_example1.jpg')"
      ].join('\n')
    );
    const view = await paintedRowView(page);
    await expect(view).toHaveAttribute('data-xray', 'loaded');
    await expect(view.locator('.jp-chexmask-size')).toHaveText('899×786 px');
    const box = (await view.locator('.jp-chexmask-stage').boundingBox())!;
    expect(box.height / box.width).toBeCloseTo(899 / 786, 2);
    // The x-ray is drawn: its canvas is not blank in the middle of the chest.
    const grey = await view
      .locator('canvas.jp-chexmask-xray')
      .evaluate((c: HTMLCanvasElement) =>
        Array.from(c.getContext('2d')!.getImageData(393, 450, 1, 1).data)
      );
    expect(grey[3]).toBe(255);
    await page.mouse.move(0, 0);
    expect(
      await view.locator('.jp-chexmask-stage').screenshot()
    ).toMatchSnapshot('overlay-example-xray.png', {
      maxDiffPixelRatio: 0.02
    });
  });

  test('a malformed payload shows the error panel with the field and problem', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'bad.ipynb',
      [
        'from IPython.display import display',
        "bad = {'version': 1, 'row': {'image_id': 'x', 'Heart': '1 2 5', 'Height': 4, 'Width': 4}}",
        "display({'application/vnd.chexmask.row.v1+json': bad, 'text/plain': 'bad row'}, raw=True)"
      ].join('\n')
    );
    const panel = page.locator('.jp-chexmask-RowView .jp-chexmask-error');
    await expect(panel).toBeVisible();
    await expect(panel.locator('.jp-chexmask-error-field')).toHaveText(
      'Field: Heart'
    );
    await expect(panel.locator('.jp-chexmask-error-message')).toHaveText(
      'Heart: has an odd count of numbers (3): a mask is "start length" pairs'
    );
  });

  test('wheel over an unfocused output scrolls the notebook, not the image', async ({
    page
  }) => {
    await runInNewNotebook(
      page,
      'scroll.ipynb',
      `import jupyterlab_chexmask as cm\ndf = cm.read_csv(${py(CHEXPERT)}, nrows=3)\nfor i in range(3):\n    cm.show(df.iloc[i])`
    );
    const view = await paintedRowView(page, 0);
    const times: string[] = [];
    for (let n = 0; n < 3; n++) {
      times.push(
        (await (await paintedRowView(page, n)).getAttribute('data-render-ms'))!
      );
    }
    console.log(
      `payload → painted, three 1024×1024 rows in one cell: ${times.join(', ')} ms; the last: ${await paintBreakdown(page)}`
    );
    const scroller = page
      .locator('.jp-NotebookPanel .jp-WindowedPanel-outer')
      .first();
    const before = await scroller.evaluate(e => e.scrollTop);
    const stage = view.locator('.jp-chexmask-stage');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 400);
    await expect
      .poll(() => scroller.evaluate(e => e.scrollTop))
      .toBeGreaterThan(before);
    expect(
      await view.locator('.jp-chexmask-world').evaluate(e => e.style.transform)
    ).toBe('');
  });

  test('paints the 2828×2320 original-resolution row', async ({
    browser,
    page
  }) => {
    await observeMainThread(page);
    await observeLongFrames(page);
    await runInNewNotebook(
      page,
      'large.ipynb',
      `import jupyterlab_chexmask as cm\ncm.show(cm.read_csv(${py(SYNTHETIC)}).iloc[0])`,
      async () => {
        // JupyterLab's own work making the notebook is not the cell's.
        const before = await mainThreadEntries(page, true);
        console.log(
          `2828×2320 row: longest main-thread task making the notebook ${Math.max(0, ...before.filter(([n]) => n.startsWith('longtask')).map(([, d]) => d)).toFixed(0)} ms`
        );
        await markTimeline(page, 'cell run');
        // Opt-in: where the cell's long tasks go (see `trace.ts`).
        if (TRACING) {
          await startTrace(browser, page);
        }
      }
    );
    const view = await paintedRowView(page);
    console.log(
      `payload → painted, 2828×2320 row: ${await view.getAttribute('data-render-ms')} ms; ${await paintBreakdown(page)}`
    );
    await expect(view.locator('.jp-chexmask-size')).toHaveText('2828×2320 px');
    // Over 4 MP: decoded and measured in the worker, painted from its runs.
    await expect(view).toHaveAttribute('data-decoded', 'worker');
    await expect(view).toHaveAttribute('data-measured', 'true');
    await expect(view.locator('.jp-chexmask-ratio')).toHaveText(
      /^Cardiothoracic ratio \d\.\d{3} /
    );
    // The frames that show the painted view come after it says "painted":
    // their tasks count too.
    await pageIdle(page);
    if (TRACING) {
      console.log(
        `2828×2320 row, trace of the cell: ${await stopTrace(browser, 16)}`
      );
    }
    const main = await mainThreadReport(page);
    console.log(
      `2828×2320 row: longest main-thread task while running the cell ${main.longestTask.toFixed(0)} ms; ` +
        `longest span of the view ${main.longestSpan.toFixed(1)} ms (${main.span}); ` +
        `long tasks, long frames and spans (ms after the cell was run: start duration): ${await timeline(page)}`
    );
  });
});

/** Mark the timeline's zero (see {@link timeline}). */
async function markTimeline(
  page: Parameters<typeof runInNewNotebook>[0],
  name: string
): Promise<void> {
  await page.evaluate(n => performance.mark(`timeline:${n}`), name);
}

/**
 * The long tasks, long frames and our spans (`chexmask:*`, the worker's
 * too) since the last {@link markTimeline}, in order, as start (ms after
 * the mark) and duration (see `observeMainThread`, `observeLongFrames`).
 */
async function timeline(
  page: Parameters<typeof runInNewNotebook>[0]
): Promise<string> {
  const zero = await page.evaluate(
    () =>
      performance
        .getEntriesByType('mark')
        .filter(e => e.name.startsWith('timeline:'))
        .pop()?.startTime ?? 0
  );
  const spans = await page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter(e => e.name.startsWith('chexmask'))
      .map(e => ({
        start: e.startTime,
        text: `${e.name.replace('chexmask', '')} ${e.duration.toFixed(1)}`
      }))
  );
  const tasks = (await mainThreadEntries(page))
    .filter(([name]) => name.startsWith('longtask'))
    .map(([, duration, start]) => ({
      start,
      text: `task ${duration.toFixed(0)}`
    }));
  const frames = (await takeLongFrames(page, true)).map(f => {
    const render = f.renderStart
      ? ` (script ${(f.renderStart - f.start).toFixed(0)}, rendering ${(f.start + f.duration - f.renderStart).toFixed(0)}, style and layout ${(f.start + f.duration - (f.styleAndLayoutStart || f.start + f.duration)).toFixed(0)})`
      : '';
    const scripts = f.scripts
      .filter(s => s.duration >= 5)
      .map(
        s =>
          `${s.invokerType} ${s.invoker} ${s.duration.toFixed(0)} in ${scriptFile(s)}`
      );
    return {
      start: f.start,
      text:
        `frame ${f.duration.toFixed(0)}${render}` +
        (scripts.length ? ` [${scripts.join('; ')}]` : '')
    };
  });
  return [...tasks, ...frames, ...spans]
    .filter(e => e.start >= zero)
    .sort((a, b) => a.start - b.start)
    .map(e => `\n  +${(e.start - zero).toFixed(0)} ${e.text}`)
    .join('');
}

/**
 * Where the last paint's time went, from the performance timeline: the
 * views' main-thread spans (`chexmask:*`), the worker's tasks as it ran them
 * (`chexmask-worker:*`) and as the page saw them, from sending to handling
 * the answer (`chexmask-trip:*`), each as start (ms after the paint began)
 * and duration.
 */
async function paintBreakdown(
  page: Parameters<typeof runInNewNotebook>[0]
): Promise<string> {
  return page.evaluate(() => {
    const all = performance
      .getEntriesByType('measure')
      .filter(e => e.name.startsWith('chexmask'));
    const end = [...all]
      .reverse()
      .find(e => /^chexmask:(finish|paint)$/.test(e.name));
    if (!end) {
      return 'no paint span';
    }
    const last = (name: RegExp): PerformanceEntry | undefined =>
      [...all]
        .reverse()
        .find(e => name.test(e.name) && e.startTime <= end.startTime);
    const begin = last(/^chexmask:(build|paint)$/)!;
    const parse = last(/^chexmask:parse$/);
    const t0 = begin.startTime;
    const t1 = end.startTime + end.duration;
    const from = parse?.startTime ?? t0;
    return (
      `paint ${(t1 - t0).toFixed(1)} ms` +
      (parse
        ? `, from the parse's start ${(t1 - from).toFixed(1)} ms (the wait for the output to be attached and in view included)`
        : '') +
      ': ' +
      all
        .filter(e => e.startTime + e.duration >= from && e.startTime <= t1)
        .sort((a, b) => a.startTime - b.startTime)
        .map(
          e =>
            `${e.name.replace('chexmask', '')} +${(e.startTime - t0).toFixed(1)} ${e.duration.toFixed(1)}`
        )
        .join(', ')
    );
  });
}
