import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { escapeAttribute, h } from './dom';
import { errorPanel } from './error-panel';
import { exportBar } from './export-bar';
import { CancelPaint, schedulePaint } from './paint-queue';
import { recordSpan } from './timing';
import { VisibilityWatcher } from './visibility';

/**
 * What every CheXmask view shares: an idempotent `renderModel` (the same
 * payload again does nothing, so writing data back into the model cannot
 * loop), strict parsing with an inline error panel instead of a blank
 * output, timing of payload → painted on the node (`data-render-ms`,
 * `data-state`), and live settings.
 */
export abstract class PayloadView<P>
  extends Widget
  implements IRenderMime.IRenderer
{
  /**
   * Paint only near the visible area and release the pixels away from it.
   * On where the browser can tell visibility; the idle-time warm-up, which
   * renders off screen, turns it off.
   */
  lazy = VisibilityWatcher.supported;

  private _data: unknown = undefined;
  private _model: IRenderMime.IMimeModel | null = null;
  private _parsed: P | null = null;
  private _painted = false;
  private _parseMs = 0;
  private _paints = 0;
  /** Bumped whenever what is on screen goes away; stale async work checks it. */
  private _generation = 0;
  private _cancelPaint: CancelPaint | null = null;
  private _releasedHeight = 0;
  private readonly _watcher: VisibilityWatcher;

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
    this._watcher = new VisibilityWatcher(this.node, near =>
      near ? this._schedulePaint() : this._release()
    );
    settings.changed.connect(this._onSettingsChanged, this);
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
    const data = model.data[this.options.mimeType];
    if (this._model && Private.sameContent(data, this._data)) {
      this._model = model;
      return;
    }
    this._data = data;
    this._model = model;
    this._parsed = null;
    this._cancelPaint?.();
    this._releasedHeight = 0;
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
    this._showPlaceholder();
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

  /** The name of exported files, without extension (made safe on export). */
  protected fileName(): string {
    return 'chexmask';
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

  /** React to new settings once rendered. */
  protected onSettings(settings: IChexmaskSettings): void {
    // Nothing by default.
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
    this._clearAll();
    const generation = this._generation;
    try {
      const building = this.build(payload);
      if (building) {
        // Decoding off the main thread: keep the output's place meanwhile.
        this._showPlaceholder();
        await building;
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
        svg: this.exportsSvg ? () => this.svgDocument() : undefined
      })
    );
    this._painted = true;
    this._paints++;
    recordSpan('chexmask:paint', started);
    this.node.dataset.renderMs = (
      this._parseMs +
      performance.now() -
      started
    ).toFixed(2);
    this.node.dataset.paints = String(this._paints);
    this.node.dataset.state = 'painted';
    await this.afterPaint(payload);
    if (this.isCurrent(generation)) {
      await this._writePicture(model, () => this.isCurrent(generation));
    }
  }

  /** Let the pixels go, keeping the output's height so scrolling stays put. */
  private _release(): void {
    this._cancelPaint?.();
    this._cancelPaint = null;
    if (!this._painted) {
      return;
    }
    this._releasedHeight = this.node.offsetHeight;
    this._clearAll();
    this._showPlaceholder();
    this.node.dataset.state = 'released';
  }

  private _clearAll(): void {
    this._generation++;
    this._painted = false;
    this.clear();
  }

  private _showError(error: unknown): void {
    this._clearAll();
    this.node.appendChild(errorPanel(this._what, error));
    this.node.dataset.state = 'error';
  }

  /** Where the view will be painted: as tall as it was, or a guess. */
  private _showPlaceholder(): void {
    const placeholder = h('div', {
      className: 'jp-chexmask-placeholder',
      attrs: {
        'aria-busy': 'true',
        style: `height: ${this._releasedHeight || PLACEHOLDER_HEIGHT}px`
      },
      text: `Loading ${this._what}…`
    });
    this.node.replaceChildren(placeholder);
    this.node.dataset.state = 'waiting';
  }

  /**
   * Write the picture back into the output bundle (as image/png, and as an
   * `<img>` with escaped alt text in text/html), keeping every other key,
   * the way plotly's and Vega's renderers do: only when the output is visible
   * (a hidden output has no size to draw at) and only when the picture is
   * absent or out of date, judged by a key of the payload and view state,
   * so re-painting or re-opening a saved notebook does not encode again and
   * writing cannot loop. The PNG is encoded off the main thread (`toBlob`).
   */
  private async _writePicture(
    model: IRenderMime.IMimeModel,
    stillWanted: () => boolean
  ): Promise<void> {
    if (
      !this.node.isConnected ||
      this.node.offsetWidth === 0 ||
      this.node.offsetHeight === 0
    ) {
      return;
    }
    const canvas = await this.picture();
    if (!canvas || !stillWanted()) {
      return;
    }
    // Charts take the theme's colours, so the theme is part of the key.
    const theme = document.body.dataset.jpThemeName ?? '';
    const metadata = (model.metadata[PNG] ?? {}) as Record<string, unknown>;
    const key = [
      Private.fingerprint(Private.safeJson(this._data) ?? ''),
      Private.fingerprint(`${theme}\n${this.pictureKey()}`),
      `${canvas.width}x${canvas.height}`
    ].join(':');
    if (model.data[PNG] && metadata.key === key) {
      this.node.dataset.picture = 'current';
      return;
    }
    const png = await Private.pngBase64(canvas);
    if (!stillWanted()) {
      return;
    }
    const alt = this.altText();
    // An <img> with the alt text too: exported HTML (nbconvert, nbviewer)
    // prefers text/html, and its image/png template has no alt.
    const img = `<img alt="${escapeAttribute(alt)}" src="data:image/png;base64,${png}">`;
    const writing = performance.now();
    model.setData({
      data: { ...model.data, [PNG]: png, 'text/html': img },
      metadata: {
        ...model.metadata,
        [PNG]: {
          ...metadata,
          alt,
          key,
          width: canvas.width,
          height: canvas.height
        }
      }
    });
    recordSpan('chexmask:write-picture', writing);
    this.node.dataset.picture = 'written';
  }

  private _onSettingsChanged(
    _: SettingsModel,
    settings: IChexmaskSettings
  ): void {
    if (this._painted) {
      this.onSettings(settings);
    }
  }
}

