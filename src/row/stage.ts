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

  /** Remove the zoom listeners; paints in flight are dropped, the canvas pooled. */
  dispose(): void {
    this.zoom.dispose();
    this.masks.dispose();
    this.xray?.dispose();
  }
}
