/**
 * @jest-environment jsdom
 */
/**
 * The plot area as numbers (what the worker draws a plot's first contours
 * for) is the plot area the page lays out: same size, same mapping, same
 * canvas — so the worker's first drawing is the one the page would ask for.
 */
import '../../__tests__/browser-stubs';
import { installBrowserStubs } from '../../__tests__/browser-stubs';
import { landmarkTask } from '../off-thread-task';
import { layerCanvas, PlotFrame } from '../frame';
import { firstContourCanvas, plotSize } from '../plot-area';

const BOUNDS = [
  { x0: -0.5, y0: -0.5, x1: 1023.5, y1: 1023.5 },
  { x0: -20.48, y0: -0.5, x1: 1043.98, y1: 1023.5 },
  { x0: 0, y0: 0, x1: 1, y1: 1 },
  { x0: -0.02, y0: 0, x1: 1.02, y1: 0.4 },
  { x0: 3, y0: -7, x1: 5, y1: 900 }
];

describe('the plot area as numbers', () => {
  beforeAll(() => installBrowserStubs());

  it.each(BOUNDS)('is the laid-out plot area of %o', bounds => {
    const frame = new PlotFrame(bounds, { x: 'x', y: 'y' }, 'plot');
    expect(plotSize(bounds)).toEqual({
      width: frame.width,
      height: frame.height
    });
    for (const dpr of [1, 1.25, 1.5, 2]) {
      const first = firstContourCanvas(bounds, dpr);
      expect(first.mapping).toEqual(frame.mapping);
      const [canvas] = layerCanvas('c', frame.width, frame.height, dpr);
      expect([first.width, first.height]).toEqual([
        canvas.width,
        canvas.height
      ]);
    }
  });

  it('draws no first contours for a plot the worker does not hold', () => {
    expect(
      landmarkTask({ op: 'firstDensity', session: 997, dpr: 1 }).output
    ).toBeNull();
  });
});
