/**
 * The tooltip of an RCA histogram: the hovered bin's range, and its count
 * and share of each visible dataset's values.
 */
import { h } from '../common';
import { IRcaPayload } from './payload';
import { IRcaState, visibleDatasets } from './state';

/** What the tooltip of a drawn bin says. */
export interface IBinTooltip {
  /** The bin's range, e.g. "[0.700, 0.710)". */
  title: string;
  /** One line per visible dataset: count and share of its values. */
  lines: string[];
}

/** The tooltip of drawn (merged) bin `bin` in the state's layout. */
export function binTooltip(
  payload: IRcaPayload,
  state: IRcaState,
  bin: number
): IBinTooltip {
  const coarse = payload.bins / state.factor;
  const low = bin / coarse;
  const high = (bin + 1) / coarse;
  const lines = visibleDatasets(payload, state).map(d => {
    const histogram = d[state.score];
    let n = 0;
    for (let i = bin * state.factor; i < (bin + 1) * state.factor; i++) {
      n += histogram.counts[i];
    }
    const share = histogram.count ? (100 * n) / histogram.count : 0;
    return `${d.name}: ${n.toLocaleString('en-US')} (${share.toFixed(2)}%)`;
  });
  return { title: `[${low.toFixed(3)}, ${high.toFixed(3)})`, lines };
}

/** The tooltip element over the chart, placed by the pointer. */
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
