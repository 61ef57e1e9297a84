/**
 * A gallery row opened large: the row view itself (`RowOverlayView`, with
 * its toggles, opacity, zoom, hover and exports), given a row payload made
 * from the tile's row. The gallery does not carry full RLE cells, so the
 * masks are drawn from the row's landmark rings, filled as CheXmask filled
 * its masks (on all 305 shared Preprocessed rows that fill equals the RLE
 * pixel for pixel); a row without landmarks is shown at tile size. The
 * panel says which, above the view.
 *
 * Filling three rings at 1024² and encoding them (10–30 ms) happens in the
 * shared worker, where there is one, so opening a tile leaves the main
 * thread to the row view's parse and build; the row view decodes and
 * paints the masks in the worker too.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { button, h } from '../common';
import { MIME_ROW, RowOverlayView } from '../row';
import { SettingsModel } from '../settings';
import {
  ILargeRowPayload,
  largeRowPayload,
  largeSource,
  LargeSource
} from './large-payload';
import {
  runInWorker,
  WorkerGoneError,
  workerAvailable
} from '../worker/client';
import { GalleryItem, IGalleryTile } from './tile-payload';

/**
 * Have the shared worker make one small row payload, at idle, so the first
 * tile opened large does not pay for starting the worker and compiling the
 * ring fill and the encoder there (about 30 ms on a loaded machine). The
 * item is the first with landmarks, on a 32² grid (its rings are clipped):
 * the same code, little work. Nothing is kept.
 */
export function warmLargeRow(items: ReadonlyArray<GalleryItem>): void {
  const item = items.find(
    (i): i is IGalleryTile => i.kind === 'tile' && i.landmarks !== null
  );
  if (!item || !workerAvailable()) {
    return;
  }
  runInWorker('largeRow', {
    item: { ...item, height: 32, width: 32, image: null }
  }).catch(() => undefined); // a warm-up that fails costs nothing
}

/** The panel of an opened row (see the module's comment). */
export class LargeRow {
  /** The panel: a way back, what the masks are drawn from, the row view. */
  readonly node: HTMLElement;
  /** The row view shown. */
  readonly view: RowOverlayView;
  readonly source: LargeSource;
  private readonly _host: HTMLElement;
  /** When the row was opened (`performance.now()`). */
  private readonly _opened = performance.now();
  private _disposed = false;

  /**
   * @param item - The row.
   * @param options - The gallery's renderer options (the row view's MIME type replaces its own).
   * @param settings - The live settings.
   * @param close - Go back to the grid.
   * @param withoutLandmarks - Why a row has no landmarks, said when it is drawn at tile size.
   */
  constructor(
    readonly item: IGalleryTile,
    options: IRenderMime.IRendererOptions,
    settings: SettingsModel,
    close: () => void,
    withoutLandmarks = 'this row has no landmarks'
  ) {
    const source = largeSource(item);
    this.source = source;
    this.view = new RowOverlayView(
      { ...options, mimeType: MIME_ROW },
      settings
    );
    // Painted at once: the panel is on screen when it is opened.
    this.view.lazy = false;
    this._host = h('div', { className: 'jp-chexmask-gallery-large-row' });
    const back = button(
      'Back to the gallery',
      'Back to the gallery (Esc)',
      close
    );
    back.classList.add('jp-chexmask-gallery-back');
    this.node = h(
      'div',
      {
        className: 'jp-chexmask-gallery-large',
        attrs: {
          role: 'region',
          'aria-label': `Row ${item.id ?? item.index + 1}, large`,
          'data-source': source
        }
      },
      [
        h('div', { className: 'jp-chexmask-control-row' }, [
          back,
          h('span', {
            className: 'jp-chexmask-gallery-source',
            text:
              source === 'landmarks'
                ? 'Drawn from landmarks: the masks are the landmark rings filled as CheXmask filled them, not the RLE cells (exact on the shared Preprocessed rows).'
                : `Tile resolution: ${withoutLandmarks}, so its masks are the tile masks (${item.tileHeight}×${item.tileWidth}).`
          })
        ]),
        this._host
      ]
    );
    this.node.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
  }

  /**
   * Make the row payload and show the row view (the panel must be in the
   * page). Settles when it is painted, with the time from opening to
   * painted (ms) on the panel's `data-open-ms` and the payload's making
   * (the worker's round trip) on `data-prepare-ms`.
   */
  async show(): Promise<void> {
    const started = performance.now();
    const { payload } = await this._rowPayload();
    if (this._disposed) {
      return;
    }
    this.node.dataset.prepareMs = (performance.now() - started).toFixed(2);
    Widget.attach(this.view, this._host);
    const rendering = performance.now();
    const model: IRenderMime.IMimeModel = {
      trusted: true,
      data: { [MIME_ROW]: payload as never },
      metadata: {},
      // The opened row is not an output of its own: its picture goes nowhere.
      setData: () => undefined
    };
    await this.view.renderModel(model);
    if (!this._disposed) {
      // To the row view painted (its data-render-ms, from parse to painted),
      // not to the end of renderModel (its picture waits for an idle period).
      const renderMs = Number(this.view.node.dataset.renderMs ?? 0);
      this.node.dataset.openMs = (rendering - this._opened + renderMs).toFixed(
        2
      );
    }
  }

  /** Focus the way back (the row view's controls follow it in tab order). */
  focus(): void {
    this.node.querySelector<HTMLElement>('.jp-chexmask-gallery-back')?.focus();
  }

  dispose(): void {
    this._disposed = true;
    if (this.view.isAttached) {
      Widget.detach(this.view);
    }
    this.view.dispose();
  }

  /**
   * The row payload, made in the worker (the thumbnail stays here: the
   * worker does not need it), else here.
   */
  private async _rowPayload(): Promise<ILargeRowPayload> {
    const item = this.item;
    if (workerAvailable()) {
      try {
        const made = await runInWorker('largeRow', {
          item: { ...item, image: null }
        });
        made.payload.image = item.image;
        return made;
      } catch (error) {
        if (!(error instanceof WorkerGoneError)) {
          throw error;
        }
      }
    }
    return largeRowPayload(item);
  }
}
