/**
 * The legends of the views: one entry per organ, dataset or group, each a
 * labelled checkbox that shows or hides it, with its colour swatch, its name
 * and whatever the view counts for it (area, rows).
 */
import { h } from './dom';
import { checkbox } from './inputs';

/** What a legend entry shows. */
export interface ILegendEntryOptions {
  /** The checkbox's class (the UI tests select toggles by it). */
  toggleClass: string;
  /** The checkbox's accessible name, e.g. "Show Heart". */
  label: string;
  /** The name shown. */
  name: string;
  /** A class for the name, where styles need one. */
  nameClass?: string;
  /** Whether it starts shown (default: yes). */
  checked?: boolean;
  /** Called with the new state when the user toggles it. */
  onChange: (checked: boolean) => void;
  /** More attributes of the checkbox, e.g. `data-organ`. */
  toggleAttrs?: Record<string, string>;
  /** Attributes of the entry itself. */
  entryAttrs?: Record<string, string>;
  /**
   * The swatch's colour; `undefined` for a swatch coloured later (colours
   * from the settings), `null` for none (a switch, not a series).
   */
  color?: string | null;
  /** Nodes after the name: counts, areas, warnings. */
  after?: Array<Node | null>;
}

/** A legend entry and the parts a view updates later. */
export interface ILegendEntry {
  /** The entry: a `<label>` around the checkbox, so the whole entry clicks. */
  node: HTMLLabelElement;
  /** Its checkbox. */
  toggle: HTMLInputElement;
  /** Its colour swatch, or `null` without one. */
  swatch: HTMLElement | null;
}

/** Make a legend entry (see {@link ILegendEntryOptions}). */
export function legendEntry(options: ILegendEntryOptions): ILegendEntry {
  const toggle = checkbox({
    className: options.toggleClass,
    label: options.label,
    checked: options.checked ?? true,
    onChange: options.onChange,
    attrs: options.toggleAttrs
  });
  const swatch =
    options.color === null
      ? null
      : h('span', {
          className: 'jp-chexmask-swatch',
          attrs: { 'aria-hidden': 'true' }
        });
  if (swatch && options.color) {
    swatch.style.background = options.color;
  }
  const node = h(
    'label',
    { className: 'jp-chexmask-legend-item', attrs: options.entryAttrs },
    [
      toggle,
      swatch,
      h('span', { className: options.nameClass, text: options.name }),
      ...(options.after ?? [])
    ]
  );
  return { node, toggle, swatch };
}

/**
 * A legend: a group of entries named for assistive tools.
 *
 * @param label - What the entries are, e.g. "Organs".
 * @param children - The entries, and anything before them (a heading).
 * @param className - Classes besides `jp-chexmask-legend`.
 */
export function legend(
  label: string,
  children: Array<Node | null>,
  className?: string
): HTMLElement {
  return h(
    'div',
    {
      className: className
        ? `jp-chexmask-legend ${className}`
        : 'jp-chexmask-legend',
      attrs: { role: 'group', 'aria-label': label }
    },
    children
  );
}

/** Colour the swatches of entries by key, e.g. organs from the settings. */
export function colorSwatches<K extends string>(
  entries: ReadonlyMap<K, ILegendEntry>,
  colors: Readonly<Record<K, string>>
): void {
  for (const [key, entry] of entries) {
    if (entry.swatch) {
      entry.swatch.style.background = colors[key];
    }
  }
}
