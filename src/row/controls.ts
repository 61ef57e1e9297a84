/**
 * The controls of a row overlay: a legend with a toggle, swatch and area per
 * organ; opacity; filled/outline/both; landmarks; ratio lines; filling from
 * landmarks; window/level when there is an x-ray; zoom buttons; for a
 * CheXmask-U row, the uncertainty layer and its ellipses with the colour bar.
 */
import { MaskSource, ORGANS, OrganKey } from '../core';
import {
  checkbox,
  colorBar,
  colorSwatches,
  h,
  ILegendEntry,
  ISigmaScale,
  labelled,
  legend,
  legendEntry,
  select,
  slider,
  ZoomController,
  zoomButtons
} from '../common';
import { DrawMode } from '../settings';
import { IRowState } from './state';

/** What the row offers to control. */
export interface IRowControlOptions {
  /** Whether the payload has an x-ray (then brightness and contrast). */
  hasImage: boolean;
  /** Whether the row has landmarks to show. */
  hasLandmarks: boolean;
  /**
   * Whether "Fill from landmarks" can change anything: the row has
   * landmarks and at least one organ without an RLE mask.
   */
  canFill: boolean;
  /**
   * The σ colour scale of a CheXmask-U row (then the uncertainty controls
   * and colour bar), or `null` for a row without σ.
   */
  sigmaScale: ISigmaScale | null;
  /** The row's mean landmark σ in pixels, for the colour bar's title. */
  meanSigma: number | null;
}

/**
 * The controls of the overlay (see the module's comment). They report each
 * change as a patch of the state; the view applies it and shows it back
 * through {@link RowControls.setState}.
 */
export class RowControls {
  /** The controls' element. */
  readonly node: HTMLElement;
  private readonly _organs = new Map<OrganKey, ILegendEntry>();
  private readonly _areas = new Map<OrganKey, HTMLElement>();
  private readonly _opacity: HTMLInputElement;
  private readonly _mode: HTMLSelectElement;
  private readonly _landmarks: HTMLInputElement;
  private readonly _ratio: HTMLInputElement;
  private readonly _fromLandmarks: HTMLInputElement;
  private readonly _uncertainty: HTMLInputElement | null = null;
  private readonly _ellipses: HTMLInputElement | null = null;

