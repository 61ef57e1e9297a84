/**
 * The core's agreement metrics against medpy: the pairs and their oracle are
 * made in the test run by tests/parity/compare_oracles.py (the Python side's
 * pytest uses the same): shared rows' organs against shifted, dilated, eroded,
 * swapped and emptied copies, every organ pair of the original-resolution
 * example, and small random masks. Every number must equal medpy's exactly.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  maskSurface,
  numpyPercentileSorted,
  numpySum,
  overlap,
  parseRuns,
  surfaceDistances
} from '..';
import { describeWithData, SHARED_DATA } from './shared-data';

const REPO = path.resolve(__dirname, '..', '..', '..');
const PYTHON = path.join(REPO, '.venv', 'bin', 'python');

if (!fs.existsSync(PYTHON) && process.env.CI === 'true') {
  throw new Error(
    `the agreement oracle needs the project's Python at ${PYTHON}`
  );
}

/** One pair and medpy's numbers (`null`: undefined, one mask empty). */
interface IOracleCase {
  name: string;
  height: number;
  width: number;
  a: string;
  b: string;
  oracle: {
    dice: number;
    iou: number;
    area_a: number;
    area_b: number;
    hd: number | null;
    hd95: number | null;
    assd: number | null;
  };
}

function oracleCases(): IOracleCase[] {
  const out = execFileSync(
    PYTHON,
    [path.join(REPO, 'tests', 'parity', 'compare_oracles.py'), SHARED_DATA],
    { cwd: REPO, env: { ...process.env, PYTHONPATH: REPO }, maxBuffer: 1 << 30 }
  );
  return JSON.parse(out.toString('utf8')) as IOracleCase[];
}

describeWithData('agreement metrics equal medpy', () => {
  const cases = fs.existsSync(PYTHON) ? oracleCases() : [];

  it('has the kinds of pairs the issue names', () => {
    const names = cases.map(c => c.name).join(' ');
    for (const kind of [
      'shifted',
      'dilated',
      'eroded',
      'emptied',
      'both empty',
      'example Heart vs Left Lung',
      'border',
      'random'
    ]) {
      expect(names).toContain(kind);
    }
  });

  it('gives medpy’s Dice, IoU, HD, HD95 and ASSD on every pair, to the bit', () => {
    let largest = 0;
    const wrong: string[] = [];
    for (const c of cases) {
      const a = parseRuns(c.a, c.height, c.width);
      const b = parseRuns(c.b, c.height, c.width);
      const o = overlap(a, b);
      const d = surfaceDistances(a, b, c.height, c.width);
      const got: Record<string, number> = {
        dice: o.dice,
        iou: o.iou,
        area_a: o.areaA,
        area_b: o.areaB,
        hd: d.hd,
        hd95: d.hd95,
        assd: d.assd
      };
      for (const [metric, expected] of Object.entries(c.oracle)) {
        const value = got[metric];
        const same =
          expected === null ? Number.isNaN(value) : value === expected;
        if (expected !== null) {
          largest = Math.max(largest, Math.abs(value - expected));
        }
        if (!same) {
          wrong.push(`${c.name} ${metric}: ${value}, medpy ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(largest).toBe(0);
    expect(cases.length).toBeGreaterThan(300);
  });
});

describe('numpy reductions', () => {
  it('sums pairwise as numpy does (not left to right)', () => {
    // 0.1 added 1000 times: numpy's `np.full(1000, 0.1).sum()` is
    // 100.00000000000001, a left-to-right loop 99.9999999999986.
    const values = new Float64Array(1000).fill(0.1);
    let naive = 0;
    for (const v of values) {
      naive += v;
    }
    expect(numpySum(values)).toBe(100.00000000000001);
    expect(naive).not.toBe(numpySum(values));
  });

  it('interpolates the 95th percentile linearly from the upper neighbour past ½', () => {
    expect(numpyPercentileSorted([0, 1], 95)).toBe(0.95);
    expect(numpyPercentileSorted([1, 2, 3, 4], 95)).toBe(3.8499999999999996);
    expect(numpyPercentileSorted([7], 95)).toBe(7);
  });
});

describe('mask surface', () => {
  it('is every pixel of a mask two pixels thick, and the border counts as outside', () => {
    // 3×4: rows 0–1 full, row 2 empty: all 8 pixels are on the surface.
    const s = maskSurface(parseRuns('1 8', 3, 4), 3, 4);
    expect(Array.from(s.columns)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    // 5×5 with a 3×3 block in the middle: its centre is inside.
    const block = maskSurface(parseRuns('7 3 12 3 17 3', 5, 5), 5, 5);
    expect(Array.from(block.columns)).toEqual([1, 2, 3, 1, 3, 1, 2, 3]);
  });

  it('treats touching runs as one stretch', () => {
    const s = maskSurface(parseRuns('1 2 3 2', 1, 4), 1, 4);
    expect(Array.from(s.columns)).toEqual([0, 1, 2, 3]);
  });
});
