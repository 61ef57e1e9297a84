import { MaskSource, ORGANS, OrganKey } from '../core';
import { button, h } from '../common';
import { DrawMode } from '../settings';
import { IWindowLevel } from './xray';

/** The view state the controls edit. */
export interface IOverlayState {
  visible: Record<OrganKey, boolean>;
  opacity: number;
  mode: DrawMode;
  showLandmarks: boolean;
  showRatio: boolean;
  /**
   * Fill organs whose cell is empty from their landmark rings. Off by
   * default: an empty cell is an empty mask.
   */
  fromLandmarks: boolean;
  windowLevel: IWindowLevel;
}

/** Callbacks of the controls. */
export interface IControlHandlers {
  change(patch: Partial<IOverlayState>): void;
  zoomBy(factor: number): void;
  resetView(): void;
}

/**
 * The controls of the overlay: a legend with a toggle, swatch and area per
 * organ; opacity; filled/outline/both; landmarks; ratio lines; window/level
 * when there is an x-ray; zoom buttons. Every control is a native, labelled
 * form element, so it works from the keyboard and with screen readers.
 */
export class OverlayControls {
  readonly node: HTMLElement;
  private readonly _toggles = new Map<OrganKey, HTMLInputElement>();
  private readonly _swatches = new Map<OrganKey, HTMLElement>();
  private readonly _areas = new Map<OrganKey, HTMLElement>();
  private readonly _opacity: HTMLInputElement;
  private readonly _mode: HTMLSelectElement;
  private readonly _landmarks: HTMLInputElement;
  private readonly _ratio: HTMLInputElement;
  private readonly _fromLandmarks: HTMLInputElement;
  private readonly _legendItems = new Map<OrganKey, HTMLElement>();

