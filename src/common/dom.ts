/**
 * Building DOM from payload data without ever parsing HTML: every string is
 * set as text. Payload text is untrusted (notebooks come from strangers).
 */

/** Attributes and properties for {@link h}. */
export interface IElementOptions {
  /** Space-separated class names. */
  className?: string;
  /** Text content (never HTML). */
  text?: string;
  /** Attributes, set with `setAttribute` (values are strings, never markup). */
  attrs?: Record<string, string>;
  /** Event listeners. */
  on?: Partial<Record<keyof HTMLElementEventMap, (event: any) => void>>;
}

/**
 * Create an element with text and attributes, and append children.
 *
 * @param tag - The tag name.
 * @param options - Class, text, attributes and listeners.
 * @param children - Nodes or strings (strings become text nodes).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: IElementOptions = {},
  children: Array<Node | string | null | undefined> = []
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) {
    element.className = options.className;
  }
  if (options.text !== undefined) {
    element.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(options.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  for (const child of children) {
    if (child === null || child === undefined) {
      continue;
    }
    element.appendChild(
      typeof child === 'string' ? document.createTextNode(child) : child
    );
  }
  return element;
}

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Create an SVG element with attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {}
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

/** Format a number for people: fixed decimals, or an em dash when missing. */
export function formatNumber(
  value: number | null | undefined,
  digits = 3
): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toFixed(digits);
}

/** A labelled push button (the label is its accessible name and tooltip). */
export function button(
  text: string,
  label: string,
  action: () => void
): HTMLButtonElement {
  return h('button', {
    className: 'jp-chexmask-button',
    text,
    attrs: { type: 'button', 'aria-label': label, title: label },
    on: { click: action }
  });
}

/** Text escaped for an HTML attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
