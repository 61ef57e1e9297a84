/**
 * The static picture of a landmark plot (the figure as shown, for
 * `image/png` and the exports) and its alt text. The kernel's static
 * picture says the same words (`landmark_alt_text` in Python).
 */
import { standaloneSvg, svgPicture } from '../common';
import { ILandmarkModel } from './model';

/**
 * The rows' CheXmask-U uncertainty in words: the mean of their mean landmark
 * σ over the rows that carry σ (summed in row order), e.g. `; mean landmark
 * σ 2.31 px over 12 rows with σ`; empty when no row carries σ. The kernel's
 * picture says the same (`sigma_clause` in Python).
 */
export function sigmaClause(model: ILandmarkModel): string {
  let sum = 0;
  let count = 0;
  for (const row of model.rows) {
    if (row.meanSigma !== null) {
      sum += row.meanSigma;
      count++;
    }
  }
  if (count === 0) {
    return '';
  }
  const rows = `${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'}`;
  return `; mean landmark σ ${(sum / count).toFixed(2)} px over ${rows} with σ`;
}

/**
 * Rows, groups, frame, the furthest row and, when rows carry CheXmask-U's σ,
 * their mean landmark σ ({@link sigmaClause}), in words.
 *
 * @param furthest - The row furthest from the mean shape, or `null`.
 */
export function landmarkAltText(
  model: ILandmarkModel,
  furthest: number | null
): string {
  const outlier =
    furthest === null
      ? ''
      : `; furthest from the mean shape: ${model.rows[furthest].id ?? 'a row'}`;
  return (
    `Landmark plot of ${model.rows.length.toLocaleString('en-US')} row(s)` +
    (model.groups.length > 1 ? ` in ${model.groups.length} groups` : '') +
    ` (frame: ${model.frame})` +
    (model.rows.length > 1
      ? '; mean shape and one-standard-deviation ellipses'
      : '') +
    outlier +
    sigmaClause(model) +
    '.'
  );
}

/**
 * A landmark plot's figure as shown — axes, mask underlay, contours, mean
 * shape, ellipses and highlights — at twice its CSS size: each canvas is
 * copied and each top-level SVG rasterised at its place in the figure.
 *
 * @param figure - The figure element (axes and plot area).
 * @param background - The CSS colour under it.
 */
export async function figurePicture(
  figure: HTMLElement,
  background: string
): Promise<HTMLCanvasElement> {
  const scale = 2;
  const frame = figure.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(frame.width * scale);
  canvas.height = Math.round(frame.height * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  const place = (element: Element, source: CanvasImageSource): void => {
    const box = element.getBoundingClientRect();
    context.drawImage(
      source,
      (box.left - frame.left) * scale,
      (box.top - frame.top) * scale,
      box.width * scale,
      box.height * scale
    );
  };
  for (const layer of Private.shownLayers(figure)) {
    place(
      layer,
      layer instanceof HTMLCanvasElement
        ? layer
        : await svgPicture(layer, 'rgba(0, 0, 0, 0)', scale)
    );
  }
  return canvas;
}

/**
 * The figure as a standalone SVG document at its CSS size: axes, mean shape,
 * ellipses and highlights stay vectors; the rasters (density contours, mask
 * underlay) are embedded as PNG images at their place.
 *
 * @param figure - The figure element (axes and plot area).
 * @param background - The CSS colour under it.
 */
export function figureSvg(figure: HTMLElement, background: string): string {
  const ns = 'http://www.w3.org/2000/svg';
  const frame = figure.getBoundingClientRect();
  const root = document.createElementNS(ns, 'svg');
  root.setAttribute('xmlns', ns);
  root.setAttribute('width', String(frame.width));
  root.setAttribute('height', String(frame.height));
  const rect = document.createElementNS(ns, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  root.appendChild(rect);
  const place = (element: Element, node: Element): void => {
    const box = element.getBoundingClientRect();
    node.setAttribute('x', String(box.left - frame.left));
    node.setAttribute('y', String(box.top - frame.top));
    node.setAttribute('width', String(box.width));
    node.setAttribute('height', String(box.height));
    root.appendChild(node);
  };
  for (const layer of Private.shownLayers(figure)) {
    if (layer instanceof HTMLCanvasElement) {
      const image = document.createElementNS(ns, 'image');
      image.setAttribute('href', layer.toDataURL('image/png'));
      image.setAttribute('preserveAspectRatio', 'none');
      place(layer, image);
    } else {
      const { text } = standaloneSvg(layer);
      const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      place(layer, document.importNode(parsed.documentElement, true));
    }
  }
  return new XMLSerializer().serializeToString(root);
}

namespace Private {
  /**
   * The figure's layers as drawn: its canvases and top-level SVGs, in
   * document order, without those not shown (the σ colour bar of a plot
   * coloured by group has no box, and drawing an empty canvas throws).
   */
  export function shownLayers(
    figure: HTMLElement
  ): Array<HTMLCanvasElement | SVGSVGElement> {
    return Array.from(figure.querySelectorAll('svg, canvas')).filter(
      (layer): layer is HTMLCanvasElement | SVGSVGElement => {
        const box = layer.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) {
          return false;
        }
        return layer instanceof HTMLCanvasElement
          ? layer.width > 0 && layer.height > 0
          : layer instanceof SVGSVGElement &&
              layer.parentElement?.closest('svg') === null;
      }
    );
  }
}
