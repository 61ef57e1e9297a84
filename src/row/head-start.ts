/**
 * Head starts: a row's decode and first paint, started in the worker as
 * soon as its payload is checked (see {@link HeadStart}).
 */
import type { IDecodedAndPainted, IDecodedRow } from './off-thread';

/**
 * A row's decode and first paint started in the worker as soon as its
 * payload is checked, before the view is scheduled to paint: the worker
 * works while the page attaches the output and waits for it to come into
 * view, so the view's paint finds the bitmap ready and only builds its DOM
 * around it. Bounded: at most {@link HeadStart.MAX_WAITING} head starts wait
 * to be used at a time (a notebook opening with hundreds of outputs gives
 * one to the first few, the ones on screen; the others paint when they come
 * into view), and a bitmap not used {@link HeadStart.KEEP_MS} after it came
 * is let go (the runs stay with the view).
 */
export class HeadStart {
  /** The most head starts waiting to be used, page-wide. */
  static readonly MAX_WAITING = 2;
  /** How long a finished bitmap waits to be used (ms). */
  static readonly KEEP_MS = 2000;

  /** Taken (the caller owns the bitmap) or dropped (closed when it comes). */
  private _state: 'waiting' | 'taken' | 'dropped' = 'waiting';
  private _masks: ImageBitmap | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly _key: string,
    private readonly _result: Promise<IDecodedAndPainted>,
    onDecoded: (decoded: IDecodedRow) => void
  ) {
    Private.waiting.count++;
    _result.then(
      ({ decoded, masks }) => {
        if (this._state === 'dropped') {
          masks?.close();
          return;
        }
        onDecoded(decoded);
        if (this._state === 'taken') {
          return;
        }
        this._masks = masks;
        this._timer = setTimeout(() => this.drop(), HeadStart.KEEP_MS);
      },
      () => undefined // Told to whoever takes it; a dropped one is forgotten.
    );
  }

  /** The number of head starts waiting to be used (for tests). */
  static get waiting(): number {
    return Private.waiting.count;
  }

  /**
   * Start decoding and painting with `start` (see {@link decodeRow}), or
   * nothing (`null`) when as many head starts wait already. `key` says what
   * is painted (the sources and the style); `onDecoded` gets the runs when
   * they come, unless dropped first.
   */
  static start(
    key: string,
    start: () => Promise<IDecodedAndPainted>,
    onDecoded: (decoded: IDecodedRow) => void
  ): HeadStart | null {
    if (Private.waiting.count >= HeadStart.MAX_WAITING) {
      return null;
    }
    return new HeadStart(key, start(), onDecoded);
  }

  /**
   * The decode and bitmap, when what was painted is what `key` says and
   * the bitmap was not let go; the caller owns the bitmap then. `null`
   * otherwise (the view paints as without a head start). Either way this
   * head start is done.
   */
  take(key: string): Promise<IDecodedAndPainted> | null {
    if (this._state !== 'waiting' || key !== this._key) {
      this.drop();
      return null;
    }
    this._finish('taken');
    this._masks = null;
    return this._result;
  }

  /** Let it go: a bitmap that came (or comes) is closed. */
  drop(): void {
    if (this._state !== 'waiting') {
      return;
    }
    this._finish('dropped');
    this._masks?.close();
    this._masks = null;
  }

  private _finish(state: 'taken' | 'dropped'): void {
    this._state = state;
    Private.waiting.count--;
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }
}

namespace Private {
  /** Head starts not yet taken, dropped or let go. */
  export const waiting = { count: 0 };
}
