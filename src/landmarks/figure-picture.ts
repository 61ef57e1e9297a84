import { svgPicture } from '../common';

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
  for (const layer of Array.from(figure.querySelectorAll('svg, canvas'))) {
    if (layer instanceof HTMLCanvasElement) {
      place(layer, layer);
    } else if (
      layer instanceof SVGSVGElement &&
      layer.parentElement?.closest('svg') === null
    ) {
      place(layer, await svgPicture(layer, 'rgba(0, 0, 0, 0)', scale));
    }
  }
  return canvas;
}
