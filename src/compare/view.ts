/**
 * The compare view: two segmentations of one image as a JupyterLab
 * renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { afterNextFrame, PayloadView, recordSpan, runsKey } from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { WorkerGoneError, workerAvailable } from '../worker/client';
import { Comparison } from './comparison';
import { LayerKeys, layerStyles } from './layers';
import { FirstPaint, paintFirst } from './off-thread';
import { IParsedComparePayload, parseComparePayload } from './payload';
import { applySettings, ICompareState, initialCompareState } from './state';

/** CSS class of the compare view. */
export const COMPARE_VIEW_CLASS = 'jp-chexmask-CompareView';

/**
 * Two segmentations of one image (see {@link Comparison}): A, B, both
 * outlined, the agreement map, a blend or a swipe, over the x-ray when the
 * payload has it, with zoom, pan, a hover readout saying which source holds
 * each pixel, and the per-organ table the kernel computed, checked by the
 * browser's core. A malformed payload renders an inline error panel.
 */
export class CompareView extends PayloadView<
  IParsedComparePayload,
  Comparison
> {
  /** What the user set; kept across builds of the same payload. */
  private _state: ICompareState | null = null;
  /** The layers' keys in the worker, for as long as the payload. */
  private _keys: LayerKeys | null = null;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, COMPARE_VIEW_CLASS, 'this comparison');
  }

  protected parse(data: unknown): IParsedComparePayload {
    return parseComparePayload(data);
  }

  /**
   * Paint what the state shows in the worker first, then build the view
   * around the bitmaps; without a worker, build and paint here.
   */
  protected build(payload: IParsedComparePayload): void | Promise<void> {
    const settings = this.settings.current;
    const state = (this._state ??= initialCompareState(settings));
    if (!workerAvailable()) {
      this._keys = { a: null, b: null, agreement: null };
      this._build(payload, {});
      return;
    }
    const keys = (this._keys ??= {
      a: runsKey(),
      b: runsKey(),
      agreement: runsKey()
    });
    const generation = this.generation;
    return paintFirst(payload, keys, layerStyles(state, settings), state).then(
      first => {
        const started = performance.now();
        if (this.isCurrent(generation)) {
          this.node.replaceChildren();
          this._build(payload, first);
          recordSpan('chexmask:present', started);
        } else {
          Object.values(first).forEach(bitmap => bitmap.close());
        }
      },
      (error: unknown) => {
        if (!(error instanceof WorkerGoneError)) {
          return Promise.reject(error);
        }
        // The worker went away: the view paints here.
        this._keys = { a: null, b: null, agreement: null };
        if (this.isCurrent(generation)) {
          this.node.replaceChildren();
          this._build(payload, {});
        }
      }
    );
  }

  /** The table is computed and the x-ray loaded after the first paint. */
  protected async afterPaint(): Promise<void> {
    const built = this.built;
    if (!built) {
      return;
    }
    built.measure();
    // What the view adds to the stage's height, for later estimates: read
    // after the next frame (read now, it would force a layout in this task).
    void afterNextFrame().then(() => {
      if (
        this.built === built &&
        this.node.isConnected &&
        built.stage.offsetHeight > 0
      ) {
        Private.measured.chromeHeight =
          this.node.offsetHeight - built.stage.offsetHeight;
      }
    });
    await built.loadXray();
  }

  /** The agreement map at native resolution (see `picture.ts`). */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this.built ? this.built.picture() : null;
  }

  protected estimateHeight(
    payload: IParsedComparePayload,
    width: number
  ): number {
    const { height: h, width: w } = payload;
    const stageWidth = Math.min(width, (0.75 * window.innerHeight * w) / h);
    return Private.measured.chromeHeight + (stageWidth * h) / w;
  }

  protected fileName(): string {
    const [la, lb] = this.built?.payload.labels ?? ['a', 'b'];
    return `chexmask-compare-${la}-${lb}`;
  }

  protected altText(): string {
    return this.built?.altText() ?? '';
  }

  /** The picture changes with the organs shown (and the table's words). */
  protected pictureKey(): string {
    return JSON.stringify([this._state?.visible, this.altText()]);
  }

  /** The comparison's choices (all of them: a picture too many is harmless). */
  protected pictureState(): unknown {
    return this._state;
  }

  protected forget(): void {
    this._state = null;
    this._keys = null;
  }

  protected onSettings(settings: IChexmaskSettings): void {
    if (this._state && this.built) {
      applySettings(this._state, settings);
      this.built.paint(settings);
    }
  }

  private _build(payload: IParsedComparePayload, first: FirstPaint): void {
    const state = this._state!;
    this.node.dataset.painter = this._keys?.a === null ? 'main' : 'worker';
    const comparison = new Comparison(payload, this._keys!, state, {
      dataset: this.node.dataset,
      change: patch => this._change(patch)
    });
    this.present(comparison);
    comparison.paint(this.settings.current, first);
  }

  /** Apply a state change from the controls and show it. */
  private _change(patch: Partial<ICompareState>): void {
    if (this._state && this.built) {
      Object.assign(this._state, patch);
      this.built.paint(this.settings.current);
    }
  }
}

namespace Private {
  /**
   * Height of a compare view without its stage (header, controls, readout,
   * table), as last measured; a first guess before any.
   */
  export const measured = { chromeHeight: 300 };
}
