/**
 * The kernel and the view agree on a comparison: payloads made by
 * `cm.compare` in this run (tests/parity/compare_payloads.py: shared rows
 * against the next row, against a copy without its heart, against shifted
 * arrays, and against a 2× copy under resize="nearest") are accepted by the
 * view's parser; the TypeScript core computes the same table from the
 * payload's runs and landmarks, value for value (HD, HD95 and ASSD too),
 * and the view's alt text is the kernel's, word for word.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ORGANS } from '../../core';
import {
  describeWithData,
  SHARED_DATA
} from '../../core/__tests__/shared-data';
import { checkMetrics, compareMetrics, METRIC_NAMES } from '../metrics';
import { parseComparePayload } from '../payload';
import { compareAltText } from '../picture';

const REPO = path.resolve(__dirname, '..', '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');

if (!fs.existsSync(PYTHON) && process.env.CI === 'true') {
  throw new Error(
    `the kernel's payloads need the project's Python at ${PYTHON}`
  );
}

interface IKernelCase {
  name: string;
  payload: Record<string, unknown>;
  alt: string;
}

function kernelCases(): IKernelCase[] {
  const out = execFileSync(
    PYTHON,
    [
      path.join(REPO, 'tests', 'parity', 'compare_payloads.py'),
      SHARED_DATA,
      '2'
    ],
    { cwd: REPO, env: { ...process.env, PYTHONPATH: REPO }, maxBuffer: 1 << 30 }
  );
  return JSON.parse(out.toString('utf8')) as IKernelCase[];
}

describeWithData('the view computes and says what the kernel does', () => {
  const cases = fs.existsSync(PYTHON) ? kernelCases() : [];
  let largest = 0;
  let values = 0;

  afterAll(() => {
    process.stdout.write(
      `compare: ${values} values of ${cases.length} kernel tables recomputed by the TypeScript core; ` +
        `largest difference ${largest}\n`
    );
  });

  it('has pairs of every kind', () => {
    for (const kind of [
      'vs no heart',
      'vs shifted arrays',
      '2× resized',
      '0 vs 1'
    ]) {
      expect(cases.some(c => c.name.includes(kind))).toBe(true);
    }
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it('every kernel table equals the TypeScript core’s, and the alt text is the same', () => {
    for (const c of cases) {
      const parsed = parseComparePayload(c.payload);
      expect(parsed.table).not.toBeNull();
      const browser = compareMetrics({
        height: parsed.height,
        width: parsed.width,
        a: parsed.a.runs,
        b: parsed.b.runs,
        landmarksA: parsed.a.landmarks,
        landmarksB: parsed.b.landmarks
      });
      const check = checkMetrics(parsed.table!, browser);
      expect({ name: c.name, differences: check.differences }).toEqual({
        name: c.name,
        differences: []
      });
      largest = Math.max(largest, check.largest);
      for (const organ of ORGANS) {
        for (const metric of METRIC_NAMES) {
          // Bit for bit: the same steps in the same order on both sides.
          expect([
            c.name,
            organ.key,
            metric,
            browser[organ.key][metric]
          ]).toEqual([
            c.name,
            organ.key,
            metric,
            parsed.table![organ.key][metric]
          ]);
          values++;
        }
      }
      expect(compareAltText(parsed, parsed.table!)).toBe(c.alt);
      expect(compareAltText(parsed, browser)).toBe(c.alt);
    }
  });

  it('states the resampling and the empty heart', () => {
    const resized = cases.find(c => c.name.includes('2× resized'))!;
    expect(parseComparePayload(resized.payload).resizedFrom).toEqual({
      height: 2048,
      width: 2048
    });
    expect(resized.alt).toContain('(2× resized from 2048×2048, nearest)');
    const noHeart = cases.find(c => c.name.includes('vs no heart'))!;
    expect(noHeart.alt).toContain("HD — (no heart's mask is empty)");
  });
});
