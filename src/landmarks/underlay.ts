import { IChexmaskRow, organRuns } from '../core';
import { h } from '../common';
import { IMaskStyle, MaskPainter } from '../common';
import { ICanvasMapping } from './mapping';

/**
 * The masks of a one-row plot, under its landmarks: the row's runs
 * (`organRuns`, from its RLE or its filled rings) painted by the overlay's
 * `MaskPainter` at mask resolution into an off-screen canvas, then drawn into
 * the plot under the current zoom. Mask pixel (x, y) covers
 * [x - 0.5, x + 0.5] × [y - 0.5, y + 0.5] of the pixel frame, so a landmark
 * (x, y) sits on its pixel's centre.
 */
export class MaskUnderlay {
  private readonly _painter: MaskPainter;
  private readonly _image: ImageData;
  private readonly _canvas: HTMLCanvasElement;

  /** @param _row - The parsed CSV row whose masks are drawn. */
  constructor(private readonly _row: IChexmaskRow) {
    this._painter = new MaskPainter(organRuns(_row), _row.height, _row.width);
    this._canvas = h('canvas');
    this._canvas.width = _row.width;
    this._canvas.height = _row.height;
    this._image = new ImageData(_row.width, _row.height);
  }

  /** Paint the masks with organ colours, visibility, opacity and draw mode. */
  paint(style: IMaskStyle): void {
    this._painter.paint(this._image.data, style);
    this._canvas.getContext('2d')!.putImageData(this._image, 0, 0);
  }

  /**
   * Draw the painted masks into `ctx` (cleared first): smoothed while the
   * mask is shrunk to fit, nearest-neighbour once zoomed in, so mask pixels
   * then show as crisp squares.
   *
   * @param mapping - Frame (mask pixels) to `ctx` pixels.
   */
  draw(ctx: CanvasRenderingContext2D, mapping: ICanvasMapping): void {
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.imageSmoothingEnabled = mapping.scale < 1;
    ctx.drawImage(
      this._canvas,
      mapping.scale * -0.5 + mapping.dx,
      mapping.scale * -0.5 + mapping.dy,
      mapping.scale * this._row.width,
      mapping.scale * this._row.height
    );
  }
}
