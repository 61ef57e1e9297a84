/**
 * Hostile payloads in a real JupyterLab (a representative subset of the
 * jest table, which runs every case in jsdom): a notebook from a stranger
 * whose outputs are future versions, absurd sizes, huge strings, deep
 * nesting, bad scores and fake images. Every output ends, after bounded work (timed and printed),
 * in an inline error panel naming the field, or rendered with a visible
 * warning; nothing runs, and the notebook stays usable.
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import { notebookJson } from './helpers';

const ROW = 'application/vnd.chexmask.row.v1+json';
const RCA = 'application/vnd.chexmask.rca.v1+json';
const LANDMARKS = 'application/vnd.chexmask.landmarks.v1+json';

/** A small valid row: a 4×4 mask with a 4-pixel heart. */
const row = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  image_id: 'hostile.png',
  'Dice RCA (Mean)': 0.8,
  'Dice RCA (Max)': 0.9,
  Heart: '1 4',
  Height: 4,
  Width: 4,
  ...extra
});

/** JSON nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) {
    value = i % 2 ? { deeper: value } : [value];
  }
  return value;
}

const histogram = {
  counts: Array.from({ length: 10 }, () => 1),
  missing: 0,
  outOfRange: 0,
  count: 10,
  sum: 5,
  sumSquares: 3,
  min: 0.05,
  max: 0.95
};

/** One hostile case: the output, and what it must end in. */
interface ICase {
  name: string;
  mime: string;
  data: unknown;
  /** `error` with text naming the field, or `painted` with a warning text. */
  expect: { state: 'error' | 'painted'; text: RegExp };
}

const CASES: ICase[] = [
  {
    name: 'a row of a future version',
    mime: ROW,
    data: { version: 2, row: row() },
    expect: { state: 'error', text: /newer than this extension/ }
  },
  {
    name: 'an RCA histogram of a future version',
    mime: RCA,
    data: { version: 2, bins: 10, datasets: [] },
    expect: { state: 'error', text: /newer than this extension/ }
  },
  {
    name: 'a landmark plot of a future version',
    mime: LANDMARKS,
    // Version 2 is the packed plot of many rows: 3 is from the future.
    data: { version: 3, rows: [] },
    expect: { state: 'error', text: /newer than this extension/ }
  },
  {
    name: 'Height × Width of 10^10',
    mime: ROW,
    data: { version: 1, row: row({ Height: 100000, Width: 100000 }) },
    expect: { state: 'error', text: /Height|Width/ }
  },
  {
    name: 'a 6.6 MB RLE string with garbage at its end',
    mime: ROW,
    data: {
      version: 1,
      row: row({
        Height: 1024,
        Width: 1024,
        // 500,000 valid runs (6.6 MB) and then garbage: scanned to the end.
        Heart:
          Array.from({ length: 500_000 }, (_, k) => `${2 * k + 1} 1`).join(
            ' '
          ) + ' x'
      })
    },
    expect: { state: 'error', text: /Heart/ }
  },
  {
    name: '10^6 landmark numbers',
    mime: LANDMARKS,
    data: {
      version: 1,
      rows: [
        {
          id: 'big',
          landmarks: Array.from({ length: 1_000_000 }, (_, i) => i % 1000).join(
            ','
          ),
          height: 1024,
          width: 1024
        }
      ]
    },
    expect: { state: 'error', text: /[Ll]andmarks/ }
  },
  {
    name: 'deep nesting in an unknown field (ignored)',
    mime: ROW,
    data: { version: 1, row: row(), extra: nested(300) },
    expect: { state: 'painted', text: /hostile\.png/ }
  },
  {
    name: 'deep nesting in a known field',
    mime: ROW,
    data: { version: 1, row: row({ Heart: nested(300) }) },
    expect: { state: 'error', text: /Heart/ }
  },
  {
    name: 'a Dice score above 1',
    mime: ROW,
    data: { version: 1, row: row({ 'Dice RCA (Mean)': 1.5 }) },
    expect: { state: 'error', text: /Dice RCA \(Mean\)/ }
  },
  {
    name: 'a Dice score of "NaN" (missing, with a warning)',
    mime: ROW,
    data: { version: 1, row: row({ 'Dice RCA (Max)': 'NaN' }) },
    expect: { state: 'painted', text: /⚠ Dice RCA \(Max\) is missing/ }
  },
  {
    name: 'Dice mean above max (a warning)',
    mime: ROW,
    data: {
      version: 1,
      row: row({ 'Dice RCA (Mean)': 0.95, 'Dice RCA (Max)': 0.9 })
    },
    expect: { state: 'painted', text: /⚠.*Dice RCA \(Mean\)/ }
  },
  {
    name: 'a negative Dice score',
    mime: ROW,
    data: { version: 1, row: row({ 'Dice RCA (Max)': -0.5 }) },
    expect: { state: 'error', text: /Dice RCA \(Max\)/ }
  },
  {
    name: 'image data that is not a PNG or JPEG',
    mime: ROW,
    data: {
      version: 1,
      row: row(),
      image: {
        mimeType: 'image/png',
        data: Buffer.from('GIF89a not a png at all').toString('base64'),
        width: 4,
        height: 4
      }
    },
    expect: { state: 'error', text: /image/ }
  },
  {
    name: 'RCA counts of the wrong type',
    mime: RCA,
    data: {
      version: 1,
      bins: 10,
      datasets: [
        {
          name: 'X',
          rows: 10,
          swapped: 0,
          mean: { ...histogram, counts: 'lots' },
          max: histogram
        }
      ]
    },
    expect: { state: 'error', text: /counts/ }
  },
  {
    name: 'landmark rows of the wrong type',
    mime: LANDMARKS,
    data: { version: 1, rows: 'all of them' },
    expect: { state: 'error', text: /rows/ }
  }
];