  /**
   * @param canFill - Whether "Fill from landmarks" can change anything: the
   *   row has landmarks and at least one organ without an RLE mask.
   */
  constructor(
    state: IOverlayState,
    hasImage: boolean,
    hasLandmarks: boolean,
    canFill: boolean,
    handlers: IControlHandlers
  ) {
    const legend = h('div', {
      className: 'jp-chexmask-legend',
      attrs: { role: 'group', 'aria-label': 'Organs' }
    });
    for (const organ of ORGANS) {
      const toggle = h('input', {
        className: 'jp-chexmask-organ-toggle',
        attrs: {
          type: 'checkbox',
          'data-organ': organ.key,
          'aria-label': `Show ${organ.label}`
        }
      });
      toggle.checked = state.visible[organ.key];
      toggle.addEventListener('change', () =>
        handlers.change({
          visible: {
            ...currentVisible(this._toggles),
            [organ.key]: toggle.checked
          }
        })
      );
      const swatch = h('span', {
        className: 'jp-chexmask-swatch',
        attrs: { 'aria-hidden': 'true' }
      });
      const area = h('span', {
        className: 'jp-chexmask-area',
        attrs: { 'data-organ': organ.key }
      });
      this._toggles.set(organ.key, toggle);
      this._swatches.set(organ.key, swatch);
      this._areas.set(organ.key, area);
      const item = h(
        'label',
        {
          className: 'jp-chexmask-legend-item',
          attrs: { 'data-organ': organ.key }
        },
        [
          toggle,
          swatch,
          h('span', {
            className: 'jp-chexmask-organ-name',
            text: organ.label
          }),
          area
        ]
      );
      this._legendItems.set(organ.key, item);
      legend.appendChild(item);
    }

    this._opacity = h('input', {
      className: 'jp-chexmask-opacity',
      attrs: {
        type: 'range',
        min: '0',
        max: '1',
        step: '0.05',
        'aria-label': 'Mask opacity'
      }
    });
    this._opacity.value = String(state.opacity);
    this._opacity.addEventListener('input', () =>
      handlers.change({ opacity: Number(this._opacity.value) })
    );

    this._mode = h(
      'select',
      {
        className: 'jp-chexmask-mode',
        attrs: { 'aria-label': 'Draw masks as' }
      },
      [
        h('option', { text: 'Filled', attrs: { value: 'filled' } }),
        h('option', { text: 'Outline', attrs: { value: 'outline' } }),
        h('option', { text: 'Both', attrs: { value: 'both' } })
      ]
    );
    this._mode.value = state.mode;
    this._mode.addEventListener('change', () =>
      handlers.change({ mode: this._mode.value as DrawMode })
    );

    this._landmarks = checkbox(
      'jp-chexmask-show-landmarks',
      state.showLandmarks,
      'Show landmarks'
    );
    this._landmarks.disabled = !hasLandmarks;
    this._landmarks.addEventListener('change', () =>
      handlers.change({ showLandmarks: this._landmarks.checked })
    );
    this._ratio = checkbox(
      'jp-chexmask-show-ratio',
      state.showRatio,
      'Show cardiothoracic ratio widths'
    );
    this._ratio.addEventListener('change', () =>
      handlers.change({ showRatio: this._ratio.checked })
    );

    this._fromLandmarks = checkbox(
      'jp-chexmask-from-landmarks',
      state.fromLandmarks,
      'Fill organs without an RLE mask from their landmarks'
    );
    this._fromLandmarks.disabled = !canFill;
    this._fromLandmarks.addEventListener('change', () =>
      handlers.change({ fromLandmarks: this._fromLandmarks.checked })
    );

    const windowing: Node[] = [];
    if (hasImage) {
      const level = slider(
        'jp-chexmask-level',
        0,
        255,
        state.windowLevel.level,
        'X-ray brightness (level)'
      );
      const width = slider(
        'jp-chexmask-window',
        1,
        255,
        state.windowLevel.window,
        'X-ray contrast (window width)'
      );
      const update = (): void =>
        handlers.change({
          windowLevel: {
            level: 255 - Number(level.value),
            window: 256 - Number(width.value)
          }
        });
      // Sliders read as "more is brighter / more contrast".
      level.value = String(255 - state.windowLevel.level);
      width.value = String(256 - state.windowLevel.window);
      level.addEventListener('input', update);
      width.addEventListener('input', update);
      windowing.push(
        labelled('Brightness', level),
        labelled('Contrast', width)
      );
    }

    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      legend,
      h('div', { className: 'jp-chexmask-control-row' }, [
        labelled('Opacity', this._opacity),
        labelled('Draw', this._mode),
        labelled('Landmarks', this._landmarks),
        labelled('CTR lines', this._ratio),
        labelled('Fill from landmarks', this._fromLandmarks),
        ...windowing,
        h('span', { className: 'jp-chexmask-zoom-buttons' }, [
          button('+', 'Zoom in', () => handlers.zoomBy(1.5)),
          button('−', 'Zoom out', () => handlers.zoomBy(1 / 1.5)),
          button('Reset view', 'Reset zoom and pan', () => handlers.resetView())
        ])
      ])
    ]);
  }

  /** Show the state (after a settings change). */
  setState(state: IOverlayState): void {
    for (const [key, toggle] of this._toggles) {
      toggle.checked = state.visible[key];
    }
    this._opacity.value = String(state.opacity);
    this._mode.value = state.mode;
    this._landmarks.checked = state.showLandmarks;
    this._ratio.checked = state.showRatio;
    this._fromLandmarks.checked = state.fromLandmarks;
  }

  /**
   * Say where each organ's mask comes from, in the legend (`data-source`
   * is `rle`, `landmarks` or `empty`, for tests and assistive tools).
   */
  setSources(sources: Record<OrganKey, MaskSource>): void {
    for (const [key, item] of this._legendItems) {
      item.dataset.source = sources[key];
      item.title =
        sources[key] === 'rle'
          ? 'From its RLE mask'
          : sources[key] === 'landmarks'
            ? 'Filled from its landmarks (the row has no RLE mask for it)'
            : 'Empty: the row has no RLE mask for it';
    }
  }

  /** Put the keyboard focus back on "Fill from landmarks" (after a rebuild). */
  focusFromLandmarks(): void {
    this._fromLandmarks.focus({ preventScroll: true });
  }

  /** Swatch colours. */
  setColors(colors: Record<OrganKey, string>): void {
    for (const [key, swatch] of this._swatches) {
      swatch.style.background = colors[key];
    }
  }

  /** Area text per organ. */
  setArea(key: OrganKey, text: string): void {
    this._areas.get(key)!.textContent = text;
  }
}

function currentVisible(
  toggles: Map<OrganKey, HTMLInputElement>
): Record<OrganKey, boolean> {
  const visible = {} as Record<OrganKey, boolean>;
  for (const [key, toggle] of toggles) {
    visible[key] = toggle.checked;
  }
  return visible;
}

function checkbox(
  className: string,
  checked: boolean,
  label: string
): HTMLInputElement {
  const input = h('input', {
    className,
    attrs: { type: 'checkbox', 'aria-label': label }
  });
  input.checked = checked;
  return input;
}

function slider(
  className: string,
  min: number,
  max: number,
  value: number,
  label: string
): HTMLInputElement {
  const input = h('input', {
    className,
    attrs: {
      type: 'range',
      min: String(min),
      max: String(max),
      step: '1',
      'aria-label': label
    }
  });
  input.value = String(value);
  return input;
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  return h('label', { className: 'jp-chexmask-control' }, [
    h('span', { text }),
    control
  ]);
}
