/**
 * Colour parsing for canvases: the settings hold CSS colours, the mask
 * compositor needs bytes.
 */
import { color, hsl } from 'd3';

/** An sRGB colour as bytes. */
export type Rgb = [number, number, number];

/**
 * Parse a CSS colour into sRGB bytes: a named colour (`red`,
 * `rebeccapurple`), `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()`
 * or `hsl()`/`hsla()` in the comma or the space syntax (`rgb(255 0 0 / 50%)`,
 * hue in `deg`, `rad`, `grad` or `turn`), any case, with spaces around it.
 * d3-color reads the names, the hex forms and the comma syntax. The alpha
 * channel is ignored (the views have their own opacity setting); channels are
 * rounded and clamped to 0–255.
 *
 * Anything else (a typo, `transparent`, `currentcolor`, `lab()`, `oklch()`,
 * `color()`) gives `fallback`, since settings are user text and a typo must
 * not break the view; the first time each such value is seen, a
 * console warning names it.
 */
export function parseColor(text: string, fallback: Rgb): Rgb {
  const value = String(text).trim().toLowerCase();
  const parsed = color(value)?.rgb() ?? functionalColor(value);
  // `transparent` parses, with NaN channels.
  if (parsed && [parsed.r, parsed.g, parsed.b].every(Number.isFinite)) {
    return [toByte(parsed.r), toByte(parsed.g), toByte(parsed.b)];
  }
  warnOnce(text, fallback);
  return fallback;
}

/** `#rrggbb` for an RGB colour. */
export function toHex(rgb: Rgb): string {
  return '#' + rgb.map(v => v.toString(16).padStart(2, '0')).join('');
}

/** Bad values already reported: one warning per value, not one per paint. */
const warned = new Set<string>();
/** Settings hold a few colours; this bounds the set if something loops. */
const MAX_WARNED = 64;

function warnOnce(text: string, fallback: Rgb): void {
  if (warned.has(text)) {
    return;
  }
  if (warned.size >= MAX_WARNED) {
    warned.clear();
  }
  warned.add(text);
  console.warn(
    `jupyterlab-chexmask: ${JSON.stringify(text)} is not a CSS colour ` +
      `this view can use; using ${toHex(fallback)} instead.`
  );
}

function toByte(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** A number with an optional unit, as in CSS (`none` counts as 0). */
const TOKEN =
  /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%|deg|rad|grad|turn)?$/;
const HUE_UNIT: Record<string, number> = {
  '': 1,
  deg: 1,
  rad: 180 / Math.PI,
  grad: 0.9,
  turn: 360
};

/**
 * `rgb()`, `rgba()`, `hsl()` and `hsla()` in the forms d3-color does not read:
 * the space syntax with an optional `/ alpha`, and the comma syntax with
 * fractional channels, hue units or a fourth (alpha) argument.
 */
function functionalColor(
  value: string
): { r: number; g: number; b: number } | null {
  const m = /^(rgba?|hsla?)\(([^()]*)\)$/.exec(value);
  if (!m) {
    return null;
  }
  let args: string[];
  let alpha: string | undefined;
  if (m[2].includes(',')) {
    args = m[2].split(',').map(a => a.trim());
    alpha = args.length === 4 ? args.pop() : undefined;
  } else {
    const [channels, slashed, ...rest] = m[2].split('/');
    if (rest.length > 0) {
      return null;
    }
    args = channels.trim().split(/\s+/);
    alpha = slashed?.trim();
  }
  // The alpha is checked, then ignored.
  if (args.length !== 3 || (alpha !== undefined && !isAlpha(alpha))) {
    return null;
  }
  const tokens = args.map(parseToken);
  if (tokens.some(t => t === null)) {
    return null;
  }
  const [a, b, c] = tokens as Array<[number, string]>;
  if (m[1].startsWith('rgb')) {
    const channel = ([v, unit]: [number, string]): number | null =>
      unit === '%' ? v * 2.55 : unit === '' ? v : null;
    const rgb = [channel(a), channel(b), channel(c)];
    if (rgb.some(v => v === null)) {
      return null;
    }
    const [r, g, bl] = rgb as number[];
    return { r, g, b: bl };
  }
  const [hue, hueUnit] = a;
  if (!(hueUnit in HUE_UNIT)) {
    return null;
  }
  // Saturation and lightness: percentages (or bare numbers), clamped as CSS does.
  const fraction = ([v, unit]: [number, string]): number | null =>
    unit === '%' || unit === '' ? Math.max(0, Math.min(1, v / 100)) : null;
  const s = fraction(b);
  const l = fraction(c);
  if (s === null || l === null) {
    return null;
  }
  return hsl(hue * HUE_UNIT[hueUnit], s, l).rgb();
}

function parseToken(token: string): [number, string] | null {
  if (token === 'none') {
    return [0, ''];
  }
  const m = TOKEN.exec(token);
  return m ? [Number(m[1]), m[2] ?? ''] : null;
}

function isAlpha(token: string): boolean {
  const t = parseToken(token);
  return t !== null && (t[1] === '' || t[1] === '%');
}