  /**
   * @param state - The state to show first.
   * @param options - What the row offers.
   * @param zoom - The stage's zoom, for the zoom buttons.
   * @param change - Called with each change.
   */
  constructor(
    state: IRowState,
    options: IRowControlOptions,
    zoom: ZoomController,
    change: (patch: Partial<IRowState>) => void
  ) {
    for (const organ of ORGANS) {
      const area = h('span', {
        className: 'jp-chexmask-area',
        attrs: { 'data-organ': organ.key }
      });
      const entry = legendEntry({
        toggleClass: 'jp-chexmask-organ-toggle',
        toggleAttrs: { 'data-organ': organ.key },
        entryAttrs: { 'data-organ': organ.key },
        label: `Show ${organ.label}`,
        name: organ.label,
        nameClass: 'jp-chexmask-organ-name',
        checked: state.visible[organ.key],
        onChange: () => change({ visible: this._visible() }),
        after: [area]
      });
      this._organs.set(organ.key, entry);
      this._areas.set(organ.key, area);
    }
    this._opacity = slider({
      className: 'jp-chexmask-opacity',
      label: 'Mask opacity',
      min: 0,
      max: 1,
      step: 0.05,
      value: state.opacity,
      onInput: opacity => change({ opacity })
    });
    this._mode = select<DrawMode>({
      className: 'jp-chexmask-mode',
      label: 'Draw masks as',
      choices: [
        ['filled', 'Filled'],
        ['outline', 'Outline'],
        ['both', 'Both']
      ],
      value: state.mode,
      onChange: mode => change({ mode })
    });
    const toggle = (key: Private.SwitchKey, className: string, label: string) =>
      checkbox({
        className,
        label,
        checked: state[key],
        onChange: checked => change({ [key]: checked })
      });
    this._landmarks = toggle(
      'showLandmarks',
      'jp-chexmask-show-landmarks',
      'Show landmarks'
    );
    this._landmarks.disabled = !options.hasLandmarks;
    this._ratio = toggle(
      'showRatio',
      'jp-chexmask-show-ratio',
      'Show cardiothoracic ratio widths'
    );
    this._fromLandmarks = toggle(
      'fromLandmarks',
      'jp-chexmask-from-landmarks',
      'Fill organs without an RLE mask from their landmarks'
    );
    this._fromLandmarks.disabled = !options.canFill;
    let uncertainty: HTMLElement | null = null;
    if (options.sigmaScale) {
      this._uncertainty = toggle(
        'showUncertainty',
        'jp-chexmask-show-uncertainty',
        'Colour landmarks by their uncertainty (σx + σy) / 2'
      );
      this._ellipses = toggle(
        'showEllipses',
        'jp-chexmask-show-ellipses',
        'Draw each landmark’s 1σ ellipse'
      );
      uncertainty = h(
        'div',
        {
          className: 'jp-chexmask-control-row jp-chexmask-uncertainty-controls'
        },
        [
          labelled('Uncertainty', this._uncertainty),
          labelled('1σ ellipses', this._ellipses),
          Private.sigmaBar(options.sigmaScale, options.meanSigma)
        ]
      );
    }

    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      legend(
        'Organs',
        [...this._organs.values()].map(entry => entry.node)
      ),
      h('div', { className: 'jp-chexmask-control-row' }, [
        labelled('Opacity', this._opacity),
        labelled('Draw', this._mode),
        labelled('Landmarks', this._landmarks),
        labelled('CTR lines', this._ratio),
        labelled('Fill from landmarks', this._fromLandmarks),
        ...(options.hasImage ? Private.windowing(state, change) : []),
        zoomButtons(zoom)
      ]),
      uncertainty
    ]);
  }

  /** Show the state (after a settings change). */
  setState(state: IRowState): void {
    for (const [key, entry] of this._organs) {
      entry.toggle.checked = state.visible[key];
    }
    this._opacity.value = String(state.opacity);
    this._mode.value = state.mode;
    this._landmarks.checked = state.showLandmarks;
    this._ratio.checked = state.showRatio;
    this._fromLandmarks.checked = state.fromLandmarks;
    if (this._uncertainty && this._ellipses) {
      this._uncertainty.checked = state.showUncertainty;
      this._ellipses.checked = state.showEllipses;
      this._ellipses.disabled = !state.showUncertainty;
    }
  }

  /**
   * Say where each organ's mask comes from, in the legend (`data-source`
   * is `rle`, `landmarks` or `empty`, for tests and assistive tools).
   */
  setSources(sources: Record<OrganKey, MaskSource>): void {
    for (const [key, entry] of this._organs) {
      entry.node.dataset.source = sources[key];
      entry.node.title = Private.SOURCE_TITLES[sources[key]];
    }
  }

  /** Put the keyboard focus back on "Fill from landmarks" (after a rebuild). */
  focusFromLandmarks(): void {
    this._fromLandmarks.focus({ preventScroll: true });
  }

  /** Swatch colours. */
  setColors(colors: Record<OrganKey, string>): void {
    colorSwatches(this._organs, colors);
  }

  /** Area text per organ. */
  setArea(key: OrganKey, text: string): void {
    const area = this._areas.get(key);
    if (area) {
      area.textContent = text;
    }
  }

  /** Which organs the toggles show. */
  private _visible(): Record<OrganKey, boolean> {
    const visible = {} as Record<OrganKey, boolean>;
    for (const [key, entry] of this._organs) {
      visible[key] = entry.toggle.checked;
    }
    return visible;
  }
}

namespace Private {
  /** The state's on/off switches. */
  export type SwitchKey =
    | 'showLandmarks'
    | 'showRatio'
    | 'fromLandmarks'
    | 'showUncertainty'
    | 'showEllipses';

  /** The colour bar of the uncertainty layer, titled with the row's mean σ. */
  export function sigmaBar(
    scale: ISigmaScale,
    mean: number | null
  ): HTMLElement {
    const title =
      'Landmark σ, (σx + σy) / 2' +
      (mean === null ? '' : `: mean ${mean.toFixed(2)} px`);
    return h('span', { className: 'jp-chexmask-sigma-legend' }, [
      h('span', { className: 'jp-chexmask-sigma-title', text: title }),
      colorBar(scale, 'Landmark σ')
    ]);
  }

  /** What a legend entry's tooltip says of where its mask comes from. */
  export const SOURCE_TITLES: Record<MaskSource, string> = {
    rle: 'From its RLE mask',
    landmarks: 'Filled from its landmarks (the row has no RLE mask for it)',
    empty: 'Empty: the row has no RLE mask for it'
  };

  /**
   * Brightness and contrast of the x-ray. The sliders read as "more is
   * brighter / more contrast", the reverse of level and window width.
   */
  export function windowing(
    state: IRowState,
    change: (patch: Partial<IRowState>) => void
  ): HTMLElement[] {
    const update = (): void =>
      change({
        windowLevel: {
          level: 255 - Number(level.value),
          window: 256 - Number(width.value)
        }
      });
    const level = slider({
      className: 'jp-chexmask-level',
      label: 'X-ray brightness (level)',
      min: 0,
      max: 255,
      step: 1,
      value: 255 - state.windowLevel.level,
      onInput: update
    });
    const width = slider({
      className: 'jp-chexmask-window',
      label: 'X-ray contrast (window width)',
      min: 1,
      max: 255,
      step: 1,
      value: 256 - state.windowLevel.window,
      onInput: update
    });
    return [labelled('Brightness', level), labelled('Contrast', width)];
  }
}
