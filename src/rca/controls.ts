/**
 * The controls of an RCA histogram: score, layout, bin width, count axis
 * and threshold in a row, and a legend that shows or hides each dataset
 * (the parts every histogram has are `common/histogram-controls.ts`).
 */
import {
  countAxisChoice,
  h,
  labelled,
  labelledSelect,
  layoutChoice,
  seriesLegend,
  thresholdInput
} from '../common';
import { rebinFactors } from './bins';
import { IRcaPayload } from './payload';
import { IRcaState } from './state';
import { RcaScore } from './summary';

/** Callbacks of the controls. */
export interface IRcaControlHandlers {
  /** A choice changed the state. */
  change(patch: Partial<IRcaState>): void;
  /** A threshold was typed (not yet snapped to a bin edge). */
  threshold(value: number): void;
}

/**
 * The controls of a histogram (see the module's comment). They show the
 * state they are built with; only the threshold field follows later
 * changes, since the chart's handle moves the threshold too.
 */
export class RcaControls {
  /** The row of choices. */
  readonly node: HTMLElement;
  /** The dataset legend. */
  readonly legend: HTMLElement;
  private readonly _threshold: HTMLInputElement;

  /**
   * @param payload - The histogram's payload.
   * @param state - The state to show (read for the datasets hidden).
   * @param colors - Each dataset's colour.
   * @param handlers - Called on every change.
   */
  constructor(
    payload: IRcaPayload,
    state: IRcaState,
    colors: ReadonlyMap<string, string>,
    handlers: IRcaControlHandlers
  ) {
    this._threshold = thresholdInput({
      label: 'RCA threshold',
      min: 0,
      max: 1,
      step: 1 / payload.bins,
      onCommit: value => handlers.threshold(value)
    });
    this.node = h('div', { className: 'jp-chexmask-control-row' }, [
      labelledSelect<RcaScore>(
        'Score',
        [
          ['mean', 'Dice RCA (Mean)'],
          ['max', 'Dice RCA (Max)']
        ],
        state.score,
        score => handlers.change({ score })
      ),
      layoutChoice(state.layout, layout => handlers.change({ layout })),
      labelledSelect(
        'Bin width',
        rebinFactors(payload.bins).map(
          f => [String(f), String(+(f / payload.bins).toPrecision(3))] as const
        ),
        String(state.factor),
        factor => handlers.change({ factor: Number(factor) })
      ),
      countAxisChoice(state.logScale, logScale =>
        handlers.change({ logScale })
      ),
      labelled('Threshold', this._threshold)
    ]);
    this.legend = seriesLegend({
      label: 'Datasets',
      toggleClass: 'jp-chexmask-dataset-toggle',
      attribute: 'dataset',
      series: payload.datasets.map(d => ({
        name: d.name,
        color: colors.get(d.name) ?? '',
        after: [d.swapped ? Private.swappedWarning(d.swapped) : null]
      })),
      hidden: () => state.hidden,
      onHidden: hidden => handlers.change({ hidden })
    });
  }

  /** Show the threshold in its field. */
  setThreshold(threshold: number): void {
    this._threshold.value = threshold.toFixed(3);
  }
}

namespace Private {
  /** The warning beside a dataset with swapped Mean > Max rows. */
  export function swappedWarning(swapped: number): HTMLElement {
    return h('span', {
      className: 'jp-chexmask-warning jp-chexmask-swapped',
      text: `⚠ ${swapped.toLocaleString('en-US')} rows with Mean > Max (swapped export)`
    });
  }
}
