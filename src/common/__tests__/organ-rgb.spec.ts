/**
 * The organ colours the mask painter gets: the settings' colours as bytes,
 * and the default's where a setting does not parse (settings are user text).
 */
import { organRgb } from '../organ-rgb';

describe('organ colours for the painter', () => {
  it('parse the settings colours', () => {
    expect(
      organRgb({
        rightLung: '#ff0000',
        leftLung: '#00f',
        heart: 'rgb(1, 2, 3)'
      })
    ).toEqual({
      rightLung: [255, 0, 0],
      leftLung: [0, 0, 255],
      heart: [1, 2, 3]
    });
  });

  it('fall back to the default colours, never to grey', () => {
    // Unreadable colours are reported (once each) by parseColor.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    expect(
      organRgb({ rightLung: 'red-ish', leftLung: '', heart: '#12' })
    ).toEqual({
      rightLung: [230, 25, 75],
      leftLung: [31, 111, 229],
      heart: [44, 160, 44]
    });
    warn.mockRestore();
  });
});
