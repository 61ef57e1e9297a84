/**
 * @jest-environment jsdom
 */
/**
 * The canvas pool: a canvas given back is taken again for the same size
 * only, marked stale, with what its last view set on it cleared; the pool
 * keeps at most MAX_KEPT canvases. A painted layer gives its canvas back
 * when disposed, never draws on it afterwards, and paints over a stale
 * canvas's pixels before anything shows.
 */
import { installBrowserStubs } from '../../__tests__/browser-stubs';
import { giveCanvas, MAX_KEPT, takeCanvas, warmCanvas } from '../canvas-pool';
import { IPixelPainter, PaintedLayer } from '../mask-layer';

installBrowserStubs();

/** Take every kept canvas of a size out of the pool (test isolation). */
function drain(width: number, height: number): void {
  for (let k = 0; k <= MAX_KEPT; k++) {
    takeCanvas(width, height);
  }
}

describe('canvas pool', () => {
  it('gives a new canvas of the size asked when nothing is kept', () => {
    drain(8, 4);
    const { canvas, stale } = takeCanvas(8, 4);
    expect([canvas.width, canvas.height, stale]).toEqual([8, 4, false]);
  });

  it('warms one canvas of a size, allocated and not stale, until it is used', () => {
    drain(6, 5);
    warmCanvas(6, 5);
    warmCanvas(6, 5);
    const warmed = takeCanvas(6, 5);
    expect([warmed.canvas.width, warmed.canvas.height, warmed.stale]).toEqual([
      6,
      5,
      false
    ]);
    // Drawn on (so allocated): cleared, nothing else.
    const calls = (warmed.canvas.getContext('2d') as any).calls as Array<{
      name: string;
    }>;
    expect(
      calls.map(c => c.name).filter(name => name !== 'setTransform')
    ).toEqual(['clearRect']);
    // One only: the next of that size is new.
    expect(takeCanvas(6, 5).canvas).not.toBe(warmed.canvas);
    // Given back after its view used it, it is stale like any other.
    giveCanvas(warmed.canvas);
    expect(takeCanvas(6, 5).stale).toBe(true);
  });

  it('takes back a kept canvas of the same size only, marked stale and reset', () => {
    drain(8, 4);
    drain(4, 8);
    const { canvas } = takeCanvas(8, 4);
    canvas.hidden = true;
    canvas.style.opacity = '0.5';
    canvas.getContext('2d')!.globalCompositeOperation = 'copy';
    const view = document.createElement('div');
    view.appendChild(canvas);
    giveCanvas(canvas);
    // Out of its view's nodes, which it would keep alive.
    expect(canvas.parentNode).toBeNull();
    expect(takeCanvas(4, 8).canvas).not.toBe(canvas);
    const again = takeCanvas(8, 4);
    expect(again.canvas).toBe(canvas);
    expect(again.stale).toBe(true);
    expect(canvas.hidden).toBe(false);
    expect(canvas.getAttribute('style')).toBeNull();
    expect(canvas.getContext('2d')!.globalCompositeOperation).toBe(
      'source-over'
    );
    // Taken: not kept any more.
    expect(takeCanvas(8, 4).canvas).not.toBe(canvas);
  });

  it('keeps at most MAX_KEPT canvases, the most recent', () => {
    drain(2, 2);
    const given = Array.from(
      { length: MAX_KEPT + 2 },
      () => takeCanvas(2, 2).canvas
    );
    given.forEach(giveCanvas);
    giveCanvas(given[given.length - 1]); // twice: kept once
    const taken = Array.from(
      { length: MAX_KEPT + 2 },
      () => takeCanvas(2, 2).canvas
    );
    expect(new Set(taken.filter(c => given.includes(c)))).toEqual(
      new Set(given.slice(2))
    );
  });
});

describe('a painted layer on a pooled canvas', () => {
  /** Paints every pixel of the layer with one value. */
  const painter: IPixelPainter<number> = {
    paint(pixels, value) {
      pixels.fill(value);
    }
  };

  /** The layer's first pixel, as the canvas holds it. */
  const first = (canvas: HTMLCanvasElement): number[] =>
    Array.from(canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data);

  it('gives its canvas back when disposed and paints over stale pixels', () => {
    drain(3, 3);
    const options = {
      height: 3,
      width: 3,
      className: 'jp-chexmask-test-layer',
      inWorker: null,
      painter: () => painter
    };
    const a = new PaintedLayer<number>(options);
    a.paint(7);
    expect(first(a.canvas)).toEqual([7, 7, 7, 7]);
    a.dispose();
    const b = new PaintedLayer<number>(options);
    expect(b.canvas).toBe(a.canvas);
    expect(b.canvas.className).toBe('jp-chexmask-test-layer');
    b.paint(9);
    expect(first(b.canvas)).toEqual([9, 9, 9, 9]);
    // The disposed layer draws nothing more on the canvas now b's.
    a.paint(1);
    expect(first(b.canvas)).toEqual([9, 9, 9, 9]);
    b.dispose();
  });

  it('closes a bitmap shown after it was disposed instead of drawing it', () => {
    drain(3, 3);
    const layer = new PaintedLayer<number>({
      height: 3,
      width: 3,
      className: 'jp-chexmask-test-layer',
      inWorker: null,
      painter: () => painter
    });
    layer.dispose();
    const close = jest.fn();
    layer.show({ close } as unknown as ImageBitmap);
    expect(close).toHaveBeenCalledTimes(1);
  });
});
