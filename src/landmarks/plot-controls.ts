import { ORGANS, OrganKey } from '../core';
import { button, h } from '../common';
import { ILandmarkGroup } from './model';

/** The layers a plot can show or hide. */
export type LayerKey =
  'contours' | 'mean' | 'ellipses' | 'groupMeans' | 'masks';

/** Labels of the layer switches. */
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
  zoomBy(factor: number): void;
  resetView(): void;
}

/** What the controls offer and their first state. */
export interface IPlotControlOptions {
  /** Groups with a toggle each (none for a one-row plot). */
  groups: ILandmarkGroup[];
  /** The legend's name for the groups, e.g. "dataset". */
  groupBy: string | null;
  /** Layer switches offered, with their first state. */
  layers: Partial<Record<LayerKey, boolean>>;
}

/**
 * The controls of a landmark plot: a toggle and swatch per organ (colours
 * from the settings), a toggle, swatch and row count per group, layer
 * switches and zoom buttons. Native labelled form elements, so everything
 * works from the keyboard and with screen readers.
 */
export class PlotControls {
  /** The controls' element. */
  readonly node: HTMLElement;
  private readonly _swatches = new Map<OrganKey, HTMLElement>();

  /**
   * @param options - Groups and layer switches to offer.
   * @param handlers - Called on every change.
   */
  constructor(options: IPlotControlOptions, handlers: IPlotControlHandlers) {
    const organs = h('div', {
      className: 'jp-chexmask-legend',
      attrs: { role: 'group', 'aria-label': 'Organs' }
    });
    for (const organ of ORGANS) {
      const swatch = Private.swatch();
      this._swatches.set(organ.key, swatch);
      organs.appendChild(
        Private.toggle(
          'jp-chexmask-lm-organ-toggle',
          { 'data-organ': organ.key },
          `Show ${organ.label}`,
          true,
          v => handlers.organ(organ.key, v),
          [
            swatch,
            h('span', {
              text: `${organ.label} (${organ.start}–${organ.end - 1})`
            })
          ]
        )
      );
    }

    const groups =
      options.groups.length > 0
        ? h(
            'div',
            {
              className: 'jp-chexmask-legend jp-chexmask-lm-groups',
              attrs: {
                role: 'group',
                'aria-label': options.groupBy
                  ? `Groups by ${options.groupBy}`
                  : 'Rows'
              }
            },
            [
              options.groupBy
                ? h('span', {
                    className: 'jp-chexmask-lm-group-by',
                    text: `${options.groupBy}:`
                  })
                : null,
              ...options.groups.map((group, i) => {
                const swatch = Private.swatch();
                swatch.style.background = group.color;
                return Private.toggle(
                  'jp-chexmask-lm-group-toggle',
                  { 'data-group': group.name },
                  `Show ${group.name}`,
                  true,
                  v => handlers.group(i, v),
                  [
                    swatch,
                    h('span', { text: group.name }),
                    h('span', {
                      className: 'jp-chexmask-lm-count',
                      text: `(${group.rows.length.toLocaleString('en-US')})`
                    })
                  ]
                );
              })
            ]
          )
        : null;

    const layers = (Object.keys(LAYER_LABELS) as LayerKey[])
      .filter(key => options.layers[key] !== undefined)
      .map(key =>
        Private.toggle(
          'jp-chexmask-lm-layer-toggle',
          { 'data-layer': key },
          `Show ${LAYER_LABELS[key].toLowerCase()}`,
          options.layers[key]!,
          v => handlers.layer(key, v),
          [h('span', { text: LAYER_LABELS[key] })]
        )
      );

    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      organs,
      groups,
      h('div', { className: 'jp-chexmask-control-row' }, [
        ...layers,
        h('span', { className: 'jp-chexmask-zoom-buttons' }, [
          button('+', 'Zoom in', () => handlers.zoomBy(1.5)),
          button('−', 'Zoom out', () => handlers.zoomBy(1 / 1.5)),
          button('Reset view', 'Reset zoom and pan', () => handlers.resetView())
        ])
      ])
    ]);
  }

  /** Organ swatch colours (from the settings). */
  setColors(colors: Record<OrganKey, string>): void {
    for (const [key, swatch] of this._swatches) {
      swatch.style.background = colors[key];
    }
  }
}

namespace Private {
  /** A colour swatch. */
  export function swatch(): HTMLElement {
    return h('span', {
      className: 'jp-chexmask-swatch',
      attrs: { 'aria-hidden': 'true' }
    });
  }

  /** A labelled checkbox calling `on` with its new state. */
  export function toggle(
    className: string,
    attrs: Record<string, string>,
    label: string,
    checked: boolean,
    on: (checked: boolean) => void,
    children: Node[]
  ): HTMLElement {
    const input = h('input', {
      className,
      attrs: { type: 'checkbox', 'aria-label': label, ...attrs }
    });
    input.checked = checked;
    input.addEventListener('change', () => on(input.checked));
    return h('label', { className: 'jp-chexmask-legend-item', attrs }, [
      input,
      ...children
    ]);
  }
}
