/**
 * @jest-environment jsdom
 */
/**
 * The landmark plot's alt text says the rows' CheXmask-U uncertainty — the
 * mean of the rows' mean landmark σ over the rows with σ — in the same words
 * as the kernel's picture (`landmark_alt_text` in Python, asked here through
 * the project's Python). Synthetic σ: see core/__tests__/chexmask-u.ts.
 */
// First: DragEvent, which Lumino (imported through ../picture) subclasses when loaded.
import '../../__tests__/browser-stubs';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  syntheticHundredths,
  syntheticStd
} from '../../core/__tests__/chexmask-u';
import { landmarkPayload } from '../../__tests__/valid-payloads';
import { buildLandmarkModel } from '../model';
import { parseLandmarkPayload } from '../payload';
import { landmarkAltText, sigmaClause } from '../picture';

type Json = Record<string, unknown>;

const REPO = path.resolve(__dirname, '..', '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const HAVE_PYTHON = fs.existsSync(PYTHON);

if (!HAVE_PYTHON && process.env.CI === 'true') {
  throw new Error(
    `the alt text parity test needs the project's Python at ${PYTHON}`
  );
}

/** A payload of `n` rows, row i with the synthetic σ of seed i unless `without(i)`. */
function payload(n: number, without: (i: number) => boolean): Json {
  const data = landmarkPayload(n);
  (data.rows as Json[]).forEach((row, i) => {
    if (!without(i)) {
      row.sigma = syntheticStd(i);
    }
  });
  return data;
}

/** The kernel's alt text of each payload. */
function kernelAltTexts(payloads: Json[]): string[] {
  const script = [
    'import json, sys',
    'from jupyterlab_chexmask.landmarks.frame import build_frame',
    'from jupyterlab_chexmask.landmarks.picture import landmark_alt_text',
    'print(json.dumps([landmark_alt_text(build_frame(p)) for p in json.load(sys.stdin)]))'
  ].join('\n');
  const out = execFileSync(PYTHON, ['-c', script], {
    input: JSON.stringify(payloads),
    cwd: REPO,
    env: { ...process.env, PYTHONPATH: REPO },
    maxBuffer: 1 << 28
  });
  return JSON.parse(out.toString('utf8')) as string[];
}

const CASES: Array<[string, number, (i: number) => boolean]> = [
  ['every row with σ', 12, () => false],
  ['some rows without σ', 40, i => i % 3 === 0],
  ['one row', 1, () => false],
  ['one row of many with σ', 9, i => i !== 4],
  ['thousands of rows', 1500, i => i % 7 === 0],
  ['no row with σ', 5, () => true]
];

describe('the landmark plot’s alt text and σ', () => {
  it.each(CASES)('%s: the mean of the rows’ mean σ', (_, n, without) => {
    const model = buildLandmarkModel(parseLandmarkPayload(payload(n, without)));
    const seeds = Array.from({ length: n }, (_, i) => i).filter(
      i => !without(i)
    );
    const clause = sigmaClause(model);
    if (seeds.length === 0) {
      expect(clause).toBe('');
      return;
    }
    // Each row's mean σ is its 240 hundredths' sum / 24000: exact in integers.
    const mean =
      seeds.reduce(
        (sum, seed) =>
          sum + syntheticHundredths(seed).reduce((a, b) => a + b, 0),
        0
      ) /
      24000 /
      seeds.length;
    const count = seeds.length.toLocaleString('en-US');
    expect(clause).toBe(
      `; mean landmark σ ${mean.toFixed(2)} px over ${count} row${seeds.length === 1 ? '' : 's'} with σ`
    );
    expect(landmarkAltText(model, null).endsWith(`${clause}.`)).toBe(true);
  });

  (HAVE_PYTHON ? it : it.skip)('says the same as the kernel’s picture', () => {
    const payloads = CASES.map(([, n, without]) => payload(n, without));
    const kernel = kernelAltTexts(payloads);
    payloads.forEach((p, k) => {
      const clause = sigmaClause(buildLandmarkModel(parseLandmarkPayload(p)));
      expect(kernel[k].endsWith(`${clause}.`)).toBe(true);
      expect(kernel[k].includes('σ')).toBe(clause !== '');
    });
  });
});