const NOTEBOOK = notebookJson(
  CASES.map(c => ({
    source: `# ${c.name}`,
    outputs: [
      {
        output_type: 'display_data',
        data: { [c.mime]: c.data, 'text/plain': c.name },
        metadata: {}
      }
    ]
  }))
);

// Every cell attached, so each can be scrolled to and read in turn (lazy
// painting still applies: a view paints when scrolled near).
const TRACKER = '@jupyterlab/notebook-extension:tracker';
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    [TRACKER]: {
      ...(galata.DEFAULT_SETTINGS[TRACKER] ?? {}),
      windowingMode: 'none'
    }
  }
});

/** Scroll the current notebook so that cell `index` is in view (JupyterLab's API). */
async function scrollToCell(
  page: IJupyterLabPageFixture,
  index: number
): Promise<void> {
  await page.evaluate(async i => {
    const notebook = (window as any).jupyterapp.shell.currentWidget.content;
    await notebook.scrollToItem(i, 'center');
  }, index);
}

test('hostile payloads end in an error panel or a warning, and the notebook stays usable', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(300000);
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('dialog', dialog => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const file = `${tmpPath}/hostile.ipynb`;
  await page.contents.uploadContent(NOTEBOOK, 'text', file);
  await page.notebook.openByPath(file);

  const outputs = page.locator('.jp-OutputArea-output[data-state]');
  // JupyterLab may still be laying out (and re-attaching) cells after the
  // notebook opens, so an element handle taken now can be detached a moment
  // later. Wait for every cell, scroll through the notebook's own API and
  // read each view through locators, which are resolved afresh on each try.
  await expect(page.locator('.jp-Notebook .jp-Cell')).toHaveCount(CASES.length);
  const times: string[] = [];
  for (const [i, c] of CASES.entries()) {
    await scrollToCell(page, i);
    const cell = page.locator(`.jp-Notebook .jp-Cell`).nth(i);
    const view = cell.locator('.jp-OutputArea-output[data-state]');
    await expect(view, c.name).toHaveAttribute('data-state', c.expect.state);
    await expect(view, c.name).toContainText(c.expect.text);
    if (c.expect.state === 'error') {
      await expect(view.locator('.jp-chexmask-error'), c.name).toHaveCount(1);
    }
    const ms = Number(await view.getAttribute('data-render-ms'));
    times.push(`${c.name} ${ms.toFixed(1)} ms`);
    // A guard against hanging, not a benchmark: the times are printed below.
    expect(ms, c.name).toBeLessThan(5000);
  }
  console.log(
    `hostile payloads, work until error or paint:\n  ${times.join('\n  ')}`
  );
  expect(await outputs.count()).toBe(CASES.length);

  // Still usable: a new cell runs and shows its result.
  await page.notebook.addCell('code', 'print(6 * 7)');
  await page.notebook.runCell(CASES.length, true);
  await expect(
    page.locator('.jp-Cell').nth(CASES.length).locator('.jp-OutputArea-output')
  ).toHaveText('42');
  expect(errors).toEqual([]);
});
