/**
 * The agreement map: the runs of A ∩ B, A \ B and B \ A (property-tested
 * against decoded masks), and the painter's pixels: every pixel of a
 * synthetic and of a real pair is the colour of its class (both, only A,
 * only B) of the last organ either side holds there, or transparent.
 */
import fc from 'fast-check';
import {
  decodeRle,
  ORGANS,
  OrganKey,
  parseCsv,
  parseRuns,
  runsIntersect,
  runsOfMask,
  runsSubtract
} from '../../core';
import { describeWithData, readShared } from '../../core/__tests__/shared-data';
import { AGREEMENT_COLORS, AgreementClass } from '../agreement-colors';
import { AgreementPainter } from '../agreement-painter';
import { compareHover } from '../hover';

/** A 0/1 mask of `n` pixels as runs and as bytes. */
const mask = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n, max: 1 });

/** Runs that may touch (split a run in two), as the core allows. */
function splitRuns(runs: Int32Array): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < runs.length; k += 2) {
    if (runs[k + 1] > 1 && k % 4 === 0) {
      out.push(runs[k], 1, runs[k] + 1, runs[k + 1] - 1);
    } else {
      out.push(runs[k], runs[k + 1]);
    }
  }
  return Int32Array.from(out);
}

describe('run set operations', () => {
  it('A ∩ B and A \\ B equal the masks’ pixel-wise results', () => {
    fc.assert(
      fc.property(mask(60), mask(60), fc.boolean(), (a, b, split) => {
        let ra = runsOfMask(a);
        let rb = runsOfMask(b);
        if (split) {
          ra = splitRuns(ra);
          rb = splitRuns(rb);
        }
        const both = runsIntersect(ra, rb);
        const onlyA = runsSubtract(ra, rb);
        const decode = (runs: Int32Array) => {
          const out = new Uint8Array(a.length);
          for (let k = 0; k < runs.length; k += 2) {
            expect(runs[k + 1]).toBeGreaterThan(0);
            out.fill(1, runs[k], runs[k] + runs[k + 1]);
          }
          return Array.from(out);
        };
        expect(decode(both)).toEqual(Array.from(a, (v, i) => v & b[i]));
        expect(decode(onlyA)).toEqual(Array.from(a, (v, i) => v & (1 - b[i])));
      }),
      { numRuns: 2000, seed: 16 }
    );
  });
});

