/**
 * The controls of a landmark plot: a toggle and swatch per organ (colours
 * from the settings), a toggle, swatch and row count per group, layer
 * switches, zoom buttons and, when rows carry CheXmask-U's σ, a choice to
 * colour them by it with its colour bar.
 */
import { ORGANS, OrganKey } from '../core';
import {
  colorBar,
  colorSwatches,
  h,
  ILegendEntry,
  ISigmaScale,
  labelled,
  legend,
  legendEntry,
  select,
  ZoomController,
  zoomButtons
} from '../common';
import { ILandmarkGroup, ILandmarkModel } from './model';
import { ColorBy } from './sigma';
import { LayerKey } from './state';

/** Labels of the layer switches, in the order they are offered. */
const LAYER_LABELS: Record<LayerKey, string> = {
  contours: 'Contours',
  mean: 'Mean shape',
  ellipses: '1σ ellipses',
  groupMeans: 'Group means',
  masks: 'Masks'
};

/** Callbacks of the controls. */
export interface IPlotControlHandlers {
  organ(key: OrganKey, visible: boolean): void;
  group(index: number, visible: boolean): void;
  layer(key: LayerKey, visible: boolean): void;
  colorBy(mode: ColorBy): void;
}

/** What the controls offer and their first state. */
export interface IPlotControlOptions {
  /** Groups with a toggle each (none for a one-row plot). */
  groups: ILandmarkGroup[];
  /** The legend's name for the groups, e.g. "dataset". */
  groupBy: string | null;
  /** Layer switches offered, with their first state. */
  layers: Partial<Record<LayerKey, boolean>>;
  /**
   * The scale of the rows' mean σ when the plot can be coloured by it (a
   * many-row plot whose rows carry CheXmask-U's σ), else `null`.
   */
  sigmaScale: ISigmaScale | null;
}

/**
 * What a plot's controls offer. A one-row plot: no groups, no colouring by
 * σ, and a masks switch when it has masks. A many-row plot: its groups, the
 * cloud's layers (group means, off at first, when there are groups to
 * compare) and σ when its rows carry it.
 *
 * @param masks - Whether the plot has a mask underlay.
 */
export function plotControlOptions(
  model: ILandmarkModel,
  masks: boolean
): IPlotControlOptions {
  const single = model.rows.length === 1;
  return {
    groups: single ? [] : model.groups,
    groupBy: model.groupBy,
    layers: Private.layersOffered(model, single, masks),
    sigmaScale: single ? null : model.sigmaScale
  };
}

/** The controls of a landmark plot (see the module's comment). */
export class PlotControls {
  /** The controls' element. */
  readonly node: HTMLElement;
  private readonly _organs = new Map<OrganKey, ILegendEntry>();
  /** The σ colour bar, shown while the plot is coloured by σ. */
  private readonly _sigmaBar: HTMLElement | null = null;
  private readonly _colorBy: HTMLSelectElement | null = null;

  /**
   * @param options - Groups and layer switches to offer.
   * @param zoom - The plot area's zoom, for the zoom buttons.
   * @param handlers - Called on every change.
   */
  constructor(
    options: IPlotControlOptions,
    zoom: ZoomController,
    handlers: IPlotControlHandlers
  ) {
    for (const organ of ORGANS) {
      const attrs = { 'data-organ': organ.key };
      this._organs.set(
        organ.key,
        legendEntry({
          toggleClass: 'jp-chexmask-lm-organ-toggle',
          toggleAttrs: attrs,
          entryAttrs: attrs,
          label: `Show ${organ.label}`,
          name: `${organ.label} (${organ.start}–${organ.end - 1})`,
          onChange: v => handlers.organ(organ.key, v)
        })
      );
    }
    const layers = (Object.keys(LAYER_LABELS) as LayerKey[])
      .filter(key => options.layers[key] !== undefined)
      .map(key => {
        const attrs = { 'data-layer': key };
        return legendEntry({
          toggleClass: 'jp-chexmask-lm-layer-toggle',
          toggleAttrs: attrs,
          entryAttrs: attrs,
          label: `Show ${LAYER_LABELS[key].toLowerCase()}`,
          name: LAYER_LABELS[key],
          checked: options.layers[key],
          color: null,
          onChange: v => handlers.layer(key, v)
        }).node;
      });
    if (options.sigmaScale) {
      this._colorBy = select<ColorBy>({
        className: 'jp-chexmask-lm-color-by',
        label: 'Colour rows by',
        choices: [
          ['group', options.groupBy ? `Group (${options.groupBy})` : 'Group'],
          ['sigma', 'Landmark σ (CheXmask-U)']
        ],
        value: 'group',
        onChange: mode => handlers.colorBy(mode)
      });
      this._sigmaBar = h('span', { className: 'jp-chexmask-sigma-legend' }, [
        h('span', {
          className: 'jp-chexmask-sigma-title',
          text: 'Row mean σ, (σx + σy) / 2; grey: no σ'
        }),
        colorBar(options.sigmaScale, 'Row mean landmark σ')
      ]);
      this._sigmaBar.hidden = true;
    }
    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      legend(
        'Organs',
        [...this._organs.values()].map(entry => entry.node)
      ),
      options.groups.length > 0 ? Private.groupLegend(options, handlers) : null,
      h('div', { className: 'jp-chexmask-control-row' }, [
        ...layers,
        this._colorBy ? labelled('Colour by', this._colorBy) : null,
        this._sigmaBar,
        zoomButtons(zoom)
      ])
    ]);
  }

  /** Show what the rows are coloured by, with the σ colour bar when by σ. */
  setColorBy(mode: ColorBy): void {
    if (this._colorBy && this._sigmaBar) {
      this._colorBy.value = mode;
      this._sigmaBar.hidden = mode !== 'sigma';
    }
  }

  /** Organ swatch colours (from the settings). */
  setColors(colors: Record<OrganKey, string>): void {
    colorSwatches(this._organs, colors);
  }
}

namespace Private {
  /** The layer switches a plot offers, with their first state. */
  export function layersOffered(
    model: ILandmarkModel,
    single: boolean,
    masks: boolean
  ): Partial<Record<LayerKey, boolean>> {
    if (single) {
      return masks ? { masks: true } : {};
    }
    return {
      contours: true,
      mean: true,
      ellipses: true,
      ...(model.groups.length > 1 ? { groupMeans: false } : {})
    };
  }

  /** The legend of the groups: a toggle, swatch and row count each. */
  export function groupLegend(
    options: IPlotControlOptions,
    handlers: IPlotControlHandlers
  ): HTMLElement {
    const { groupBy } = options;
    return legend(
      groupBy ? `Groups by ${groupBy}` : 'Rows',
      [
        groupBy
          ? h('span', {
              className: 'jp-chexmask-lm-group-by',
              text: `${groupBy}:`
            })
          : null,
        ...options.groups.map((group, i) => {
          const attrs = { 'data-group': group.name };
          return legendEntry({
            toggleClass: 'jp-chexmask-lm-group-toggle',
            toggleAttrs: attrs,
            entryAttrs: attrs,
            label: `Show ${group.name}`,
            name: group.name,
            color: group.color,
            onChange: v => handlers.group(i, v),
            after: [
              h('span', {
                className: 'jp-chexmask-lm-count',
                text: `(${group.rows.length.toLocaleString('en-US')})`
              })
            ]
          }).node;
        })
      ],
      'jp-chexmask-lm-groups'
    );
  }
}
