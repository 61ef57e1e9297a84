import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import {
  IChexmaskSettings,
  isDefaultSettings,
  SettingsModel
} from '../settings';
import { errorPanel } from './error-panel';
import { exportBar } from './export-bar';
import { mimeData } from './model-data';
import { CancelPaint, schedulePaint } from './paint-queue';
import { IComposedPicture, PictureKeeper } from './picture-keeper';
import { pictureKey, safeJson } from './picture-output';
import { PictureTriggers } from './picture-triggers';
import { Placeholder } from './placeholder';
import { recordSpan } from './timing';
import { VisibilityWatcher } from './visibility';

/**
 * A built view: its parts as one object (never half there), made by a
 * view's `build` and shown with `present`. The view disposes of it when it is
 * cleared (released off screen, rebuilt, or given a new payload).
 */
export interface IBuiltView {
  /** The view's children, in order. */
  readonly nodes: ReadonlyArray<Node>;
  /** Remove listeners and timers; late async work must then do nothing. */
  dispose(): void;
}

/**
 * What every CheXmask view shares: an idempotent `renderModel` (the same
 * payload again does nothing, so writing data back into the model cannot
 * loop), strict parsing with an inline error panel instead of a blank
 * output, timing of payload → painted on the node (`data-render-ms`,
 * `data-state`), live settings, and the picture left in the output for
 * readers without the extension (see `PictureKeeper`: written when the
 * notebook is saved, where the view differs from the kernel's picture).
 */
