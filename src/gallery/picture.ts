/**
 * The static picture of a gallery: a contact sheet of its first tiles as
 * shown (masks over the thumbnails, id and score under each), and its alt
 * text listing their ids and scores. The kernel's picture
 * (`jupyterlab_chexmask/gallery/picture.py`) says the same words.
 */
import { DICE_MEAN_COLUMN } from '../core';
import { formatNumber, IMaskStyle, MaskPainter } from '../common';
import { GalleryItem, shortId } from './tile-payload';

/** Tiles on the contact sheet at most, and per row. */
export const SHEET_TILES = 24;
export const SHEET_COLUMNS = 6;
/** A sheet cell: picture side and caption height (pixels). */
const SIDE = 128;
const CAPTION = 30;

/** The alt text: how many rows, then the first ones' ids and scores. */
export function galleryAltText(
  shown: ReadonlyArray<GalleryItem>,
  total: number,
  limit = SHEET_TILES
): string {
  const first = shown.slice(0, limit).map(item => {
    const mean = item.values[DICE_MEAN_COLUMN] ?? null;
    const what =
      item.kind === 'error'
        ? `malformed: ${item.field}`
        : `Dice RCA (Mean) ${formatNumber(mean)}`;
    return `${item.id ?? '(no id)'} (${what})`;
  });
  const more = shown.length - first.length;
  return (
    `Gallery of ${shown.length} of ${total} rows; first ${first.length}: ` +
    first.join('; ') +
    (more > 0 ? `; and ${more} more.` : '.')
  );
}

/** The contact sheet of the first tiles (thumbnails loaded first). */
export async function contactSheet(
  shown: ReadonlyArray<GalleryItem>,
  style: IMaskStyle,
  background: string,
  foreground: string
): Promise<HTMLCanvasElement> {
  const items = shown.slice(0, SHEET_TILES);
  const columns = Math.max(1, Math.min(SHEET_COLUMNS, items.length));
  const rows = Math.max(1, Math.ceil(items.length / columns));
  const canvas = document.createElement('canvas');
  canvas.width = columns * SIDE;
  canvas.height = rows * (SIDE + CAPTION);
  const context = canvas.getContext('2d')!;
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  const images = await Promise.all(items.map(Private.thumbnail));
  items.forEach((item, i) => {
    const x = (i % columns) * SIDE;
    const y = Math.floor(i / columns) * (SIDE + CAPTION);
    context.fillStyle = '#777';
    context.fillRect(x + 2, y + 2, SIDE - 4, SIDE - 4);
    if (item.kind === 'tile') {
      const scale = (SIDE - 4) / Math.max(item.tileWidth, item.tileHeight);
      const w = item.tileWidth * scale;
      const hgt = item.tileHeight * scale;
      const left = x + (SIDE - w) / 2;
      const top = y + (SIDE - hgt) / 2;
      const image = images[i];
      if (image) {
        context.drawImage(image, left, top, w, hgt);
      }
      const masks = document.createElement('canvas');
      masks.width = item.tileWidth;
      masks.height = item.tileHeight;
      const mc = masks.getContext('2d')!;
      const pixels = mc.createImageData(item.tileWidth, item.tileHeight);
      new MaskPainter(item.runs, item.tileHeight, item.tileWidth).paint(
        pixels.data,
        style
      );
      mc.putImageData(pixels, 0, 0);
      context.imageSmoothingEnabled = false;
      context.drawImage(masks, left, top, w, hgt);
    } else {
      context.fillStyle = foreground;
      context.font = '11px sans-serif';
      context.fillText(`malformed: ${item.field}`.slice(0, 22), x + 6, y + 20);
    }
    context.fillStyle = foreground;
    context.font = '11px sans-serif';
    context.fillText(shortId(item.id, 20), x + 4, y + SIDE + 12);
    context.fillText(
      formatNumber(item.values[DICE_MEAN_COLUMN] ?? null),
      x + 4,
      y + SIDE + 25
    );
  });
  return canvas;
}

namespace Private {
  /** A thumbnail as an image, or `null` without one (or if it will not decode). */
  export async function thumbnail(
    item: GalleryItem
  ): Promise<HTMLImageElement | null> {
    if (item.kind !== 'tile' || !item.image) {
      return null;
    }
    const image = new Image();
    image.src = `data:${item.image.mimeType};base64,${item.image.data}`;
    try {
      await image.decode();
      return image;
    } catch {
      return null;
    }
  }
}
