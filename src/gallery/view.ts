/**
 * The gallery view: many CheXmask rows as tiles, as a JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { PayloadView, themeBackground } from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { Gallery } from './gallery';
import { CELL_HEIGHT } from './grid';
import { IGalleryPayload, parseGalleryPayload } from './payload';
import { contactSheet, galleryAltText } from './picture';
import { IGalleryState, initialGalleryState } from './state';

/** CSS class of the gallery view. */
export const GALLERY_VIEW_CLASS = 'jp-chexmask-GalleryView';

/**
 * A grid of CheXmask rows (see {@link Gallery}): sort, filter, select,
 * export, open one large with the row view's controls. A malformed row is
 * an error tile; a malformed payload renders the error panel.
 */
export class GalleryView extends PayloadView<IGalleryPayload, Gallery> {
  private _state: IGalleryState | null = null;
  private readonly _prefix = `jp-chexmask-gallery-${Private.nextId()}`;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, GALLERY_VIEW_CLASS, 'this CheXmask gallery');
  }

  protected parse(data: unknown): IGalleryPayload {
    return parseGalleryPayload(data);
  }

  protected build(payload: IGalleryPayload): void {
    // A view painted again after scrolling back keeps what the user set.
    this._state ??= initialGalleryState(payload);
    const gallery = new Gallery(payload, this._state, {
      options: this.options,
      settings: this.settings,
      dataset: this.node.dataset,
      prefix: this._prefix,
      fileName: () => this.fileName()
    });
    this.present(gallery);
    gallery.start();
  }

  /** A contact sheet of the first tiles shown. */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    const built = this.built;
    if (!built) {
      return null;
    }
    const style = getComputedStyle(this.node);
    return contactSheet(
      built.shown,
      built.style(),
      themeBackground(this.node),
      style.getPropertyValue('--jp-ui-font-color1').trim() || '#222'
    );
  }

  protected fileName(): string {
    return 'chexmask-gallery';
  }

  /** The header and controls, and a grid of at most 70% of the window. */
  protected estimateHeight(payload: IGalleryPayload, width: number): number {
    const columns = Math.max(1, Math.floor(width / 148));
    const rows = Math.ceil(payload.items.length / columns);
    return 190 + Math.min(rows * CELL_HEIGHT, 0.7 * window.innerHeight);
  }

  protected altText(): string {
    const built = this.built;
    return built ? galleryAltText(built.shown, built.payload.items.length) : '';
  }

  /** The picture changes with what is shown first and in which colours. */
  protected pictureKey(): string {
    return JSON.stringify([this.built?.style(), this.altText()]);
  }

  /**
   * What decides the tiles shown first, in order: the sort and the filters
   * (not the selection, the focus, the tile opened or the scroll).
   */
  protected pictureState(): unknown {
    const state = this._state;
    return (
      state && {
        sortBy: state.sortBy,
        ascending: state.ascending,
        hiddenDatasets: state.hiddenDatasets,
        rangeColumn: state.rangeColumn,
        rangeMin: state.rangeMin,
        rangeMax: state.rangeMax
      }
    );
  }

  protected forget(): void {
    this._state = null;
  }

  protected onSettings(settings: IChexmaskSettings): void {
    this.built?.restyle();
  }
}

namespace Private {
  let counter = 0;

  /** A number unique to each gallery view on the page. */
  export function nextId(): number {
    return ++counter;
  }
}
