import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { escapeAttribute } from './dom';
import { errorPanel } from './error-panel';

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
  private _data: unknown = undefined;
  private _rendered = false;

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
    settings.changed.connect(this._onSettingsChanged, this);
  }

  /**
   * Render a model; rendering the same payload again does nothing. Output
   * models hand out a fresh copy of their data on every read, so "the same"
   * is judged by content — but only when a re-render asks, so a first render
   * never pays for comparing a large payload.
   */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[this.options.mimeType];
    if (this._rendered && Private.sameContent(data, this._data)) {
      return;
    }
    this._data = data;
    this._rendered = false;
    const started = performance.now();
    this.clear();
    let payload: P;
    try {
      payload = this.parse(data);
      this.build(payload);
    } catch (error) {
      this.clear();
      this.node.appendChild(errorPanel(this._what, error));
      this.node.dataset.state = 'error';
      return;
    }
    this._rendered = true;
    this.node.dataset.renderMs = (performance.now() - started).toFixed(2);
    this.node.dataset.state = 'painted';
    await this.afterPaint(payload);
    await this._writePicture(model);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.settings.changed.disconnect(this._onSettingsChanged, this);
    this.clear();
    super.dispose();
  }

  /** Check the payload; throw `ChexmaskFormatError` for anything malformed. */
  protected abstract parse(data: unknown): P;

  /** Build the view and paint it (synchronously: this is what is timed). */
  protected abstract build(payload: P): void;

  /** Work after the first paint (measurements, images). */
  protected async afterPaint(payload: P): Promise<void> {
    // Nothing by default.
  }

  /** Remove what `build` made. */
  protected clear(): void {
    this.node.replaceChildren();
    delete this.node.dataset.state;
  }

  /**
   * The static picture of what the view shows, at the data's native
   * resolution, or `null` for none. Written back into the output as
   * `image/png`, so exported HTML, GitHub and nbviewer show it.
   */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return null;
  }

  /** What the picture shows, in words (ids, areas, scores, thresholds). */
  protected altText(): string {
    return '';
  }

  /** React to new settings once rendered. */
  protected onSettings(settings: IChexmaskSettings): void {
    // Nothing by default.
  }

  /**
   * Write the picture back into the output bundle (as image/png, and as an
   * `<img>` with escaped alt text in text/html), keeping every other key,
   * the way plotly's and Vega's renderers do: only when the output is visible
   * (a hidden output has no size to draw at) and only when the picture is
   * absent or changed, so saving and re-rendering never loop.
   */
  private async _writePicture(model: IRenderMime.IMimeModel): Promise<void> {
    if (
      !this.node.isConnected ||
      this.node.offsetWidth === 0 ||
      this.node.offsetHeight === 0
    ) {
      return;
    }
    const canvas = await this.picture();
    if (!canvas || this.isDisposed) {
      return;
    }
    const png = canvas
      .toDataURL('image/png')
      .replace(/^data:image\/png;base64,/, '');
    const alt = this.altText();
    const metadata = (model.metadata[PNG] ?? {}) as Record<string, unknown>;
    if (model.data[PNG] === png && metadata.alt === alt) {
      return;
    }
    // An <img> with the alt text too: exported HTML (nbconvert, nbviewer)
    // prefers text/html, and its image/png template has no alt.
    const img = `<img alt="${escapeAttribute(alt)}" src="data:image/png;base64,${png}">`;
    model.setData({
      data: { ...model.data, [PNG]: png, 'text/html': img },
      metadata: {
        ...model.metadata,
        [PNG]: { ...metadata, alt, width: canvas.width, height: canvas.height }
      }
    });
    this.node.dataset.picture = 'written';
  }

  private _onSettingsChanged(
    _: SettingsModel,
    settings: IChexmaskSettings
  ): void {
    if (this._rendered) {
      this.onSettings(settings);
    }
  }
}

const PNG = 'image/png';

namespace Private {
  /** Whether two payloads are the same object or have the same JSON. */
  export function sameContent(a: unknown, b: unknown): boolean {
    return a === b || JSON.stringify(a) === JSON.stringify(b);
  }
}
