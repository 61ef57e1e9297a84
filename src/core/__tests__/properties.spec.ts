/**
 * Property tests: RLE round trips on random masks of random shapes, and the
 * core never throws anything but ChexmaskFormatError on random input.
 */
import fc from 'fast-check';
import {
  ChexmaskFormatError,
  decodeRle,
  encodeRle,
  fillPolygon,
  parseLandmarks,
  parseRow
} from '..';

/** A random mask with its shape: 1×1, wide, tall and in between. */
const maskArbitrary = fc
  .record({
    height: fc.integer({ min: 1, max: 40 }),
    width: fc.integer({ min: 1, max: 40 })
  })
  .chain(({ height, width }) =>
    fc.record({
      height: fc.constant(height),
      width: fc.constant(width),
      // Runs of equal values make realistic masks; uniform bits make noisy ones.
      bits: fc.oneof(
        fc.array(fc.integer({ min: 0, max: 1 }), {
          minLength: height * width,
          maxLength: height * width
        }),
        fc
          .array(
            fc.tuple(
              fc.integer({ min: 0, max: 1 }),
              fc.integer({ min: 1, max: 60 })
            ),
            {
              maxLength: 50
            }
          )
          .map(runs => {
            const out: number[] = [];
            for (const [v, n] of runs) {
              for (let k = 0; k < n && out.length < height * width; k++) {
                out.push(v);
              }
            }
            while (out.length < height * width) {
              out.push(0);
            }
            return out;
          })
      )
    })
  );

/** Expect `fn` to return, or to throw a ChexmaskFormatError and nothing else. */
function returnsOrFormatError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ChexmaskFormatError)) {
      throw error;
    }
    expect(typeof error.field).toBe('string');
    expect(error.message.length).toBeLessThan(400);
  }
}

describe('RLE properties', () => {
  it('decodeRle(encodeRle(m)) = m for random masks of random shapes', () => {
    fc.assert(
      fc.property(maskArbitrary, ({ height, width, bits }) => {
        const mask = Uint8Array.from(bits);
        const rle = encodeRle(mask, height, width);
        const decoded = decodeRle(rle, height, width);
        expect(Buffer.from(decoded).equals(Buffer.from(mask))).toBe(true);
        // Into a dirty reused buffer, by the fast path and by the checking walker.
        const dirty = new Uint8Array(height * width).fill(7);
        expect(
          Buffer.from(decodeRle(rle, height, width, dirty)).equals(
            Buffer.from(mask)
          )
        ).toBe(true);
        dirty.fill(9);
        const slow = decodeRle(rle.replace(/ /g, '\t'), height, width, dirty);
        expect(Buffer.from(slow).equals(Buffer.from(mask))).toBe(true);
        // And the encoding is canonical: encode(decode(s)) = s.
        expect(encodeRle(decoded, height, width)).toBe(rle);
      }),
      { numRuns: 1000 }
    );
  });

  it('round trips the edge shapes 1×1, 1×n and n×1', () => {
    for (const [h, w] of [
      [1, 1],
      [1, 257],
      [257, 1]
    ]) {
      const all = new Uint8Array(h * w).fill(1);
      expect(encodeRle(all, h, w)).toBe(`1 ${h * w}`);
      expect(decodeRle(`1 ${h * w}`, h, w)).toEqual(all);
      expect(encodeRle(new Uint8Array(h * w), h, w)).toBe('');
    }
  });

  it('matches the tiny example of the format', () => {
    const mask = Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
    expect(encodeRle(mask, 3, 4)).toBe('2 2 8 2');
    expect(decodeRle('2 2 8 2', 3, 4)).toEqual(mask);
    expect(decodeRle('  2 2   8 2 ', 3, 4)).toEqual(mask);
    expect(decodeRle('', 3, 4)).toEqual(new Uint8Array(12));
    expect(decodeRle('   ', 3, 4)).toEqual(new Uint8Array(12));
    expect(decodeRle(null, 3, 4)).toEqual(new Uint8Array(12));
    expect(decodeRle(undefined, 3, 4)).toEqual(new Uint8Array(12));
  });
});

describe('the core on random input', () => {
  const rleAlphabet = fc.constantFrom(...'0123456789  -.,x\n\t'.split(''));
  const rleLike = fc.oneof(
    fc.string(),
    fc.array(rleAlphabet, { maxLength: 60 }).map(cs => cs.join('')),
    fc
      .array(fc.integer({ min: -5, max: 200 }), { maxLength: 12 })
      .map(ns => ns.join(' '))
  );

  it('decodeRle returns or throws ChexmaskFormatError, never anything else', () => {
    fc.assert(
      fc.property(
        rleLike,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (s, h, w) => {
          returnsOrFormatError(() => decodeRle(s, h, w));
        }
      ),
      { numRuns: 5000 }
    );
  });

  it('parseLandmarks returns or throws ChexmaskFormatError on random strings and arrays', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .array(fc.integer({ min: -100, max: 1100 }), {
              minLength: 238,
              maxLength: 242
            })
            .map(a => a.join(',')),
          fc.array(fc.double(), { minLength: 240, maxLength: 240 }),
          fc.anything()
        ),
        value => returnsOrFormatError(() => parseLandmarks(value))
      ),
      { numRuns: 3000 }
    );
  });

  it('parseRow returns or throws ChexmaskFormatError on random records', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.constant(null),
      fc.integer(),
      fc.anything()
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              image_id: cell,
              'Dice RCA (Mean)': cell,
              'Dice RCA (Max)': cell,
              Landmarks: cell,
              'Right Lung': fc.oneof(cell, rleLike),
              'Left Lung': fc.oneof(cell, rleLike),
              Heart: fc.oneof(cell, rleLike),
              Height: fc.oneof(cell, fc.integer({ min: -3, max: 30 })),
              Width: fc.oneof(cell, fc.integer({ min: -3, max: 30 }))
            },
            { requiredKeys: [] }
          )
        ),
        record => returnsOrFormatError(() => parseRow(record))
      ),
      { numRuns: 3000 }
    );
  });

  it('fillPolygon stays inside the image for random polygons, inside or outside it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: -40, max: 70 }),
            fc.integer({ min: -40, max: 70 })
          ),
          {
            maxLength: 12
          }
        ),
        (h, w, points) => {
          const mask = fillPolygon(points, h, w);
          expect(mask.length).toBe(h * w);
          expect(mask.every(v => v === 0 || v === 1)).toBe(true);
          // Every vertex inside the image is part of the fill (boundary included).
          for (const [x, y] of points) {
            if (x >= 0 && x < w && y >= 0 && y < h) {
              expect(mask[y * w + x]).toBe(1);
            }
          }
        }
      ),
      { numRuns: 3000 }
    );
  });
});
