/**
 * The stage of a row overlay: the x-ray, the masks' canvas and the vector
 * layer (landmarks, σ, ratio widths) under zoom and pan, built on its own so
 * that a view can build it (and copy the worker's bitmap into it) in one
 * slice of main-thread work and the header and controls in the next.
 */
import {
  applyZoomTransform,
  h,
  imageStage,
  ISigmaScale,
  MaskLayer,
  ZoomController
} from '../common';
import { AnnotationLayer } from './annotations';
import { IDecodedRow } from './off-thread';
import { IParsedRowPayload } from './payload';
import { rowDescription } from './picture';
import { rowSigmaScale, sigmaNodes } from './uncertainty';
import { XrayLayer } from './xray';

/**
 * Masks canvases of more pixels than this (4 MP: 16 MB) are shown a frame
 * after the rest of the view (see {@link RowStage.holdMasks}).
 */
export const HOLD_MASKS_PIXELS = 4 * 1024 * 1024;

/** CSS class of a masks canvas held back (hidden) for a frame. */
const HELD_CLASS = 'jp-chexmask-held';

/**
 * The stage's layers and element (see the module's comment); disposed of by
 * the overlay it goes into, or by the view when it is dropped before that.
 */
export class RowStage {
  /** The focusable stage element. */
  readonly node: HTMLElement;
  /** The organ masks' canvas. */
  readonly masks: MaskLayer;
  /** The embedded x-ray's canvas, when the payload has one. */
  readonly xray: XrayLayer | null;
  /** Landmarks, σ and the ratio widths, in mask pixels. */
  readonly annotations: AnnotationLayer;
  /** The stage's zoom and pan. */
  readonly zoom: ZoomController;
  /** The σ colour scale of a CheXmask-U row, else `null`. */
  readonly sigmaScale: ISigmaScale | null;
  private _disposed = false;

  /**
   * @param payload - The checked payload.
   * @param decoded - Its runs.
   * @param dataset - The view node's `data-*` attributes: tests read pixels
   *   once `data-masks`/`data-xray-paint` say "painted".
   */
  constructor(
    payload: IParsedRowPayload,
    decoded: IDecodedRow,
    dataset: DOMStringMap
  ) {
    const { row } = payload;
    const busy = (attribute: string) => (pending: boolean) =>
      (dataset[attribute] = pending ? 'pending' : 'painted');
    this.masks = new MaskLayer({
      runs: decoded.runs,
      height: row.height,
      width: row.width,
      key: decoded.key,
      className: 'jp-chexmask-masks',
      onBusy: busy('masks')
    });
    dataset.masks = 'painted';
    this.xray = payload.image
      ? new XrayLayer(payload.image, busy('xrayPaint'))
      : null;
    this.annotations = new AnnotationLayer(row.width, row.height);
    this.annotations.setLandmarks(row.landmarks);
    this.sigmaScale = row.sigma && rowSigmaScale(row.sigma);
    if (row.landmarks && row.sigma && this.sigmaScale) {
      this.annotations.setUncertainty(
        sigmaNodes(row.landmarks, row.sigma, this.sigmaScale)
      );
    }
    const world = h('div', { className: 'jp-chexmask-world' }, [
      this.xray?.canvas ?? null,
      this.masks.canvas,
      this.annotations.node
    ]);
    this.node = imageStage({
      world,
      width: row.width,
      height: row.height,
      description: rowDescription(row),
      hasXray: this.xray !== null
    });
    this.zoom = new ZoomController(this.node, t =>
      applyZoomTransform(world, t)
    );
  }

  /**
   * Hide a large masks canvas while the view goes into the page, so that
   * the frame that lays the view out does not also hand the canvas's pixels
   * to the compositor: the browser copies a canvas's pixels on the main
   * thread, in the frame where it first shows (for 2828×2320, 26 MB: 15–35
   * ms), which, with the layout of the new view, made one long task. The
   * caller shows it with {@link revealMasks} after the next frame.
   *
   * @returns Whether the canvas was hidden.
   */
  holdMasks(): boolean {
    const { canvas } = this.masks;
    if (canvas.width * canvas.height <= HOLD_MASKS_PIXELS) {
      return false;
    }
    canvas.classList.add(HELD_CLASS);
    return true;
  }

  /** Show the masks canvas {@link holdMasks} hid (not once disposed: the canvas may be another view's). */
  revealMasks(): void {
    if (!this._disposed) {
      this.masks.canvas.classList.remove(HELD_CLASS);
    }
  }

  /** Remove the zoom listeners; paints in flight are dropped, the canvas pooled. */
  dispose(): void {
    this._disposed = true;
    this.zoom.dispose();
    this.masks.dispose();
    this.xray?.dispose();
  }
}
