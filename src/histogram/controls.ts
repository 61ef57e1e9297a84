/**
 * The controls of a histogram: layout, bin width, count axis, the side kept
 * and the threshold in a row, and a legend that shows or hides each group
 * (the parts every histogram has are `common/histogram-controls.ts`).
 */
import {
  countAxisChoice,
  h,
  KeepSide,
  labelled,
  labelledSelect,
  layoutChoice,
  seriesLegend,
  thresholdInput
} from '../common';
import { edgeValue, formatEdge, widthChoices } from './grid';
import { IHistogramPayload } from './payload';
import { IHistogramState } from './state';

/** Callbacks of the controls. */
export interface IHistogramControlHandlers {
  /** A choice changed the state. */
  change(patch: Partial<IHistogramState>): void;
  /** A threshold was typed (not yet snapped to an edge). */
  threshold(value: number): void;
}

/**
 * The controls (see the module's comment). They show the state they are
 * built with; only the threshold field follows later changes, since the
 * chart's handle moves the threshold too.
 */
export class HistogramControls {
  /** The row of choices. */
  readonly node: HTMLElement;
  /** The group legend. */
  readonly legend: HTMLElement;
  private readonly _threshold: HTMLInputElement;

  constructor(
    payload: IHistogramPayload,
    state: IHistogramState,
    colors: ReadonlyMap<string, string>,
    handlers: IHistogramControlHandlers
  ) {
    const { exponent, start, bins } = payload;
    this._threshold = thresholdInput({
      label: `${payload.column} threshold`,
      min: edgeValue(start, exponent),
      max: edgeValue(start + bins, exponent),
      step: edgeValue(1, exponent),
      onCommit: value => handlers.threshold(value)
    });
    this.node = h('div', { className: 'jp-chexmask-control-row' }, [
      layoutChoice(state.layout, layout => handlers.change({ layout })),
      labelledSelect(
        'Bin width',
        widthChoices(start, bins).map(
          f => [String(f), formatEdge(f, exponent)] as const
        ),
        String(state.factor),
        factor => handlers.change({ factor: Number(factor) })
      ),
      countAxisChoice(state.logScale, logScale =>
        handlers.change({ logScale })
      ),
      labelledSelect<KeepSide>(
        'Keep',
        [
          ['above', 'values ≥ threshold'],
          ['below', 'values < threshold']
        ],
        state.keep,
        keep => handlers.change({ keep })
      ),
      labelled('Threshold', this._threshold)
    ]);
    this.legend = seriesLegend({
      label: payload.by ?? 'Groups',
      toggleClass: 'jp-chexmask-group-toggle',
      attribute: 'group',
      series: payload.groups.map(g => ({
        name: g.name,
        color: colors.get(g.name) ?? ''
      })),
      hidden: () => state.hidden,
      onHidden: hidden => handlers.change({ hidden })
    });
  }

  /** Show the threshold in its field. */
  setThreshold(text: string): void {
    this._threshold.value = text;
  }
}
