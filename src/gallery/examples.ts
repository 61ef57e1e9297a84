/**
 * The gallery of example rows under a histogram, shared by the RCA view and
 * the histogram view (`examples=k` in Python): a chosen band's rows as
 * tiles, built from the gallery's own parts. Their payload part is
 * `examples-payload.ts`.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { h } from '../common/dom';
import { SettingsModel } from '../settings';
import { Gallery } from './gallery';
import { IGalleryPayload } from './payload';
import { initialGalleryState } from './state';

/** What the gallery under a chart needs from its view. */
export interface IExamplesHost {
  options: IRenderMime.IRendererOptions;
  settings: SettingsModel;
  /** The view node's data attributes (`data-examples`, `data-examples-band`). */
  dataset: DOMStringMap;
  /** Unique per view: the DOM ids of the tiles. */
  prefix: string;
}

/** One band's rows to show: a gallery payload, a key for ids and a file name. */
export interface IExamplesChoice {
  /** The band as the view names it (`data-examples-band`, DOM ids). */
  band: string;
  /** The band as text for people, e.g. "0.65–0.70". */
  label: string;
  payload: IGalleryPayload;
  /** The exports' file name. */
  fileName: string;
}

/**
 * The gallery of a band's example rows under a chart: the band's rows as
 * tiles (opening large on a click), or a note when it has none.
 */
export class ExamplesGallery {
  readonly node: HTMLElement;
  private _gallery: Gallery | null = null;

  constructor(
    private readonly _host: IExamplesHost,
    className: string
  ) {
    this.node = h('div', { className });
  }

  /** Show a band's rows, in place of the band shown before. */
  show(choice: IExamplesChoice): void {
    this._gallery?.dispose();
    const { payload } = choice;
    this._host.dataset.examplesBand = choice.band;
    this._host.dataset.examples = String(payload.items.length);
    if (payload.items.length === 0) {
      this._gallery = null;
      this.node.replaceChildren(
        h('div', {
          className: 'jp-chexmask-gallery-note',
          text: `No example rows in ${choice.label}.`
        })
      );
      return;
    }
    const gallery = new Gallery(payload, initialGalleryState(payload), {
      options: this._host.options,
      settings: this._host.settings,
      dataset: this._host.dataset,
      prefix: `${this._host.prefix}-band${choice.band.replace(/[^\w-]/g, '_')}`,
      fileName: () => choice.fileName,
      withoutLandmarks:
        'example rows of a histogram carry no landmarks (so that its payload stays small: 8 rows a band of six datasets under 1 MB); cm.row(...) of this row shows it at full resolution'
    });
    this._gallery = gallery;
    this.node.replaceChildren(...gallery.nodes);
    gallery.start();
  }

  /** Repaint the tiles with new settings. */
  restyle(): void {
    this._gallery?.restyle();
  }

  dispose(): void {
    this._gallery?.dispose();
    this._gallery = null;
  }
}
