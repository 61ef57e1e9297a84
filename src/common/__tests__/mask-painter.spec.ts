/**
 * The mask painter finds the pixels to blend from the runs painted before;
 * its pixels are checked against painting the same runs with `paintRuns`,
 * which reads every pixel, on real rows and on made-up overlapping runs,
 * filled, outlined and both (outlines derived here through RLE text, the
 * long way round).
 */
import {
  decodeRle,
  maskOutline,
  ORGANS,
  OrganKey,
  organRuns,
  parseCsv,
  parseRow,
  runsOfMask,
  runsToRle
} from '../../core';
import { describeWithData, readShared } from '../../core/__tests__/shared-data';
import {
  IMaskStyle,
  MaskPainter,
  paintRuns,
  paintRunsOver
} from '../mask-painter';
import { organRgb } from '../organ-rgb';
import { DEFAULT_SETTINGS } from '../../settings';

const COLORS: IMaskStyle['colors'] = organRgb(DEFAULT_SETTINGS.colors);

/** A style over `overrides`. */
function style(overrides: Partial<IMaskStyle>): IMaskStyle {
  return {
    colors: COLORS,
    visible: { rightLung: true, leftLung: true, heart: true },
    opacity: 0.5,
    mode: 'filled',
    ...overrides
  };
}

/**
 * The fills, then the outlines at full opacity, painted by `paintRuns`,
 * each pixel read (the reference).
 */
function reference(
  runs: Record<OrganKey, Int32Array>,
  height: number,
  width: number,
  s: IMaskStyle
): Uint32Array {
  const out = new Uint32Array(height * width);
  if (s.mode !== 'outline' && s.opacity > 0) {
    for (const organ of ORGANS) {
      if (s.visible[organ.key]) {
        paintRuns(out, runs[organ.key], s.colors[organ.key], s.opacity);
      }
    }
  }
  if (s.mode !== 'filled') {
    for (const organ of ORGANS) {
      if (s.visible[organ.key]) {
        const mask = decodeRle(runsToRle(runs[organ.key]), height, width);
        const outline = runsOfMask(maskOutline(mask, height, width));
        paintRuns(out, outline, s.colors[organ.key], 1);
      }
    }
  }
  return out;
}

/** What the painter paints, as words. */
function painted(
  runs: Record<OrganKey, Int32Array>,
  height: number,
  width: number,
  s: IMaskStyle
): Uint32Array {
  const pixels = new Uint8ClampedArray(height * width * 4);
  // Not a fresh buffer: the painter clears what was there.
  pixels.fill(7);
  new MaskPainter(runs, height, width).paint(pixels, s);
  return new Uint32Array(pixels.buffer);
}

/** The first pixel where two paints differ, or -1 (quicker than `toEqual` on millions). */
function firstDifference(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) {
    return 0;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return i;
    }
  }
  return -1;
}

/** Sorted, disjoint random runs over `size` pixels. */
function randomRuns(size: number, seed: number): Int32Array {
  let x = seed;
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const runs: number[] = [];
  let at = next(20);
  while (at < size) {
    const length = Math.min(1 + next(30), size - at);
    runs.push(at, length);
    at += length + 1 + next(25);
  }
  return Int32Array.from(runs);
}

describe('MaskPainter', () => {
  it('blends exactly where runs painted before overlap, on made-up runs', () => {
    const [height, width] = [37, 53];
    for (let seed = 1; seed <= 40; seed++) {
      const runs = {
        rightLung: randomRuns(height * width, seed),
        leftLung: randomRuns(height * width, seed + 1000),
        heart: randomRuns(height * width, seed + 2000)
      };
      for (const opacity of [0.5, 1, 0.001]) {
        for (const mode of ['filled', 'outline', 'both'] as const) {
          const s = style({
            opacity,
            mode,
            visible: { rightLung: seed % 3 > 0, leftLung: true, heart: true }
          });
          expect(
            firstDifference(
              painted(runs, height, width, s),
              reference(runs, height, width, s)
            )
          ).toBe(-1);
        }
      }
    }
  });

  it('returns the union of what was covered and the runs painted', () => {
    const out = new Uint32Array(30);
    const covered = Int32Array.from([2, 3, 10, 5, 20, 2]);
    const union = paintRunsOver(
      out,
      Int32Array.from([4, 7, 14, 2, 24, 3]),
      covered,
      [1, 2, 3],
      0.5
    );
    expect(Array.from(union)).toEqual([2, 14, 20, 2, 24, 3]);
  });
});

describeWithData('MaskPainter on real rows', () => {
  it.each([
    ['chexmask-preprocessed/CheXpert.csv'],
    ['original-resolution-synthetic/CheXpert_synthetic_2828x2320.csv']
  ])('paints %s as reading every pixel would', file => {
    const row = parseRow(parseCsv(readShared(file).toString('utf8'))[0]);
    const runs = organRuns(row, false);
    for (const s of [
      style({}),
      style({ opacity: 1 }),
      style({ opacity: 0.3 }),
      style({ mode: 'outline' }),
      style({ mode: 'both', opacity: 0.4 })
    ]) {
      expect(
        firstDifference(
          painted(runs, row.height, row.width, s),
          reference(runs, row.height, row.width, s)
        )
      ).toBe(-1);
    }
  });
});
