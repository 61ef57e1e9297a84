/**
 * The picture a view leaves in its output for readers without the extension
 * (nbconvert, GitHub, nbviewer, the static site): written when the notebook
 * is saved, and only when it would differ from the kernel's.
 *
 * Why not after the first paint: writing a picture (`model.setData`)
 * re-serialises the whole output, payload included, into the notebook's
 * shared model — over 200 ms for a 10,000-row landmark payload — and a
 * picture written on render also costs composing and encoding it for every
 * view painted while scrolling.
 *
 * The kernel puts a picture of every view in its output. It shows the
 * payload's first state under the default settings, in the light theme; a
 * view showing that state keeps it: nothing is composed, encoded or written
 * (`data-picture="kernel"`). Once the view differs — a control or a setting
 * changed, the output has no kernel picture (`static=False`, pictures
 * turned off) or holds one the browser wrote for another state — its
 * picture is composed and encoded in an idle period and kept, the document
 * is marked changed (so the user is asked to save, and autosave saves), and
 * the picture is written when the document's save starts
 * (`data-picture="pending"`, then `"written"`; `"current"` when the output
 * already holds this very picture; `"checking"` from a change until it is
 * decided). `saveState` "started" is
 * emitted before the notebook is serialised, in the same task, so what is
 * written then is in the saved file. An output outside any document (a
 * console, a page without notebooks) gets its picture written as soon as it
 * is encoded, as there is no save to wait for. The theme is not a
 * difference: the kernel's light picture stands for the view in any theme.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Widget } from '@lumino/widgets';
import { whenIdle } from './idle-queue';
import {
  canvasPngBase64,
  hasKernelPicture,
  hasPicture,
  IPicture,
  writePicture
} from './picture-output';
import { documentOf, ISavingDocument } from './saving-document';

/** A picture composed by the view, not yet encoded. */
export interface IComposedPicture {
  readonly canvas: HTMLCanvasElement;
  /** Its key (see `pictureKey`). */
  readonly key: string;
  readonly alt: string;
  /** Whether the view still shows what it was composed from. */
  stillWanted(): boolean;
}

/** What the keeper needs from its view. */
export interface IPictureSource {
  /** The view: its ancestors lead to the document, its node carries `data-picture`. */
  readonly widget: Widget;
  /** The output's model now, or `null` before a render. */
  model(): IRenderMime.IMimeModel | null;
  /**
   * What the user chose that shows in the picture, with the settings, as a
   * string: equal strings, equal pictures (but for width and theme).
   */
  stateKey(): string;
  /** Whether the settings are the defaults (the kernel draws with them). */
  defaultSettings(): boolean;
  /**
   * The picture as shown now, or `null` when the view cannot draw it now
   * (not painted, away from the screen, no size).
   */
  compose(): Promise<IComposedPicture | null>;
}

/** A view's picture, from differing to written (see the module's comment). */
export class PictureKeeper {
  /**
   * The state key the kernel's picture stands for: the first paint's, when
   * the output held the kernel's picture and the settings were the
   * defaults; `null` when no state of the view is the kernel's picture;
   * `undefined` before the first paint of the payload.
   */
  private _baseline: string | null | undefined = undefined;
  /** Whether the after-paint work is done (the alt text has its measurements). */
  private _settled = false;
  /** The state key last checked to its end; a check of the same state stops at once. */
  private _checked: string | null = null;
  private _pending: IPicture | null = null;
  private _document: ISavingDocument | null = null;
  /** What `data-picture` says once nothing is being checked. */
  private _decided: string | undefined = undefined;
  private _scheduled = false;
  private _busy = false;
  private _again = false;
  private _disposed = false;

  /**
   * @param _source - The view.
   * @param _encode - PNG encoder (base64); the shared worker's by default.
   */
  constructor(
    private readonly _source: IPictureSource,
    private readonly _encode: (
      canvas: HTMLCanvasElement
    ) => Promise<string> = canvasPngBase64
  ) {}

  /** The picture waiting for the next save, if any. */
  get pending(): IPicture | null {
    return this._pending;
  }

