/**
 * decodeRle's fast path (rle-ascii) against the checking walker (forEachRun):
 * on any text, the same mask or the same error. Texts longer than the fast
 * path's 16 K-character chunk exercise its cuts: a pair split by a cut, runs of
 * spaces across a cut, a chunk without a space, an error after a cut.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';
import { ChexmaskFormatError, decodeRle, encodeRle, forEachRun } from '..';
import { decodeAsciiRuns } from '../rle-ascii';

/** A mask as a short string (jest compares big buffers byte by byte, slowly). */
const digest = (mask: Uint8Array) =>
  'mask ' + createHash('sha256').update(mask).digest('hex');

/** The walker's answer: its mask's digest, or its error message. */
function walk(rle: string, height: number, width: number): string {
  const mask = new Uint8Array(height * width);
  try {
    forEachRun(rle, height, width, 'RLE', (start0, length) => {
      mask.fill(1, start0, start0 + length);
    });
  } catch (error) {
    if (error instanceof ChexmaskFormatError) {
      return error.message;
    }
    throw error;
  }
  return digest(mask);
}

/** decodeRle's answer, into a dirty reused buffer: its digest or the error message. */
function decode(rle: string, height: number, width: number): string {
  try {
    const out = new Uint8Array(height * width).fill(5);
    return digest(decodeRle(rle, height, width, out));
  } catch (error) {
    if (error instanceof ChexmaskFormatError) {
      return error.message;
    }
    throw error;
  }
}

/**
 * A random 0/1 mask of `pixels` with runs of 1–`longest` equal values, from
 * a seed (xorshift32: quicker than drawing 90,000 values one by one).
 */
const noisyMask = (pixels: number, longest: number) =>
  fc.integer({ min: 1, max: 0x7fffffff }).map(seed => {
    const mask = new Uint8Array(pixels);
    let x = seed;
    for (let p = 0, k = 0; p < pixels; k++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const length = 1 + ((x >>> 0) % longest);
      mask.fill(k & 1, p, Math.min(pixels, p + length));
      p += length;
    }
    return mask;
  });

describe('decodeRle fast path and the checking walker', () => {
  it('agree on random texts of digits and spaces (and a little else)', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789012345678901234567890123456789     \t-x'.split('')
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map(cs => cs.join('')),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (rle, h, w) => {
          expect(decode(rle, h, w)).toEqual(walk(rle, h, w));
        }
      ),
      { numRuns: 5000 }
    );
  });

  it('agree on valid texts of random runs, with extra spaces', () => {
    fc.assert(
      fc.property(
        noisyMask(24 * 24, 6),
        fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
        (mask, spaces) => {
          let rle = encodeRle(mask, 24, 24);
          for (const at of spaces) {
            const p = rle.indexOf(' ', Math.min(at, rle.length));
            if (p >= 0) {
              rle = rle.slice(0, p) + '  ' + rle.slice(p);
            }
          }
          const fast = decode(rle, 24, 24);
          expect(fast).toEqual(walk(rle, 24, 24));
          expect(fast).toEqual(digest(mask));
          expect(decodeAsciiRuns(rle, 24 * 24, new Uint8Array(24 * 24))).toBe(
            true
          );
        }
      ),
      { numRuns: 500 }
    );
  });

  // 300 × 300 masks with runs of 1–8 pixels: texts of ~150 K characters, so
  // about ten chunks each.
  const height = 300;
  const width = 300;

  it('agree on texts of many chunks, however the cuts fall', () => {
    fc.assert(
      fc.property(
        noisyMask(height * width, 8),
        fc.nat({ max: 40 }),
        (mask, lead) => {
          // Leading spaces move every cut; 16 K of them leave the first chunk
          // without a number.
          const rle =
            ' '.repeat(lead === 40 ? 1 << 14 : lead) +
            encodeRle(mask, height, width);
          expect(rle.length).toBeGreaterThan(1 << 16);
          const fast = decode(rle, height, width);
          expect(fast).toEqual(digest(mask));
          expect(fast).toEqual(walk(rle, height, width));
          // …and the fast path itself took it (a wrong cut would make it
          // give up and leave the text to the walker, unseen above).
          const zeroed = new Uint8Array(height * width);
          expect(decodeAsciiRuns(rle, height * width, zeroed)).toBe(true);
          expect(digest(zeroed)).toEqual(digest(mask));
        }
      ),
      { numRuns: 20 }
    );
  });

  it('give the same error for a fault after the first chunks', () => {
    fc.assert(
      fc.property(
        noisyMask(height * width, 8),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.constantFrom('x', '\t', '-', ' 0 ', '  9999999 '),
        (mask, where, fault) => {
          const text = encodeRle(mask, height, width);
          const p = text.indexOf(' ', Math.floor(where * (text.length - 1)));
          const at = p < 0 ? text.length : p;
          const rle = text.slice(0, at) + fault + text.slice(at);
          expect(decode(rle, height, width)).toEqual(walk(rle, height, width));
        }
      ),
      { numRuns: 30 }
    );
  });

  it('handle a token longer than a chunk like the walker', () => {
    // "1 000…005 9 3" on 100 × 100: runs of 5 and 3 pixels.
    const rle = '1 ' + '0'.repeat(1 << 15) + '5 9 3';
    const expected = new Uint8Array(100 * 100);
    expected.fill(1, 0, 5).fill(1, 8, 11);
    expect(decode(rle, 100, 100)).toEqual(digest(expected));
    expect(walk(rle, 100, 100)).toEqual(digest(expected));
    // The fast path leaves it to the walker: no space to cut the chunk at.
    expect(decodeAsciiRuns(rle, 100 * 100, new Uint8Array(100 * 100))).toBe(
      false
    );
  });
});
