/**
 * The masks under a one-row landmark plot in pixels: the row's organs
 * painted by the common mask painter, drawn into a canvas layer of the plot
 * area at each zoom.
 */
import { IChexmaskRow, ORGANS, OrganKey, organRuns } from '../core';
import { h, MaskPainter, organRgb } from '../common';
import { IChexmaskSettings } from '../settings';
import { deviceMapping, ICanvasMapping, layerCanvas } from './frame';

/**
 * The mask layer of a one-row plot: the row's runs (`organRuns`, from its
 * RLE or its filled rings) painted once per style at mask resolution into
 * an off-screen canvas, then drawn into the layer under the current zoom.
 * Mask pixel (x, y) covers [x - 0.5, x + 0.5] × [y - 0.5, y + 0.5] of the
 * pixel frame, so a landmark (x, y) sits on its pixel's centre.
 */
export class MaskUnderlay {
  /** The layer, at device resolution, sized by CSS to the plot area. */
  readonly canvas: HTMLCanvasElement;
  private readonly _ctx: CanvasRenderingContext2D;
  private readonly _painter: MaskPainter;
  private readonly _image: ImageData;
  /** The painted masks at mask resolution. */
  private readonly _masks: HTMLCanvasElement;

  /**
   * @param _row - The parsed CSV row whose masks are drawn.
   * @param width - The plot area's width in layout pixels.
   * @param height - The plot area's height in layout pixels.
   * @param _dpr - Canvas pixels per layout pixel.
   */
  constructor(
    private readonly _row: IChexmaskRow,
    width: number,
    height: number,
    private readonly _dpr: number
  ) {
    [this.canvas, this._ctx] = layerCanvas(
      'jp-chexmask-lm-underlay',
      width,
      height,
      _dpr
    );
    this._painter = new MaskPainter(organRuns(_row), _row.height, _row.width);
    this._masks = h('canvas');
    this._masks.width = _row.width;
    this._masks.height = _row.height;
    this._image = new ImageData(_row.width, _row.height);
  }

  /**
   * Paint the masks in the settings' colours, opacity and draw mode, for
   * the organs shown (in `ORGANS` order).
   */
  paint(settings: IChexmaskSettings, organs: readonly boolean[]): void {
    const visible = {} as Record<OrganKey, boolean>;
    ORGANS.forEach((organ, i) => (visible[organ.key] = organs[i]));
    this._painter.paint(this._image.data, {
      colors: organRgb(settings.colors),
      visible,
      opacity: settings.opacity,
      mode: settings.drawMode
    });
    this._masks.getContext('2d')!.putImageData(this._image, 0, 0);
  }

  /**
   * Draw the painted masks at `mapping` (cleared first), or just clear the
   * layer when hidden: smoothed while the mask is shrunk to fit,
   * nearest-neighbour once zoomed in, so mask pixels then show as crisp
   * squares.
   */
  draw(mapping: ICanvasMapping, visible: boolean): void {
    const ctx = this._ctx;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!visible) {
      return;
    }
    const m = deviceMapping(mapping, this._dpr);
    ctx.imageSmoothingEnabled = m.scale < 1;
    ctx.drawImage(
      this._masks,
      m.scale * -0.5 + m.dx,
      m.scale * -0.5 + m.dy,
      m.scale * this._row.width,
      m.scale * this._row.height
    );
  }
}
