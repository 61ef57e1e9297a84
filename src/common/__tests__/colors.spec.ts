/**
 * The settings promise CSS colours: every form a user may type is read, and a
 * value that is not one falls back with a single warning naming it.
 */
import fc from 'fast-check';
import { parseColor, Rgb, toHex } from '../colors';

const FALLBACK: Rgb = [128, 128, 128];

describe('parseColor', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
  });

  const cases: Array<[string, string, Rgb]> = [
    ['named', 'red', [255, 0, 0]],
    ['named', 'rebeccapurple', [102, 51, 153]],
    ['named', 'steelblue', [70, 130, 180]],
    ['#rgb', '#f80', [255, 136, 0]],
    ['#rgba', '#0f08', [0, 255, 0]],
    ['#rrggbb', '#1a2b3c', [26, 43, 60]],
    ['#rrggbbaa (alpha ignored)', '#ff000080', [255, 0, 0]],
    ['rgb()', 'rgb(12, 34, 56)', [12, 34, 56]],
    ['rgba()', 'rgba(12, 34, 56, 0.5)', [12, 34, 56]],
    ['rgb() percentages', 'rgb(100%, 0%, 50%)', [255, 0, 128]],
    ['rgb() space syntax', 'rgb(12 34 56)', [12, 34, 56]],
    ['rgb() space syntax, alpha', 'rgb(12 34 56 / 50%)', [12, 34, 56]],
    ['rgb() fractions, rounded', 'rgb(1.4, 2.6, 3)', [1, 3, 3]],
    ['rgb() out of range, clamped', 'rgb(300, -5, 0)', [255, 0, 0]],
    ['rgb() with an alpha argument', 'rgb(12, 34, 56, 0.5)', [12, 34, 56]],
    ['hsl()', 'hsl(120, 100%, 25%)', [0, 128, 0]],
    ['hsla()', 'hsla(240, 100%, 50%, 0.3)', [0, 0, 255]],
    ['hsl() space syntax, deg', 'hsl(120deg 100% 25%)', [0, 128, 0]],
    ['hsl() turn, alpha', 'hsl(0.5turn 100% 50% / 0.4)', [0, 255, 255]],
    ['hsl() rad', 'hsl(3.14159265rad, 100%, 50%)', [0, 255, 255]],
    ['uppercase name', 'RED', [255, 0, 0]],
    ['uppercase hex', '#ABCDEF', [171, 205, 239]],
    ['uppercase function', 'RGB(1, 2, 3)', [1, 2, 3]],
    ['uppercase hsl', 'HSL(120DEG 100% 25%)', [0, 128, 0]],
    ['whitespace around', '  #abc \n', [170, 187, 204]],
    ['whitespace inside', 'rgb(  1 ,2,   3 )', [1, 2, 3]],
    ['whitespace around a name', '\tgreen ', [0, 128, 0]]
  ];
  it.each(cases)('reads %s: %j', (_form, text, expected) => {
    expect(parseColor(text, FALLBACK)).toEqual(expected);
    expect(warn).not.toHaveBeenCalled();
  });

  const invalid = [
    'nope',
    '',
    '#ff000',
    '#12345g',
    'rgb(1, 2)',
    'rgb(1 2 3 4)',
    'rgb(1 2 3 / x)',
    'rgb(1deg, 2, 3)',
    'hsl(120%, 50%, 50%)',
    'rgb(1, 2, 3',
    'transparent',
    'currentcolor',
    'oklch(70% 0.1 120)',
    'url(x)'
  ];
  it.each(invalid)(
    'falls back for %j, warning once even when parsed twice',
    text => {
      expect(parseColor(text, FALLBACK)).toEqual(FALLBACK);
      expect(parseColor(text, [1, 2, 3])).toEqual([1, 2, 3]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toContain(JSON.stringify(text));
    }
  );

  it('warns once per distinct bad value', () => {
    for (let paint = 0; paint < 5; paint++) {
      parseColor('redd', FALLBACK);
      parseColor('bleu', FALLBACK);
    }
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls.map(call => call[0])).toEqual([
      expect.stringContaining('"redd"'),
      expect.stringContaining('"bleu"')
    ]);
  });
});

describe('toHex', () => {
  it('writes #rrggbb', () => {
    expect(toHex([255, 136, 0])).toBe('#ff8800');
    expect(toHex([0, 0, 0])).toBe('#000000');
  });

  it('round-trips through parseColor', () => {
    expect(toHex(parseColor('#1a2b3c', FALLBACK))).toBe('#1a2b3c');
    expect(toHex(parseColor('#ABC', FALLBACK))).toBe('#aabbcc');
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(byte, byte, byte), rgb => {
        expect(parseColor(toHex(rgb), FALLBACK)).toEqual(rgb);
      })
    );
  });
});
