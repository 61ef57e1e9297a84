/**
 * @jest-environment jsdom
 *
 * With a worker, the row view builds around the worker's bitmap in slices
 * of main-thread work that yield between them: nothing shows until the
 * last slice puts the whole overlay into the output at once, the bitmap is
 * drawn and let go, and a view released or disposed between two slices
 * drops what it built (its canvas back to the pool, nothing shown). The
 * worker is stood in for by the core on this thread.
 */
// First: the harness defines the globals Lumino needs when it is imported.
import {
  createView,
  disposeView,
  fakeModel,
  IViewUnderTest,
  MIME_OF,
  settle
} from '../../__tests__/view-harness';
import {
  rowPayload,
  SMALL_SIDE,
  smallRow
} from '../../__tests__/valid-payloads';
import { takeCanvas } from '../../common/canvas-pool';
import { HOLD_MASKS_PIXELS } from '../stage';
import { measureRow, organRuns } from '../../core';

/** The bitmaps the stand-in worker made, and whether each was closed. */
const bitmaps: Array<{ closed: boolean; close(): void }> = [];

jest.mock('../../worker/client', () => {
  const actual = jest.requireActual('../../worker/client');
  return {
    ...actual,
    workerAvailable: () => true,
    runInWorker: async (kind: string, input: any) => {
      if (kind === 'decode') {
        const bitmap = {
          width: input.row.width,
          height: input.row.height,
          closed: false,
          close(): void {
            bitmap.closed = true;
          }
        };
        bitmaps.push(bitmap);
        return {
          runs: organRuns(input.row, input.fromLandmarks),
          masks: bitmap
        };
      }
      if (kind === 'measure') {
        return measureRow(input.row, input.fromLandmarks);
      }
      throw new Error(`the stand-in worker has no ${kind} task`);
    }
  };
});

/** Take every kept canvas of the small row's size out of the pool. */
function emptyPool(): void {
  while (takeCanvas(SMALL_SIDE, SMALL_SIDE).stale) {
    // taken
  }
}

/** Render the small row; resolves when `renderModel` does (the view is not lazy in jsdom). */
function render(under: IViewUnderTest): Promise<void> {
  return under.view.renderModel(fakeModel(MIME_OF.row, rowPayload()));
}

/** Let microtasks run, but no task: the view stops at its next yield. */
async function microtasks(): Promise<void> {
  for (let k = 0; k < 20; k++) {
    await Promise.resolve();
  }
}

describe('the row view built in slices around the worker’s bitmap', () => {
  let under: IViewUnderTest;

  beforeEach(() => {
    bitmaps.length = 0;
    emptyPool();
    under = createView('row');
  });

  afterEach(() => {
    disposeView(under);
  });

  it('shows nothing until the last slice, then the whole overlay with the bitmap drawn', async () => {
    const rendering = render(under);
    await microtasks();
    const node = under.view.node;
    // The worker answered and the first slice ran: still the placeholder.
    expect(bitmaps).toHaveLength(1);
    expect(node.dataset.state).toBe('waiting');
    expect(node.querySelector('.jp-chexmask-stage')).toBeNull();
    await rendering;
    expect(node.dataset.state).toBe('painted');
    expect(node.dataset.decoded).toBe('worker');
    expect(node.querySelector('.jp-chexmask-placeholder')).toBeNull();
    for (const part of [
      'header',
      'controls',
      'stage',
      'readout',
      'measurements',
      'export'
    ]) {
      expect(node.querySelectorAll(`.jp-chexmask-${part}`)).toHaveLength(1);
    }
    const canvas = node.querySelector<HTMLCanvasElement>('.jp-chexmask-masks');
    const calls = (canvas!.getContext('2d') as any).calls as Array<{
      name: string;
      args: unknown[];
    }>;
    expect(calls.filter(c => c.name === 'drawImage')).toHaveLength(1);
    expect(calls.find(c => c.name === 'drawImage')!.args[0]).toBe(bitmaps[0]);
    expect(bitmaps[0].closed).toBe(true);
    await settle();
    expect(node.dataset.measured).toBe('true');
  });

  it('drops what it built when disposed between two slices', async () => {
    const rendering = render(under);
    await microtasks();
    expect(bitmaps).toHaveLength(1);
    expect(takeCanvas(SMALL_SIDE, SMALL_SIDE).stale).toBe(false);
    under.view.dispose();
    await rendering;
    await settle();
    expect(under.view.node.querySelector('.jp-chexmask-stage')).toBeNull();
    // The stage's canvas went back to the pool, the bitmap was let go.
    expect(takeCanvas(SMALL_SIDE, SMALL_SIDE).stale).toBe(true);
    expect(bitmaps[0].closed).toBe(true);
  });

  it('shows a large masks canvas a frame after the rest, a small one at once', async () => {
    const side = Math.ceil(Math.sqrt(HOLD_MASKS_PIXELS)) + 1;
    const masks = (): HTMLCanvasElement =>
      under.view.node.querySelector<HTMLCanvasElement>('.jp-chexmask-masks')!;
    await under.view.renderModel(
      fakeModel(
        MIME_OF.row,
        rowPayload({ ...smallRow(), Height: String(side), Width: String(side) })
      )
    );
    expect(under.view.node.dataset.state).toBe('painted');
    expect(masks().classList.contains('jp-chexmask-held')).toBe(true);
    await settle(50);
    expect(masks().classList.contains('jp-chexmask-held')).toBe(false);
    await render(under);
    expect(masks().width).toBe(SMALL_SIDE);
    expect(masks().classList.contains('jp-chexmask-held')).toBe(false);
  });

  it('builds the new payload only when given one between two slices', async () => {
    const first = render(under);
    await microtasks();
    const second = under.view.renderModel(
      fakeModel(MIME_OF.row, rowPayload(undefined, { title: 'the second' }))
    );
    await Promise.all([first, second]);
    await settle();
    const node = under.view.node;
    expect(node.querySelectorAll('.jp-chexmask-stage')).toHaveLength(1);
    expect(node.querySelector('.jp-chexmask-title')?.textContent).toBe(
      'the second'
    );
    expect(bitmaps.every(b => b.closed)).toBe(true);
  });
});
