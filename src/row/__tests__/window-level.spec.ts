/**
 * X-ray windowing: grey from RGBA by integer Rec. 601 weights, and the
 * window/level table mapping grey to opaque grey RGBA.
 */
import { FULL_WINDOW, greyOf, paintWindowed } from '../window-level';

describe('x-ray windowing', () => {
  it('keeps the luminance of RGBA pixels', () => {
    const rgba = Uint8ClampedArray.from([
      255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 10, 200, 30, 255
    ]);
    expect(Array.from(greyOf(rgba))).toEqual([
      255,
      0,
      (255 * 77) >> 8,
      (10 * 77 + 200 * 150 + 30 * 29) >> 8
    ]);
  });

  it('maps grey through the window to opaque grey pixels', () => {
    const grey = Uint8ClampedArray.from([0, 64, 128, 255]);
    const out = new Uint8ClampedArray(16);
    paintWindowed(grey, FULL_WINDOW, out);
    expect(Array.from(out)).toEqual([
      0, 0, 0, 255, 64, 64, 64, 255, 128, 128, 128, 255, 255, 255, 255, 255
    ]);
    // A narrow window at 128: everything under 96 black, over 160 white.
    paintWindowed(grey, { level: 128, window: 64 }, out);
    expect([out[0], out[4], out[8], out[12]]).toEqual([0, 0, 128, 255]);
  });
});
