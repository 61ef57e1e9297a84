/**
 * When and where a many-row plot's hover grid is built: the grid of every
 * row's points (see `PointGrid`) costs ~50 ms at 10,000 rows, too much for
 * the first paint, so it is built after it, in the worker when the worker
 * laid the plot out, else here when the browser is idle; the first hover
 * builds it if that comes sooner.
 */
import { runInWorker, WorkerGoneError } from '../worker/client';
import { ILandmarkModel } from './model';
import { PointGrid } from './point-grid';

/** The hover grid of one plot, built at most once (see the module's comment). */
export class HoverGrid {
  private _grid: PointGrid | null = null;
  private _disposed = false;

  /**
   * @param _model - The plot's model, whose points the grid indexes.
   * @param _session - The plot's session in the worker, or `null` (laid
   *   out here).
   */
  constructor(
    private readonly _model: ILandmarkModel,
    private readonly _session: number | null
  ) {}

  /** The grid, built here now if it is not yet; kept from then on. */
  get(): PointGrid {
    this._grid ??= new PointGrid(this._model.coords, this._model.bounds);
    return this._grid;
  }

  /**
   * Build the grid after the first paint: in the worker when it laid the
   * plot out (1.2 million points at 10,000 rows are a long task here), else
   * when the browser is idle. Nothing is built for a plot gone by then.
   */
  buildWhenIdle(): void {
    if (this._session !== null) {
      runInWorker('landmarkGrid', {
        session: this._session,
        bounds: this._model.bounds
      }).then(
        index => {
          if (index === null) {
            this._buildHereWhenIdle();
          } else if (!this._disposed) {
            this._grid ??= new PointGrid(this._model.coords, index);
          }
        },
        (error: unknown) => {
          if (!(error instanceof WorkerGoneError)) {
            console.warn('jupyterlab-chexmask: no hover index', error);
          }
          this._buildHereWhenIdle();
        }
      );
      return;
    }
    this._buildHereWhenIdle();
  }

  /** Build nothing more: the plot is gone. */
  dispose(): void {
    this._disposed = true;
  }

  /**
   * Build the grid here in an idle period. Not `whenIdle` of src/common: that
   * queues behind the pictures written back into outputs, and a hover grid
   * is wanted sooner.
   */
  private _buildHereWhenIdle(): void {
    const build = (): void => {
      if (!this._disposed) {
        this.get();
      }
    };
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(build, { timeout: 1000 });
    } else {
      window.setTimeout(build, 50);
    }
  }
}
