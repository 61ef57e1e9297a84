/**
 * Colour parsing for canvases: the settings hold CSS colours, the mask
 * compositor needs bytes.
 */

/** An sRGB colour as bytes. */
export type Rgb = [number, number, number];

/**
 * Parse `#rgb`, `#rrggbb` or `rgb(r, g, b)`; anything else gives `fallback`
 * (settings are user text, and a typo must not break the view).
 */
export function parseColor(text: string, fallback: Rgb): Rgb {
  const value = text.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(value);
  if (m) {
    return [0, 1, 2].map(i => parseInt(m![1][i] + m![1][i], 16)) as Rgb;
  }
  m = /^#([0-9a-f]{6})$/i.exec(value);
  if (m) {
    return [0, 2, 4].map(i => parseInt(m![1].slice(i, i + 2), 16)) as Rgb;
  }
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/i.exec(value);
  if (m) {
    return [m[1], m[2], m[3]].map(v => Math.min(255, Number(v))) as Rgb;
  }
  return fallback;
}

/** `#rrggbb` for an RGB colour. */
export function toHex(rgb: Rgb): string {
  return '#' + rgb.map(v => v.toString(16).padStart(2, '0')).join('');
}
