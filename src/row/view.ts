/**
 * The row view: the interactive overlay of one CheXmask row as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import {
  afterNextFrame,
  IMaskStyle,
  PayloadView,
  recordSpan,
  warmCanvas,
  yieldToPage
} from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { WorkerGoneError, workerAvailable } from '../worker/client';
import { HeadStart } from './head-start';
import { decodeHere, decodeRow, IDecodedRow } from './off-thread';
import { maskStyle, RowOverlay } from './overlay';
import { IParsedRowPayload, parseRowPayload } from './payload';
import { RowStage } from './stage';
import { applySettings, initialRowState, IRowState } from './state';

/** CSS class of the row view. */
export const ROW_VIEW_CLASS = 'jp-chexmask-RowView';

/**
 * The interactive overlay of one CheXmask row: the three organ masks decoded
 * by the core and painted at native resolution, over the x-ray when the
 * payload has it, with landmarks, the cardiothoracic ratio, zoom, pan and a
 * hover readout (see {@link RowOverlay}). A malformed payload renders an
 * inline error panel.
 */
export class RowOverlayView extends PayloadView<IParsedRowPayload, RowOverlay> {
  /** What the user set; kept across builds of the same payload. */
  private _state: IRowState | null = null;
  /** What the payload decoded to, by whether empty organs are filled from landmarks. */
  private readonly _decoded = new Map<boolean, IDecodedRow>();
  /** Give the focus back to "Fill from landmarks" after the rebuild it asked for. */
  private _refocus = false;
  /** The decode and first paint started when the payload was checked. */
  private _headStart: HeadStart | null = null;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, ROW_VIEW_CLASS, 'this CheXmask row');
  }

  /**
   * Check the payload and, with a worker, start decoding and painting it
   * there at once (see {@link HeadStart}): by the time the output is
   * attached and in view, its masks are ready.
   */
  protected parse(data: unknown): IParsedRowPayload {
    const started = performance.now();
    const payload = parseRowPayload(data);
    if (workerAvailable()) {
      const { row } = payload;
      const settings = this.settings.current;
      const state = (this._state ??= initialRowState(settings, row));
      const { fromLandmarks } = state;
      const style = maskStyle(state, settings);
      this._headStart = HeadStart.start(
        Private.paintKey(fromLandmarks, style),
        () => decodeRow(row, fromLandmarks, style),
        decoded => this._decoded.set(fromLandmarks, decoded)
      );
      if (this._headStart) {
        // The masks' canvas allocated while the worker decodes, in a task
        // of its own: the paint then only hands the bitmap over.
        const { height, width } = row;
        void yieldToPage().then(() => {
          const warmed = performance.now();
          warmCanvas(width, height);
          recordSpan('chexmask:warm', warmed);
        });
      }
    }
    recordSpan('chexmask:parse', started);
    return payload;
  }

  /**
   * Decode and paint the masks in the worker (one round trip: the page gets
   * the runs for hover and the finished bitmap), then build the view around
   * them; without a worker, here. What was decoded is kept for as long as
   * the payload, so painting again after scrolling back does not decode
   * again (the worker paints from the runs it is sent).
   */
  protected build(payload: IParsedRowPayload): void | Promise<void> {
    const { row } = payload;
    const settings = this.settings.current;
    // A view painted again after scrolling back keeps what the user set.
    const state = (this._state ??= initialRowState(settings, row));
    const { fromLandmarks } = state;
    const kept = this._decoded.get(fromLandmarks);
    if (!workerAvailable()) {
      const decoded = kept ?? decodeHere(row, fromLandmarks);
      this._decoded.set(fromLandmarks, decoded);
      this._build(payload, decoded, null);
      return;
    }
    const generation = this.generation;
    const early =
      this._headStart?.take(
        Private.paintKey(fromLandmarks, maskStyle(state, settings))
      ) ?? null;
    this._headStart = null;
    const painted = early
      ? early
      : kept
        ? RowOverlay.paintFirst(kept, row, maskStyle(state, settings)).then(
            masks => ({ decoded: kept, masks }),
            // The worker went away: the overlay paints here.
            (error: unknown) =>
              error instanceof WorkerGoneError
                ? { decoded: kept, masks: null }
                : Promise.reject(error)
          )
        : decodeRow(row, fromLandmarks, maskStyle(state, settings));
    return painted.then(({ decoded, masks }) => {
      this._decoded.set(fromLandmarks, decoded);
      return this._buildInSlices(payload, decoded, masks, generation);
    });
  }

  /** Measurements and the x-ray come after the first paint. */
  protected async afterPaint(): Promise<void> {
    const overlay = this.built;
    if (!overlay) {
      return;
    }
    overlay.measure();
    // What the view adds to the stage's height, for later estimates: read
    // after the next frame, when the browser has laid the page out anyway
    // (read now, it would force a layout of the notebook inside this task).
    void afterNextFrame().then(() => {
      if (
        this.built === overlay &&
        this.node.isConnected &&
        overlay.stage.offsetHeight > 0
      ) {
        Private.measured.chromeHeight =
          this.node.offsetHeight - overlay.stage.offsetHeight;
      }
    });
    await overlay.loadXray();
  }

  /** The overlay at the mask's native resolution (see {@link RowOverlay.picture}). */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this.built ? this.built.picture(this.settings.current.colors) : null;
  }

  /**
   * The stage's box (see `imageStage`: the mask's aspect ratio within the
   * output's width and three quarters of the window's height) as padding,
   * which percentages size by the width, plus the rest of the view as tall
   * as in the last row view painted; the text sits in the middle, the
   * border inside.
   */
  protected placeholderSize(payload: IParsedRowPayload): string {
    const { height: h, width: w } = payload.row;
    const half = `calc((min(100%, 75vh * ${w} / ${h}) * ${h} / ${w} + ${Private.measured.chromeHeight}px) / 2 - 1px)`;
    return `height: 0; padding-top: ${half}; padding-bottom: ${half}`;
  }

  protected fileName(): string {
    return `chexmask-${this.built?.row.id ?? 'row'}`;
  }

  protected altText(): string {
    return this.built?.altText() ?? '';
  }

  /** The picture changes with what is shown and in which colours. */
  protected pictureKey(): string {
    return JSON.stringify([
      this._state,
      this.settings.current.colors,
      this.altText()
    ]);
  }

  /** Every choice of the row's controls shows in its picture. */
  protected pictureState(): unknown {
    return this._state;
  }

  dispose(): void {
    this._headStart?.drop();
    this._headStart = null;
    super.dispose();
  }

  protected forget(): void {
    this._headStart?.drop();
    this._headStart = null;
    this._state = null;
    this._decoded.clear();
  }

  protected onSettings(settings: IChexmaskSettings): void {
    if (this._state && this.built) {
      applySettings(this._state, settings, this.built.row);
      this.built.paint(settings);
    }
  }

  /**
   * Build the overlay from the decoded runs and, from the worker, the masks
   * already painted, all at once (without a worker, where decoding on this
   * thread dwarfs it); the measurements follow.
   */
  private _build(
    payload: IParsedRowPayload,
    decoded: IDecodedRow,
    masks: ImageBitmap | null
  ): void {
    const stage = this._stage(payload, decoded, masks);
    const overlay = this._overlay(payload, decoded, stage, masks !== null);
    this._show(overlay);
  }

  /**
   * Build the overlay in three slices of main-thread work, each in a task
   * of its own (see {@link yieldToPage}), so that input and frames waiting
   * go between them: the stage with the worker's bitmap copied into its
   * canvas, then the header and controls around it, painted in the state
   * while still out of the document (nothing then can make the browser
   * compute their style inside the task), then all of it into the output
   * at once (one change of the output's height, where the placeholder
   * was). A view released or given a new payload meanwhile drops what it
   * built.
   */
  private async _buildInSlices(
    payload: IParsedRowPayload,
    decoded: IDecodedRow,
    masks: ImageBitmap | null,
    generation: number
  ): Promise<void> {
    if (!this.isCurrent(generation)) {
      masks?.close();
      return;
    }
    const stage = await this._slice(
      'chexmask:stage',
      generation,
      () => this._stage(payload, decoded, masks),
      built => built.dispose()
    );
    if (!stage) {
      return;
    }
    const overlay = await this._slice(
      'chexmask:controls',
      generation,
      () => this._overlay(payload, decoded, stage, masks !== null),
      built => built.dispose()
    );
    if (!overlay) {
      return;
    }
    const started = performance.now();
    this.node.replaceChildren();
    const held = stage.holdMasks();
    this._show(overlay);
    recordSpan('chexmask:present', started);
    if (held) {
      void afterNextFrame().then(() => stage.revealMasks());
    }
  }

  /**
   * One slice: `make` (its time recorded as the span `name`), then a yield
   * to the page; `null` when the paint is no longer current by then, after
   * dropping what was made.
   */
  private async _slice<T>(
    name: string,
    generation: number,
    make: () => T,
    drop: (made: T) => void
  ): Promise<T | null> {
    const started = performance.now();
    const made = make();
    recordSpan(name, started);
    await yieldToPage();
    if (this.isCurrent(generation)) {
      return made;
    }
    drop(made);
    return null;
  }

  /** The stage, with the worker's bitmap of the masks when there is one. */
  private _stage(
    payload: IParsedRowPayload,
    decoded: IDecodedRow,
    masks: ImageBitmap | null
  ): RowStage {
    this.node.dataset.decoded = decoded.key === null ? 'main' : 'worker';
    const stage = new RowStage(payload, decoded, this.node.dataset);
    if (masks) {
      stage.masks.show(masks);
    }
    return stage;
  }

  /**
   * The overlay around a stage (header, controls, readout, measurements),
   * painted with the state and settings; its masks too, unless `masksShown`
   * (the worker's bitmap is on the stage).
   */
  private _overlay(
    payload: IParsedRowPayload,
    decoded: IDecodedRow,
    stage: RowStage,
    masksShown: boolean
  ): RowOverlay {
    const settings = this.settings.current;
    const state = (this._state ??= initialRowState(settings, payload.row));
    const overlay = new RowOverlay(
      payload,
      decoded,
      state,
      { dataset: this.node.dataset, change: patch => this._change(patch) },
      stage
    );
    if (masksShown) {
      overlay.style(settings);
    } else {
      overlay.paint(settings);
    }
    return overlay;
  }

  /** Show a built and painted overlay. */
  private _show(overlay: RowOverlay): void {
    this.present(overlay);
    if (this._refocus) {
      this._refocus = false;
      overlay.focusFromLandmarks();
    }
  }

  /** Apply a state change from the controls and repaint. */
  private _change(patch: Partial<IRowState>): void {
    const state = this._state;
    const overlay = this.built;
    if (!state || !overlay) {
      return;
    }
    const sourcesChange =
      patch.fromLandmarks !== undefined &&
      patch.fromLandmarks !== state.fromLandmarks;
    Object.assign(state, patch);
    if (sourcesChange) {
      // Other masks, areas and ratio: build the view again from the other
      // decode (kept, so switching back and forth decodes each once).
      this._refocus = true;
      this.repaint();
      return;
    }
    if (patch.windowLevel) {
      overlay.paintXray();
    }
    overlay.paint(this.settings.current);
  }
}

namespace Private {
  /**
   * Height of a row view without its stage (header, controls, readout,
   * measurements, export bar), as last measured; a first guess before any.
   */
  export const measured = { chromeHeight: 220 };

  /** What a first paint shows: the masks' sources and style. */
  export function paintKey(fromLandmarks: boolean, style: IMaskStyle): string {
    return JSON.stringify([fromLandmarks, style]);
  }
}
