/**
 * Strictness: one malformed row per rule, each rejected with a
 * ChexmaskFormatError naming the right column and saying what is wrong.
 */
import {
  decodeRle,
  MAX_MASK_PIXELS,
  maxRleLength,
  parseLandmarks,
  parseRow
} from '..';
import { formatError } from '../../__tests__/format-error';

import { CASES, GOOD, LANDMARKS, rowWith } from './malformed-rows';

describe('malformed rows are rejected with the right field', () => {
  it('accepts the unbroken row', () => {
    const row = parseRow(GOOD);
    expect(row.masks).toEqual({
      rightLung: '3 2',
      leftLung: '1 2 5 2',
      heart: null
    });
    // The empty Heart cell is an empty mask, and the row says so.
    expect(row.warnings).toEqual([
      'Heart has no RLE mask: an empty mask, not drawn or counted'
    ]);
  });

  it.each(CASES)('%s', (_name, changes, field, message) => {
    const error = formatError(() => parseRow(rowWith(changes)));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('rejects a row that is not an object', () => {
    for (const value of [null, 'row', 3, [GOOD]]) {
      expect(formatError(() => parseRow(value)).field).toBe('row');
    }
  });

  it('words the issue example exactly', () => {
    const error = formatError(() =>
      decodeRle('1 1 1048570 10', 1024, 1024, undefined, 'Heart')
    );
    expect(error.message).toBe(
      'Heart: run 2 (start 1048570, length 10) ends past the 1048576 pixels of a 1024×1024 mask'
    );
  });

  it('refuses an oversized mask before allocating it', () => {
    const spy = jest.spyOn(global, 'Uint8Array');
    expect(formatError(() => decodeRle('1 1', 1e5, 1e5)).field).toBe('Height');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    // 50 megapixels must work.
    const big = decodeRle('1 3 49999998 3', 5000, 10000);
    expect(big.length).toBe(50_000_000);
    expect(big[49999999]).toBe(1);
    expect(MAX_MASK_PIXELS).toBeGreaterThanOrEqual(50_000_000);
  });

  it('bounds the work on huge values', () => {
    // A mask large enough that the text is not refused by its length alone.
    const hugeRle = '1 1 '.repeat(2_000_000) + 'x';
    expect(formatError(() => decodeRle(hugeRle, 4096, 4096)).message).toMatch(
      /run 2 \(start 1\) does not come after/
    );
    // Stops at the 241st number; 2 MB is refused by its length alone.
    const manyLandmarks = '1,'.repeat(30_000);
    expect(formatError(() => parseLandmarks(manyLandmarks)).message).toMatch(
      /found more/
    );
    expect(
      formatError(() => parseLandmarks('1,'.repeat(1_000_000))).message
    ).toMatch(/is 2000000 characters long/);
    const longToken = '7'.repeat(1_000_000);
    expect(
      formatError(() => decodeRle(longToken + ' 1', 4096, 4096)).message
    ).toMatch(/ends past/);
  });

  it('refuses RLE text longer than any mask of its size, before scanning it', () => {
    // 4×4: at most 8 runs of "start length" with 2-digit numbers.
    expect(maxRleLength(16)).toBe(8 * 6 + 1024);
    const huge = [' '.repeat(50_000_000) + '1 1', '7'.repeat(50_000_000)];
    // Flat strings, as JSON.parse makes them: only the checks are timed.
    huge.forEach(text => text.charCodeAt(text.length - 1));
    const started = performance.now();
    // The length rule answers, not the walker (which would report a bad or
    // odd number): the text was refused before it was read.
    for (const rle of huge) {
      const error = formatError(() => decodeRle(rle, 4, 4, undefined, 'Heart'));
      expect(error.message).toMatch(
        /^Heart: is 500000\d\d characters long, more than any 4×4 mask can take \(1072\)$/
      );
      expect(
        formatError(() => parseRow({ Heart: rle, Height: 4, Width: 4 })).field
      ).toBe('Heart');
    }
    console.log(
      `two 50 MB RLE texts refused in ${(performance.now() - started).toFixed(2)} ms`
    );
    // Every valid mask fits: the most runs a mask can have, single-spaced
    // (a 1000×1000 checkerboard: 500,000 runs, 6.9 MB), and blanks to spare.
    const checker = Array.from(
      { length: 500_000 },
      (_, k) => `${2 * k + 1} 1`
    ).join(' ');
    expect(checker.length).toBeLessThan(maxRleLength(1_000_000));
    expect(
      decodeRle(' '.repeat(1000) + checker, 1000, 1000).reduce(
        (a, b) => a + b,
        0
      )
    ).toBe(500_000);
  });
});

describe('lenient where the real files vary', () => {
  it('reads Height/Width as "1024", "1024.0", 1024.0, empty or absent', () => {
    const base = { ImageID: 'x.png', Landmarks: LANDMARKS };
    for (const [h, w] of [
      ['1024', '1024.0'],
      [1024.0, 1024],
      ['', ''],
      [null, null],
      [undefined, undefined]
    ]) {
      const row = parseRow({ ...base, Height: h, Width: w });
      expect([row.height, row.width]).toEqual([1024, 1024]);
    }
  });

  it('ignores the pandas index column and unknown columns, and finds ids by column', () => {
    const row = parseRow({
      '': '7',
      'Unnamed: 0': 7,
      extra: '<b>x</b>',
      dicom_id: 'd1',
      Heart: '1 1'
    });
    expect(row.id).toBe('d1');
    expect(row.idColumn).toBe('dicom_id');
    expect(row.dataset).toBe('MIMIC-CXR-JPG');
  });

  it('tells Padchest from CANDID-PTX by the id', () => {
    expect(parseRow({ ImageID: 'a_01.png', Heart: '1 1' }).dataset).toBe(
      'Padchest'
    );
    expect(parseRow({ ImageID: '4.1.46.9.jpg', Heart: '1 1' }).dataset).toBe(
      'CANDID-PTX'
    );
    expect(
      parseRow({ Path: 'train/p1/s1/view1_frontal.jpg', Heart: '1 1' }).dataset
    ).toBe('CheXpert');
  });

  it('treats NaN Dice as missing and warns about swapped values', () => {
    const row = parseRow(
      rowWith({ 'Dice RCA (Mean)': 'NaN', 'Dice RCA (Max)': null })
    );
    expect([row.diceRcaMean, row.diceRcaMax]).toEqual([null, null]);
    expect(row.warnings).toEqual([
      'Dice RCA (Mean) is missing (empty or NaN): quality unknown',
      'Dice RCA (Max) is missing (empty or NaN): quality unknown',
      'Heart has no RLE mask: an empty mask, not drawn or counted'
    ]);
    // A row without the columns at all says nothing about them.
    const without = rowWith({});
    delete without['Dice RCA (Mean)'];
    delete without['Dice RCA (Max)'];
    expect(parseRow(without).warnings).toEqual([
      'Heart has no RLE mask: an empty mask, not drawn or counted'
    ]);
    const swapped = parseRow(
      rowWith({ 'Dice RCA (Mean)': 0.92, 'Dice RCA (Max)': 0.89 })
    );
    expect(swapped.warnings.join()).toMatch(/look swapped/);
  });

  it('parses every landmark encoding to the same points', () => {
    const points = Array.from(
      { length: 120 },
      (_, i) => [i, 5 - i] as [number, number]
    );
    const flat = points.map(p => `${p[0]},${p[1]}`).join(',');
    const numpy =
      '[' +
      points
        .map(p => `[${String(p[0]).padStart(4)} ${String(p[1]).padStart(4)}]`)
        .join('\n ') +
      ']';
    const json = JSON.stringify(points);
    const lines = points.map(p => `${p[0]} ${p[1]}`).join('\n');
    for (const value of [
      flat,
      numpy,
      json,
      lines,
      points,
      points.flat(),
      Float64Array.from(points.flat())
    ]) {
      expect(parseLandmarks(value)).toEqual(points);
    }
  });
});