/** The packed canvas word of a class colour at full opacity. */
function word(kind: AgreementClass): number {
  const [r, g, b] = AGREEMENT_COLORS[kind].rgb;
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Paint the map opaque and check every pixel against the decoded masks. */
function expectClassColours(
  a: Record<OrganKey, Uint8Array>,
  b: Record<OrganKey, Uint8Array>,
  height: number,
  width: number
): Record<AgreementClass | 'none', number> {
  const runs = (m: Record<OrganKey, Uint8Array>) => {
    const out = {} as Record<OrganKey, Int32Array>;
    for (const o of ORGANS) {
      out[o.key] = runsOfMask(m[o.key]);
    }
    return out;
  };
  const pixels = new Uint8ClampedArray(4 * height * width);
  new AgreementPainter(runs(a), runs(b), height, width).paint(pixels, {
    colors: {
      both: AGREEMENT_COLORS.both.rgb,
      onlyA: AGREEMENT_COLORS.onlyA.rgb,
      onlyB: AGREEMENT_COLORS.onlyB.rgb
    },
    visible: { rightLung: true, leftLung: true, heart: true },
    opacity: 1
  });
  const words = new Uint32Array(pixels.buffer);
  const seen = { both: 0, onlyA: 0, onlyB: 0, none: 0 };
  for (let i = 0; i < height * width; i++) {
    let expected: AgreementClass | 'none' = 'none';
    for (const o of ORGANS) {
      const inA = a[o.key][i] === 1;
      const inB = b[o.key][i] === 1;
      if (inA || inB) {
        expected = inA && inB ? 'both' : inA ? 'onlyA' : 'onlyB';
      }
    }
    seen[expected]++;
    if (words[i] !== (expected === 'none' ? 0 : word(expected))) {
      throw new Error(
        `pixel ${i}: ${words[i].toString(16)}, expected ${expected}`
      );
    }
  }
  return seen;
}

describe('the agreement painter', () => {
  it('paints both, only A and only B in their colours (synthetic 4×4)', () => {
    const m = (bits: string) => Uint8Array.from(bits, Number);
    const a = {
      rightLung: m('1100110000000000'),
      leftLung: m('0000000000000000'),
      heart: m('0000000000001111')
    };
    const b = {
      rightLung: m('0110011000000000'),
      leftLung: m('0000000000000000'),
      heart: m('0000000000000011')
    };
    expect(expectClassColours(a, b, 4, 4)).toEqual({
      both: 4,
      onlyA: 4,
      onlyB: 2,
      none: 6
    });
  });

  it('leaves hidden organs and zero opacity unpainted', () => {
    const a = Int32Array.from([0, 4]);
    const runs = { rightLung: a, leftLung: a, heart: a };
    const pixels = new Uint8ClampedArray(4 * 16).fill(9);
    const painter = new AgreementPainter(runs, runs, 4, 4);
    const colors = {
      both: AGREEMENT_COLORS.both.rgb,
      onlyA: AGREEMENT_COLORS.onlyA.rgb,
      onlyB: AGREEMENT_COLORS.onlyB.rgb
    };
    painter.paint(pixels, {
      colors,
      visible: { rightLung: false, leftLung: false, heart: false },
      opacity: 1
    });
    expect(pixels.every(v => v === 0)).toBe(true);
    painter.paint(pixels, {
      colors,
      visible: { rightLung: true, leftLung: false, heart: false },
      opacity: 0.45
    });
    // Partly transparent, in the "both" colour.
    expect(Array.from(pixels.slice(0, 4))).toEqual([
      ...AGREEMENT_COLORS.both.rgb,
      Math.round(0.45 * 255)
    ]);
  });

  it('says which source holds a pixel when hovered', () => {
    const scene = {
      labels: ['CheXmask', 'model'] as [string, string],
      height: 4,
      width: 4,
      a: {
        rightLung: Int32Array.from([0, 2]),
        leftLung: new Int32Array(0),
        heart: Int32Array.from([5, 1])
      },
      b: {
        rightLung: Int32Array.from([1, 2]),
        leftLung: new Int32Array(0),
        heart: Int32Array.from([5, 1])
      },
      visible: { rightLung: true, leftLung: true, heart: true }
    };
    expect(compareHover(scene, 0.5, 0.2)).toBe(
      'x 0, y 0: Right lung only in CheXmask'
    );
    expect(compareHover(scene, 1.5, 0)).toBe(
      'x 1, y 0: Right lung in both CheXmask and model'
    );
    expect(compareHover(scene, 2, 0)).toBe(
      'x 2, y 0: Right lung only in model'
    );
    expect(compareHover(scene, 1, 1)).toBe(
      'x 1, y 1: Heart in both CheXmask and model'
    );
    expect(compareHover(scene, 3, 3)).toBe(
      'x 3, y 3: no organ in CheXmask or model'
    );
    expect(compareHover(scene, 4, 0)).toBeNull();
    expect(
      compareHover(
        { ...scene, visible: { ...scene.visible, rightLung: false } },
        1,
        0
      )
    ).toBe('x 1, y 0: no organ in CheXmask or model');
  });
});

describeWithData('the agreement painter on real rows', () => {
  it('paints every pixel of two real 1024² rows in its class colour', () => {
    const rows = parseCsv(
      readShared('chexmask-preprocessed/ChestX-Ray8.csv').toString('utf8')
    ).slice(0, 2);
    const masks = (row: Record<string, string>) => {
      const out = {} as Record<OrganKey, Uint8Array>;
      for (const o of ORGANS) {
        out[o.key] = decodeRle(row[o.column], 1024, 1024);
        // The runs the core parses are the runs of the decoded mask.
        expect(Array.from(runsOfMask(out[o.key]))).toEqual(
          Array.from(parseRuns(row[o.column], 1024, 1024))
        );
      }
      return out;
    };
    const seen = expectClassColours(masks(rows[0]), masks(rows[1]), 1024, 1024);
    // Two different images: all three classes are there.
    expect(seen.both).toBeGreaterThan(1000);
    expect(seen.onlyA).toBeGreaterThan(100);
    expect(seen.onlyB).toBeGreaterThan(100);
  });
});
