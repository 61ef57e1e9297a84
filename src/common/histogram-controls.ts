/**
 * The controls every histogram has (the RCA view's and the generic one's):
 * layout and count-axis choices, the threshold field, and a legend that
 * shows or hides each series.
 */
import { HistogramLayout } from './histogram-chart';
import { labelledSelect, numberInput } from './inputs';
import { legend, legendEntry } from './legend';

/** The Layout choice: overlaid, stacked or small multiples. */
export function layoutChoice(
  value: HistogramLayout,
  onChange: (layout: HistogramLayout) => void
): HTMLElement {
  return labelledSelect<HistogramLayout>(
    'Layout',
    [
      ['overlaid', 'Overlaid'],
      ['stacked', 'Stacked'],
      ['multiples', 'Small multiples']
    ],
    value,
    onChange
  );
}

/** The Count axis choice: linear or log. */
export function countAxisChoice(
  logScale: boolean,
  onChange: (logScale: boolean) => void
): HTMLElement {
  return labelledSelect(
    'Count axis',
    [
      ['linear', 'Linear'],
      ['log', 'Log']
    ],
    logScale ? 'log' : 'linear',
    scale => onChange(scale === 'log')
  );
}

/** The threshold's number field (committed on change or Enter). */
export function thresholdInput(options: {
  label: string;
  min: number;
  max: number;
  step: number;
  onCommit: (value: number) => void;
}): HTMLInputElement {
  return numberInput({ className: 'jp-chexmask-threshold-input', ...options });
}

/** One series of a legend: its name, colour and what follows the name. */
export interface ILegendSeries {
  name: string;
  color: string;
  after?: Array<Node | null>;
}

/**
 * A legend of series, each a checkbox that shows or hides it: `onHidden`
 * gets the new set of hidden names (a copy; the current set is never changed).
 *
 * @param attribute - The data attribute naming a toggle's series (`dataset`, `group`).
 */
export function seriesLegend(options: {
  label: string;
  toggleClass: string;
  attribute: string;
  series: ReadonlyArray<ILegendSeries>;
  /** The names hidden now (read at each toggle: the state outlives the legend). */
  hidden: () => ReadonlySet<string>;
  onHidden: (hidden: Set<string>) => void;
}): HTMLElement {
  return legend(
    options.label,
    options.series.map(
      s =>
        legendEntry({
          toggleClass: options.toggleClass,
          toggleAttrs: { [`data-${options.attribute}`]: s.name },
          label: `Show ${s.name}`,
          name: s.name,
          checked: !options.hidden().has(s.name),
          color: s.color,
          onChange: shown => {
            const hidden = new Set(options.hidden());
            if (shown) {
              hidden.delete(s.name);
            } else {
              hidden.add(s.name);
            }
            options.onHidden(hidden);
          },
          after: s.after
        }).node
    )
  );
}
