/**
 * A picture of a live SVG chart: the SVG is cloned with its computed styles
 * written inline (theme variables and CSS classes do not survive outside the
 * page), rasterised through an `<img>`, and drawn on a canvas over the
 * theme's background colour.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The presentation properties copied inline. */
const PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'display',
  'visibility',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline'
];

/** A live SVG chart as a standalone SVG document, and its size. */
export interface IStandaloneSvg {
  text: string;
  width: number;
  height: number;
}

/**
 * A live SVG as a standalone SVG document: cloned with its computed styles
 * written inline, so it looks the same outside the page (a downloaded file,
 * an `<img>`), with an optional background rectangle under it.
 *
 * @param source - The live SVG (in the document, so styles are computed).
 * @param background - The CSS colour under the chart, or `null` for none.
 */
export function standaloneSvg(
  source: SVGSVGElement,
  background: string | null = null
): IStandaloneSvg {
  const width =
    Private.absolute(source.width) || source.getBoundingClientRect().width;
  const height =
    Private.absolute(source.height) || source.getBoundingClientRect().height;
  const clone = source.cloneNode(true) as SVGSVGElement;
  const originals = [source, ...Array.from(source.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  originals.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = (copies[i] as SVGElement).style;
    for (const property of PROPERTIES) {
      style.setProperty(property, computed.getPropertyValue(property));
    }
  });
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (background) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    clone.insertBefore(rect, clone.firstChild);
  }
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

/**
 * Rasterise an SVG element as the page shows it.
 *
 * @param source - The live SVG (in the document, so styles are computed).
 * @param background - The CSS colour under the chart.
 * @param scale - Device pixels per CSS pixel of the picture.
 */
export async function svgPicture(
  source: SVGSVGElement,
  background: string,
  scale = 2
): Promise<HTMLCanvasElement> {
  const { text, width, height } = standaloneSvg(source);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The theme's page background, resolved for use outside the page. */
export function themeBackground(node: Element): string {
  return (
    getComputedStyle(node).getPropertyValue('--jp-layout-color0').trim() ||
    '#ffffff'
  );
}

/** A live chart as a picture over its view's theme background (for `image/png` and the PNG export). */
export function chartPicture(
  chart: SVGSVGElement,
  view: Element
): Promise<HTMLCanvasElement> {
  return svgPicture(chart, themeBackground(view));
}

/** A live chart as a standalone SVG document over its view's theme background. */
export function chartSvg(chart: SVGSVGElement, view: Element): string {
  return standaloneSvg(chart, themeBackground(view)).text;
}

namespace Private {
  /**
   * An SVG length in pixels, or 0 when it cannot be had: a relative length
   * (`100%`) of an element the browser has not laid out throws
   * `NotSupportedError` instead of answering.
   */
  export function absolute(length: SVGAnimatedLength): number {
    try {
      return length.baseVal.value;
    } catch {
      return 0;
    }
  }
}
