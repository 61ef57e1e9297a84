/**
 * Runs async work with the latest input only: while one run is in flight,
 * new inputs replace the one waiting, so dragging a slider over fifty steps
 * while the worker paints costs two or three paints, not fifty queued ones,
 * and the last input is always painted.
 */
export class LatestOnly<T> {
  private _running = false;
  private _waiting: { input: T } | null = null;
  private _disposed = false;

  /**
   * @param _run - The work; the next run starts when it settles.
   * @param _onBusy - Told `true` when work starts after being idle, `false`
   *   when the last input is done (for `data-*` states tests wait on).
   */
  constructor(
    private readonly _run: (input: T) => Promise<void>,
    private readonly _onBusy: (busy: boolean) => void = () => undefined
  ) {}

  /** Whether work is in flight or waiting. */
  get busy(): boolean {
    return this._running || this._waiting !== null;
  }

  /** Ask for a run with `input` (after the one in flight, replacing any waiting). */
  request(input: T): void {
    if (this._disposed) {
      return;
    }
    if (!this.busy) {
      this._onBusy(true);
    }
    this._waiting = { input };
    if (!this._running) {
      void this._next();
    }
  }

  /** Drop what waits; what is in flight finishes but starts nothing. */
  dispose(): void {
    this._disposed = true;
    this._waiting = null;
  }

  private async _next(): Promise<void> {
    while (this._waiting && !this._disposed) {
      const { input } = this._waiting;
      this._waiting = null;
      this._running = true;
      try {
        await this._run(input);
      } catch (error) {
        console.error('jupyterlab-chexmask: a paint failed', error);
      }
      this._running = false;
    }
    if (!this._disposed) {
      this._onBusy(false);
    }
  }
}
