/**
 * The tooltip of the histograms: a drawn bin's range, and the count and
 * share of each visible series' values in it.
 */
import { h } from './dom';

/** What the tooltip of a drawn bin says. */
export interface IBinTooltip {
  /** The bin's range, e.g. "[0.700, 0.710)". */
  title: string;
  /** One line per visible series: count and share of its values. */
  lines: string[];
}

/** One series' fine-bin counts and how many values it binned. */
export interface ITooltipSeries {
  name: string;
  counts: ReadonlyArray<number>;
  /** The binned values: the share's denominator. */
  count: number;
}

/**
 * One line per series: its count in fine bins `[from, to)` and that count's
 * share of its binned values, e.g. "CheXpert: 1,204 (0.64%)".
 */
export function binShareLines(
  series: ReadonlyArray<ITooltipSeries>,
  from: number,
  to: number
): string[] {
  return series.map(s => {
    let n = 0;
    for (let i = Math.max(0, from); i < Math.min(to, s.counts.length); i++) {
      n += s.counts[i];
    }
    const share = s.count ? (100 * n) / s.count : 0;
    return `${s.name}: ${n.toLocaleString('en-US')} (${share.toFixed(2)}%)`;
  });
}

/** The tooltip element over a chart, placed by the pointer. */
export class Tooltip {
  /** The tooltip, hidden until a bin is hovered. */
  readonly node: HTMLElement;

  constructor() {
    this.node = h('div', {
      className: 'jp-chexmask-tooltip',
      attrs: { role: 'tooltip' }
    });
    this.node.style.display = 'none';
  }

  /**
   * Show a tooltip near the pointer, kept inside the chart's width.
   *
   * @param box - The chart's client rectangle.
   */
  show(tooltip: IBinTooltip, event: PointerEvent, box: DOMRect): void {
    const node = this.node;
    node.replaceChildren(
      h('div', { className: 'jp-chexmask-tooltip-title', text: tooltip.title }),
      ...tooltip.lines.map(text => h('div', { text }))
    );
    node.style.display = '';
    node.style.left = `${Math.min(event.clientX - box.left + 12, box.width - 220)}px`;
    node.style.top = `${event.clientY - box.top + 12}px`;
  }

  /** Hide it (the pointer left the bars). */
  hide(): void {
    this.node.style.display = 'none';
  }
}

/**
 * The chart's hover callback: show the tooltip `describe` makes for the
 * hovered drawn bin, placed within the chart; hide it off the bars.
 */
export function binHover(
  tooltip: Tooltip,
  chart: () => Element,
  describe: (bin: number) => IBinTooltip
): (bin: number | null, event: PointerEvent) => void {
  return (bin, event) => {
    if (bin === null) {
      tooltip.hide();
    } else {
      tooltip.show(describe(bin), event, chart().getBoundingClientRect());
    }
  };
}