export abstract class PayloadView<P, B extends IBuiltView = IBuiltView>
  extends Widget
  implements IRenderMime.IRenderer
{
  /**
   * Paint only near the visible area and release the pixels away from it.
   * On where the browser can tell visibility; the idle-time warm-up, which
   * renders off screen, turns it off.
   */
  lazy = VisibilityWatcher.supported;

  private _built: B | null = null;
  private _data: unknown = undefined;
  private _model: IRenderMime.IMimeModel | null = null;
  private _parsed: P | null = null;
  private _painted = false;
  private _parseMs = 0;
  private _paints = 0;
  /** Bumped whenever what is on screen goes away; stale async work checks it. */
  private _generation = 0;
  private _cancelPaint: CancelPaint | null = null;
  private readonly _watcher: VisibilityWatcher;
  private readonly _keeper: PictureKeeper;
  private readonly _triggers: PictureTriggers;
  private readonly _placeholder: Placeholder;

  /**
   * @param options - The renderer options (its `mimeType` picks the payload).
   * @param settings - The live settings shared by all views.
   * @param className - The view's CSS class.
   * @param what - What the view shows, for the error panel ("this RCA histogram").
   */
  constructor(
    protected readonly options: IRenderMime.IRendererOptions,
    protected readonly settings: SettingsModel,
    className: string,
    private readonly _what: string
  ) {
    super();
    this.addClass(className);
    this._watcher = new VisibilityWatcher(this.node, (near, height) =>
      near ? this._schedulePaint() : this._release(height)
    );
    settings.changed.connect(this._onSettingsChanged, this);
    this._placeholder = new Placeholder(this.node, _what, {
      css: () =>
        this._parsed === null ? null : this.placeholderSize(this._parsed),
      estimate: width =>
        this._parsed === null ? null : this.estimateHeight(this._parsed, width)
    });
    this._keeper = new PictureKeeper({
      widget: this,
      model: () => this._model,
      stateKey: () => this._pictureStateKey(),
      defaultSettings: () => isDefaultSettings(this.settings.current),
      compose: () => this._composePicture()
    });
    this._triggers = new PictureTriggers(this.node, this._keeper);
  }

  /**
   * Render a model; rendering the same payload again does nothing. Output
   * models hand out a fresh copy of their data on every read, so "the same"
   * is judged by content — but only when a re-render asks, so a first render
   * never pays for comparing a large payload. The payload is checked at
   * once (errors show at once); painting waits until the output is near the
   * visible area, unless `lazy` is off.
   */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    // Not `model.data`: output models copy their whole bundle on each read.
    const data = mimeData(model, this.options.mimeType);
    if (this._model && Private.sameContent(data, this._data)) {
      this._model = model;
      return;
    }
    this._data = data;
    this._model = model;
    this._parsed = null;
    this._cancelPaint?.();
    this._placeholder.releasedHeight = 0;
    this._keeper.reset();
    this.forget();
    this._clearAll();
    const started = performance.now();
    try {
      this._parsed = this.parse(data);
    } catch (error) {
      this._showError(error);
      this.node.dataset.renderMs = (performance.now() - started).toFixed(2);
      return;
    }
    this._parseMs = performance.now() - started;
    if (!this.lazy) {
      await this._paintNow();
      return;
    }
    this._placeholder.show();
    if (this._watcher.near) {
      this._schedulePaint();
    } else if (this.isAttached) {
      this._watcher.start();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._watcher.stop();
    this._cancelPaint?.();
    this.settings.changed.disconnect(this._onSettingsChanged, this);
    this._triggers.dispose();
    this._keeper.dispose();
    this._clearAll();
    super.dispose();
  }

  /** Check the payload; throw `ChexmaskFormatError` for anything malformed. */
  protected abstract parse(data: unknown): P;

  /**
   * Build the view and paint it: synchronously, or, for work done off the
   * main thread, by the time the returned promise settles (a placeholder
   * holds the output's place meanwhile, and the view must clear it and
   * check `isCurrent` before building). This is what `data-render-ms` times.
   */
  protected abstract build(payload: P): void | Promise<void>;

  /** The built view now shown, or `null` (before a build, after a clear). */
  protected get built(): B | null {
    return this._built;
  }

  /**
   * Show a built view: its nodes go into the output, and it is disposed of
   * when the view is cleared. For `build` to call once it has made it.
   */
  protected present(built: B): void {
    this._built = built;
    this.node.append(...built.nodes);
  }

  /** Work after the first paint (measurements, images). */
  protected async afterPaint(payload: P): Promise<void> {
    // Nothing by default.
  }

  /**
   * Remove what `build` made. Called before every build and when the view
   * is released off screen; state the user set (toggles, threshold) may be
   * kept for the next build of the same payload.
   */
  protected clear(): void {
    this._built?.dispose();
    this._built = null;
    this.node.replaceChildren();
    delete this.node.dataset.state;
  }

  /** A new payload arrives: drop any state kept from the previous one. */
  protected forget(): void {
    // Nothing by default.
  }

  /**
   * The static picture of what the view shows, at the data's native
   * resolution, or `null` for none. Written back into the output as
   * `image/png`, so exported HTML, GitHub and nbviewer show it.
   */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return null;
  }

  /** Whether the view exports as SVG too (charts do; the mask overlay does not). */
  protected readonly exportsSvg: boolean = false;

  /** The view as a standalone SVG document, for the SVG export. */
  protected async svgDocument(): Promise<string | null> {
    return null;
  }

  /** Whether the view exports its data as CSV too (the histograms' counts). */
  protected readonly exportsCsv: boolean = false;

  /** The data shown, as CSV text, for the CSV export. */
  protected async csvDocument(): Promise<string | null> {
    return null;
  }

  /** The name of exported files, without extension (made safe on export). */
  protected fileName(): string {
    return 'chexmask';
  }

  /**
   * How tall the painted view will be at this width (CSS pixels), or `null`
   * for no idea; used for the placeholder before the first paint.
   */
  protected estimateHeight(payload: P, width: number): number | null {
    return null;
  }

  /**
   * The placeholder's size before the first paint as CSS declarations the
   * browser resolves against the output's width (percentages of padding
   * are of the width), or `null` to use {@link estimateHeight}, which has
   * to read the width: a forced layout when the output is attached, inside
   * JupyterLab's task that attaches it.
   */
  protected placeholderSize(payload: P): string | null {
    return null;
  }

  /** What the picture shows, in words (ids, areas, scores, thresholds). */
  protected altText(): string {
    return '';
  }

  /**
   * Everything besides the payload that changes the picture (view state,
   * colours). With the payload's fingerprint it says whether the picture
   * already in the output is current, without encoding a new PNG.
   */
  protected pictureKey(): string {
    return this.altText();
  }

  /**
   * What the user chose that shows in the picture (toggles, modes, filters,
   * pins; not the zoom, the hover or a scroll position), as JSON-able data
   * (sets are listed), or `null` when nothing can be chosen. Cheap and
   * without reading the layout: it is compared after every interaction to
   * tell whether the view still shows the kernel's picture.
   */
  protected pictureState(): unknown {
    return null;
  }

  /** React to new settings once rendered. */
  protected onSettings(settings: IChexmaskSettings): void {
    // Nothing by default.
  }

  /**
   * Build and paint the current payload again, now: for a change of view
   * state that needs new data (the row view's mask sources). State the view
   * keeps across builds stays; a view not painted yet is left to its turn.
   */
  protected repaint(): void {
    if (!this._painted) {
      return;
    }
    this._painted = false;
    void this._paintNow();
  }

  /** Whether anything async started for the current paint is still wanted. */
  protected isCurrent(generation: number): boolean {
    return generation === this._generation && !this.isDisposed;
  }

  /** The current paint's generation, for `isCurrent`. */
  protected get generation(): number {
    return this._generation;
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.lazy && this._model) {
      // Now that the output has a width, size the placeholder like the view.
      if (this.node.dataset.state === 'waiting') {
        this._placeholder.show();
      }
      this._watcher.start();
    }
  }

  protected onBeforeDetach(msg: Message): void {
    // Windowed notebooks detach cells scrolled far away: let their pixels go.
    this._watcher.stop();
    this._release();
    super.onBeforeDetach(msg);
  }

  /** Paint in a task of its own, after the paints already queued. */
  private _schedulePaint(): void {
    if (this._painted || !this._parsed || this._cancelPaint) {
      return;
    }
    this._cancelPaint = schedulePaint(() => {
      this._cancelPaint = null;
      void this._paintNow();
    });
  }

  /** Build, paint, then do the after-paint work and write the picture. */
  private async _paintNow(): Promise<void> {
    const payload = this._parsed;
    const model = this._model;
    if (this._painted || payload === null || model === null) {
      return;
    }
    const started = performance.now();
    // Spans of main-thread work only (`chexmask:build`, and `chexmask:finish`
    // after work off the main thread): the wait between them is not ours.
    let resumed = started;
    this._clearAll();
    const generation = this._generation;
    try {
      const building = this.build(payload);
      if (building) {
        // Decoding off the main thread: keep the output's place meanwhile,
        // as tall as the placeholder just replaced (estimating again would
        // read the layout, forcing it in the middle of the paint's task).
        this._placeholder.showAgain();
        recordSpan('chexmask:build', started);
        await building;
        resumed = performance.now();
        if (!this.isCurrent(generation)) {
          return;
        }
      }
    } catch (error) {
      if (this.isCurrent(generation)) {
        this._showError(error);
      }
      return;
    }
    this.node.appendChild(
      exportBar({
        fileName: () => this.fileName(),
        png: () => this.picture(),
        svg: this.exportsSvg ? () => this.svgDocument() : undefined,
        csv: this.exportsCsv ? () => this.csvDocument() : undefined
      })
    );
    this._painted = true;
    this._paints++;
    recordSpan(
      resumed === started ? 'chexmask:paint' : 'chexmask:finish',
      resumed
    );
    this.node.dataset.renderMs = (
      this._parseMs +
      performance.now() -
      started
    ).toFixed(2);
    this.node.dataset.paints = String(this._paints);
    this.node.dataset.state = 'painted';
    this._keeper.painted();
    await this.afterPaint(payload);
    if (!this.isCurrent(generation)) {
      return;
    }
    // The picture is checked (and, where the output needs one, drawn and
    // encoded) once the view has stayed painted a moment.
    this._triggers.painted(() => this.isCurrent(generation));
  }

  /**
   * Let the pixels go, keeping the output's height so scrolling stays put:
   * `height` as the visibility observer measured it, else read (a forced
   * layout, which the observer's measure spares when many views leave).
   */
  private _release(height?: number): void {
    this._cancelPaint?.();
    this._cancelPaint = null;
    if (!this._painted) {
      return;
    }
    this._placeholder.releasedHeight = height || this.node.offsetHeight;
    this._clearAll();
    this._placeholder.show();
    this.node.dataset.state = 'released';
  }

  private _clearAll(): void {
    this._triggers.cancel();
    this._generation++;
    this._painted = false;
    this.clear();
  }

  private _showError(error: unknown): void {
    this._clearAll();
    this.node.appendChild(errorPanel(this._what, error));
    this.node.dataset.state = 'error';
  }

  /**
   * The picture of what the view shows, with its key, for the keeper: only
   * when the view is painted and visible (a hidden output has no size to
   * draw at; one scrolled away may not be laid out, its subtree skipped by
   * content visibility) — else it is drawn after the next paint.
   */
  private async _composePicture(): Promise<IComposedPicture | null> {
    const generation = this._generation;
    const stillWanted = (): boolean =>
      this._painted && this.isCurrent(generation);
    const started = performance.now();
    const hidden =
      !stillWanted() ||
      (this.lazy && !this._watcher.near) ||
      !this.node.isConnected ||
      this.node.offsetWidth === 0 ||
      this.node.offsetHeight === 0;
    recordSpan('chexmask-picture:layout', started);
    if (hidden) {
      return null;
    }
    const canvas = await this.picture();
    if (!canvas || !canvas.width || !canvas.height || !stillWanted()) {
      return null;
    }
    return {
      canvas,
      key: pictureKey(this._data, this.pictureKey(), canvas),
      alt: this.altText(),
      stillWanted
    };
  }

  /** The picture's state and the settings, as the keeper compares them. */
  private _pictureStateKey(): string {
    return JSON.stringify(
      [this.pictureState(), this.settings.current],
      (_, value: unknown) => (value instanceof Set ? [...value] : value)
    );
  }

  private _onSettingsChanged(
    _: SettingsModel,
    settings: IChexmaskSettings
  ): void {
    if (this._painted) {
      this.onSettings(settings);
    }
    this._keeper.changed();
  }
}

namespace Private {
  /** Whether two payloads are the same object or have the same JSON. */
  export function sameContent(a: unknown, b: unknown): boolean {
    if (a === b) {
      return true;
    }
    const json = safeJson(a);
    return json !== null && json === safeJson(b);
  }
}