/** The placeholder's height before a view was ever painted (CSS pixels). */
const PLACEHOLDER_HEIGHT = 360;

const PNG = 'image/png';

namespace Private {
  /** A 32-bit FNV-1a hash of a string, in hex: cheap, and enough to tell versions apart. */
  export function fingerprint(text: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return (
      (hash >>> 0).toString(16).padStart(8, '0') + text.length.toString(16)
    );
  }

  /** A canvas as base64 PNG, encoded off the main thread where `toBlob` is. */
  export function pngBase64(canvas: HTMLCanvasElement): Promise<string> {
    return new Promise((resolve, reject) => {
      canvas.toBlob(blob => {
        if (!blob) {
          reject(new Error('the picture could not be encoded'));
          return;
        }
        const reader = new FileReader();
        reader.onload = () =>
          resolve(
            String(reader.result).replace(/^data:image\/png;base64,/, '')
          );
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      }, 'image/png');
    });
  }

  /** Whether two payloads are the same object or have the same JSON. */
  export function sameContent(a: unknown, b: unknown): boolean {
    if (a === b) {
      return true;
    }
    const json = safeJson(a);
    return json !== null && json === safeJson(b);
  }

  /**
   * JSON of a payload, or `null` when it has none: JSON.stringify throws on
   * nesting deeper than the stack (a hostile payload can be 10⁵ levels deep)
   * and returns undefined for undefined.
   */
  export function safeJson(value: unknown): string | null {
    try {
      return JSON.stringify(value) ?? null;
    } catch {
      return null;
    }
  }
}