  /**
   * The view painted. Its first paint of a payload fixes what the kernel's
   * picture stands for (synchronously: before any control can change).
   */
  painted(): void {
    if (this._baseline !== undefined) {
      return;
    }
    const model = this._source.model();
    this._baseline =
      model !== null &&
      hasKernelPicture(model) &&
      this._source.defaultSettings()
        ? this._source.stateKey()
        : null;
  }

  /** The after-paint work is done: check in the next idle period. */
  settled(): void {
    this._settled = true;
    this._checked = null;
    this._schedule();
  }

  /** Something the picture shows may have changed: check when idle. */
  changed(): void {
    this._schedule();
  }

  /** A new payload: forget everything about the previous one. */
  reset(): void {
    this._baseline = undefined;
    this._settled = false;
    this._checked = null;
    this._pending = null;
    this._disconnect();
    this._decided = undefined;
    delete this._source.widget.node.dataset.picture;
  }

  dispose(): void {
    this._disposed = true;
    this._pending = null;
    this._disconnect();
  }

  private _schedule(): void {
    if (this._disposed) {
      return;
    }
    this._source.widget.node.dataset.picture = 'checking';
    if (this._scheduled) {
      return;
    }
    this._scheduled = true;
    whenIdle()
      .then(() => this._run())
      .catch(reason =>
        console.warn('jupyterlab-chexmask: no picture for the output', reason)
      );
  }

  /** One check at a time; a change during one checks again after it. */
  private async _run(): Promise<void> {
    this._scheduled = false;
    if (this._busy) {
      this._again = true;
      return;
    }
    this._busy = true;
    try {
      await this._check();
    } finally {
      this._busy = false;
      if (this._again) {
        this._again = false;
        this._schedule();
      } else if (!this._scheduled) {
        this._say(this._decided);
      }
    }
  }

  /** Set `data-picture` to what was decided (nothing: no attribute). */
  private _say(decided: string | undefined): void {
    this._decided = decided;
    const { dataset } = this._source.widget.node;
    if (decided === undefined) {
      delete dataset.picture;
    } else {
      dataset.picture = decided;
    }
  }

  private async _check(): Promise<void> {
    const source = this._source;
    const model = source.model();
    if (this._disposed || !this._settled || model === null) {
      return;
    }
    const state = source.stateKey();
    if (state === this._checked) {
      return;
    }
    if (
      this._baseline !== null &&
      this._baseline !== undefined &&
      state === this._baseline &&
      hasKernelPicture(model)
    ) {
      this._checked = state;
      this._pending = null;
      this._decided = 'kernel';
      return;
    }
    const composed = await source.compose();
    if (composed === null || this._disposed) {
      return; // not drawable now: checked again after the next paint
    }
    if (hasPicture(model, composed.key)) {
      this._checked = state;
      this._pending = null;
      this._decided = 'current';
      return;
    }
    if (this._pending?.key === composed.key) {
      this._checked = state;
      return;
    }
    const png = await this._encode(composed.canvas);
    if (!composed.stillWanted() || this._disposed) {
      return;
    }
    this._checked = state;
    const { width, height } = composed.canvas;
    this._pending = {
      png,
      alt: composed.alt,
      key: composed.key,
      width,
      height
    };
    const document = documentOf(source.widget);
    if (document === null) {
      this._write(); // no save to wait for
      return;
    }
    if (document !== this._document) {
      this._disconnect();
      document.saveState.connect(this._onSaveState, this);
      this._document = document;
    }
    document.model.dirty = true;
    this._decided = 'pending';
  }

  private _onSaveState(_: unknown, state: string): void {
    if (state === 'started') {
      this._write();
    } else if (state === 'completed' && this._pending && this._document) {
      // Encoded while the save was under way: the save marks the document
      // clean when it completes, so ask for the next one again.
      this._document.model.dirty = true;
    }
  }

  /** Write the pending picture into the output now. */
  private _write(): void {
    const model = this._source.model();
    const picture = this._pending;
    if (picture === null || model === null || this._disposed) {
      return;
    }
    this._pending = null;
    writePicture(model, picture);
    // Said at once unless a check is under way (it ends saying this).
    this._decided = 'written';
    if (!this._busy && !this._scheduled) {
      this._say('written');
    }
  }

  private _disconnect(): void {
    this._document?.saveState.disconnect(this._onSaveState, this);
    this._document = null;
  }
}
