/**
 * A picture of a live SVG chart: the SVG is cloned with its computed styles
 * written inline (theme variables and CSS classes do not survive outside the
 * page), rasterised through an `<img>`, and drawn on a canvas over the
 * theme's background colour.
 */

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
  const width =
    source.width.baseVal.value || source.getBoundingClientRect().width;
  const height =
    source.height.baseVal.value || source.getBoundingClientRect().height;
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
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
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
