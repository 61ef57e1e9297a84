/**
 * @jest-environment jsdom
 */
/**
 * The kernel and the view say the same about every row: each shared CheXmask
 * row, rows with empty organ cells, CheXmask-U rows made from them (synthetic
 * σ: core/__tests__/chexmask-u.ts) and every malformed-row case of the core
 * goes through `cm.show` in Python (tests/parity/python_side.py) and the
 * payload it makes through the real row view (`renderModel` in jsdom). Both
 * must refuse the same rows naming the same column, and otherwise give the
 * same warnings, areas, mask sources, cardiothoracic ratio and alt text. An
 * empty cell is an empty mask on both sides.
 */
// First: the harness defines the globals Lumino needs when it is imported.
import {
  createView,
  disposeView,
  IViewUnderTest,
  renderPayload,
  settle
} from './view-harness';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ORGANS } from '../core';
import { chexmaskURow, syntheticStd } from '../core/__tests__/chexmask-u';
import { CASES, rowWith } from '../core/__tests__/malformed-rows';
import {
  HAVE_SHARED_DATA,
  readOracleFolder
} from '../core/__tests__/shared-data';
import { RowOverlayView } from '../row';

const REPO = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const HAVE_PYTHON = fs.existsSync(PYTHON);

if (!HAVE_PYTHON && process.env.CI === 'true') {
  throw new Error(`the parity test needs the project's Python at ${PYTHON}`);
}

/** One row for both sides. */
interface ICase {
  name: string;
  cells: Record<string, unknown>;
  /** Have the kernel draw its picture (slow; the variants and malformed rows). */
  static?: boolean;
}

/** What the view shows: the refusal, warnings, measurements and alt text. */
interface IViewReport {
  error_field: string | null;
  warnings: string[];
  pixels: Record<string, number>;
  sources: Record<string, string>;
  ctr: string | null;
  alt: string | null;
}

/**
 * What the kernel said (tests/parity/python_side.py): the same as the view,
 * the CTR as a number, with the payload it built and its error message.
 */
interface IKernelReport extends Omit<IViewReport, 'ctr'> {
  payload: unknown;
  error: string | null;
  ctr: number | null;
}

/** Cells as JSON for Python: non-finite numbers spelled out, absent cells left out. */
function toPythonJson(cases: ICase[]): string {
  return JSON.stringify(cases, (_key, value) =>
    typeof value === 'number' && !Number.isFinite(value)
      ? { __float__: String(value).replace('Infinity', 'inf') }
      : value
  );
}

function kernelReports(cases: ICase[]): IKernelReport[] {
  const out = execFileSync(
    PYTHON,
    [path.join(REPO, 'tests', 'parity', 'python_side.py')],
    {
      input: toPythonJson(cases),
      cwd: REPO,
      env: { ...process.env, PYTHONPATH: REPO },
      maxBuffer: 1 << 30
    }
  );
  return JSON.parse(out.toString('utf8')) as IKernelReport[];
}

async function viewReport(
  under: IViewUnderTest,
  payload: unknown
): Promise<IViewReport> {
  const outcome = await renderPayload(under, payload);
  const node = under.view.node;
  if (outcome.state === 'error') {
    return {
      error_field: outcome.field,
      warnings: [],
      pixels: {},
      sources: {},
      ctr: null,
      alt: null
    };
  }
  for (let i = 0; i < 50 && node.dataset.measured !== 'true'; i++) {
    await settle(10);
  }
  expect(node.dataset.measured).toBe('true');
  const pixels: Record<string, number> = {};
  const sources: Record<string, string> = {};
  for (const organ of ORGANS) {
    const area = node.querySelector(
      `.jp-chexmask-area[data-organ="${organ.key}"]`
    );
    pixels[organ.column] = Number(
      (area?.textContent ?? '').split(' px')[0].replace(/,/g, '')
    );
    const item = node.querySelector<HTMLElement>(
      `.jp-chexmask-legend-item[data-organ="${organ.key}"]`
    );
    sources[organ.column] = item?.dataset.source ?? '(none)';
  }
  const ratio = node.querySelector('.jp-chexmask-ratio')?.textContent ?? '';
  const ctr = /^Cardiothoracic ratio (\d\.\d{3}) /.exec(ratio);
  return {
    error_field: null,
    warnings: Array.from(
      node.querySelectorAll('.jp-chexmask-warnings .jp-chexmask-warning'),
      w => (w.textContent ?? '').replace(/^⚠ /, '')
    ),
    pixels,
    sources,
    ctr: ctr ? ctr[1] : null,
    alt: (under.view as unknown as { altText(): string }).altText()
  };
}

/** Every shared row, rows with empty organs, CheXmask-U rows, and the malformed rows. */
function allCases(): ICase[] {
  const cases: ICase[] = [];
  let seed = 0;
  const folders = [
    'chexmask-preprocessed',
    'chexmask-v0.1-padchest',
    'original-resolution-synthetic'
  ];
  for (const folder of folders) {
    for (const file of readOracleFolder(folder)) {
      file.records.forEach((cells, i) => {
        cases.push({ name: `${folder}/${file.file} row ${i}`, cells });
        if (i < 3) {
          cases.push({
            name: `${folder}/${file.file} row ${i} as CheXmask-U`,
            cells: chexmaskURow(cells, seed++),
            static: i === 0
          });
        }
      });
      const first = file.records[0];
      const variants: Array<[string, Record<string, unknown>]> = [
        ['Heart ""', { Heart: '' }],
        ['Heart null', { Heart: null }],
        ['Left Lung NaN', { 'Left Lung': NaN }],
        ['no RLE at all', { 'Right Lung': '', 'Left Lung': ' ', Heart: null }],
        [
          'Landmarks and Landmarks (Mean)',
          {
            'Landmarks (Mean)': first['Landmarks'],
            'Landmarks (Std)': syntheticStd(seed++)
          }
        ],
        [
          'Landmarks (Std) without landmarks',
          { Landmarks: '', 'Landmarks (Std)': syntheticStd(seed++) }
        ]
      ];
      for (const [name, changes] of variants) {
        cases.push({
          name: `${file.file}: ${name}`,
          cells: { ...first, ...changes },
          static: true
        });
      }
    }
  }
  for (const [name, changes] of CASES) {
    const cells = rowWith(changes);
    for (const key of Object.keys(cells)) {
      if (cells[key] === undefined) {
        delete cells[key];
      }
    }
    cases.push({ name: `malformed: ${name}`, cells, static: true });
  }
  return cases;
}

const describeParity =
  HAVE_SHARED_DATA && HAVE_PYTHON ? describe : describe.skip;

describeParity('the kernel and the view agree on every row', () => {
  it('refuses, warns, measures and describes alike', async () => {
    const cases = allCases();
    const kernel = kernelReports(cases);
    expect(kernel).toHaveLength(cases.length);
    let errors = 0;
    let emptyOrgans = 0;
    let withSigma = 0;
    for (const [i, c] of cases.entries()) {
      const k = kernel[i];
      const under = createView('row');
      expect(under.view).toBeInstanceOf(RowOverlayView);
      const v = await viewReport(under, k.payload);
      disposeView(under);
      const expected: IViewReport = {
        error_field: k.error_field,
        warnings: k.error_field ? [] : k.warnings,
        pixels: k.error_field ? {} : k.pixels,
        sources: k.error_field ? {} : k.sources,
        ctr: k.error_field || k.ctr === null ? null : k.ctr.toFixed(3),
        alt: k.alt
      };
      expect({ name: c.name, ...v }).toEqual({ name: c.name, ...expected });
      errors += k.error_field ? 1 : 0;
      emptyOrgans += Object.values(k.sources).includes('empty') ? 1 : 0;
      withSigma += k.alt?.includes('; landmark σ mean ') ? 1 : 0;
    }
    console.log(
      `row parity: ${cases.length} cases (${errors} refused by both, ${emptyOrgans} with an empty organ, ${withSigma} with σ)`
    );
    // The cases really cover what they are for: every malformed row is
    // refused, but for an infinite Dice, which the kernel sends as null (as
    // it sends pandas' NaN) and both sides then read as a missing score.
    expect(errors).toBe(CASES.length - 1);
    expect(emptyOrgans).toBeGreaterThanOrEqual(4 * 8);
    // The CheXmask-U rows (3 per file) and the rows with both landmark columns.
    expect(withSigma).toBe(
      cases.filter(
        c => c.name.endsWith('as CheXmask-U') || c.name.endsWith('(Mean)')
      ).length
    );
    expect(withSigma).toBeGreaterThanOrEqual(3 * 8);
  });
});
