/**
 * The controls of a comparison: the display mode; a legend with a toggle and
 * swatch per organ; the agreement colours, named; opacity; the blend and
 * swipe sliders (native ranges, so arrow keys, Home and End move them); zoom.
 */
import { ORGANS, OrganKey } from '../core';
import {
  colorSwatches,
  h,
  ILegendEntry,
  labelled,
  legend,
  legendEntry,
  select,
  slider,
  toHex,
  ZoomController,
  zoomButtons
} from '../common';
import {
  AGREEMENT_CLASSES,
  AGREEMENT_COLORS,
  agreementClassText,
  AgreementClass
} from './agreement-colors';
import { CompareMode, ICompareState } from './state';

/**
 * The controls (see the module's comment). They report each change as a
 * patch of the state; the view applies it and shows it back through
 * {@link CompareControls.setState}.
 */
export class CompareControls {
  /** The controls' element. */
  readonly node: HTMLElement;
  private readonly _organs = new Map<OrganKey, ILegendEntry>();
  private readonly _classes = new Map<AgreementClass, HTMLElement>();
  private readonly _mode: HTMLSelectElement;
  private readonly _opacity: HTMLInputElement;
  private readonly _blend: HTMLInputElement;
  private readonly _swipe: HTMLInputElement;

  /**
   * @param _labels - The sources' names, A then B.
   * @param state - The state to show first.
   * @param zoom - The stage's zoom, for the zoom buttons.
   * @param change - Called with each change.
   */
  constructor(
    private readonly _labels: [string, string],
    state: ICompareState,
    zoom: ZoomController,
    change: (patch: Partial<ICompareState>) => void
  ) {
    const [la, lb] = _labels;
    this._mode = select<CompareMode>({
      className: 'jp-chexmask-compare-mode',
      label: 'Show',
      choices: [
        ['agreement', 'Agreement map'],
        ['a', `A: ${la}`],
        ['b', `B: ${lb}`],
        ['outlines', 'Both outlined'],
        ['blend', 'Blend A and B'],
        ['swipe', 'Swipe between A and B']
      ],
      value: state.mode,
      onChange: mode => change({ mode })
    });
    for (const organ of ORGANS) {
      this._organs.set(
        organ.key,
        legendEntry({
          toggleClass: 'jp-chexmask-organ-toggle',
          toggleAttrs: { 'data-organ': organ.key },
          entryAttrs: { 'data-organ': organ.key },
          label: `Show ${organ.label}`,
          name: organ.label,
          checked: state.visible[organ.key],
          onChange: () => change({ visible: this._visible() })
        })
      );
    }
    for (const kind of AGREEMENT_CLASSES) {
      const swatch = h('span', {
        className: 'jp-chexmask-swatch',
        attrs: { 'aria-hidden': 'true' }
      });
      swatch.style.background = toHex(AGREEMENT_COLORS[kind].rgb);
      this._classes.set(
        kind,
        h(
          'span',
          {
            className: 'jp-chexmask-legend-item jp-chexmask-agreement-class',
            attrs: { 'data-class': kind }
          },
          [swatch, h('span', { className: 'jp-chexmask-class-name' })]
        )
      );
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
    this._blend = slider({
      className: 'jp-chexmask-blend',
      label: `Blend: 0 shows A (${la}), 1 shows B (${lb})`,
      min: 0,
      max: 1,
      step: 0.05,
      value: state.blend,
      onInput: blend => change({ blend })
    });
    this._swipe = slider({
      className: 'jp-chexmask-swipe',
      label: `Swipe divider: A (${la}) on its left, B (${lb}) on its right`,
      min: 0,
      max: 1,
      step: 0.01,
      value: state.swipe,
      onInput: swipe => change({ swipe })
    });
    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      h('div', { className: 'jp-chexmask-control-row' }, [
        labelled('Show', this._mode),
        labelled('Opacity', this._opacity),
        labelled('Blend', this._blend),
        labelled('Swipe', this._swipe),
        zoomButtons(zoom)
      ]),
      legend(
        'Organs',
        [...this._organs.values()].map(entry => entry.node)
      ),
      legend(
        'Colours',
        [...this._classes.values()],
        'jp-chexmask-agreement-legend'
      )
    ]);
    this.setState(state);
  }

  /** Show the state (after a change or a settings change). */
  setState(state: ICompareState): void {
    for (const [key, entry] of this._organs) {
      entry.toggle.checked = state.visible[key];
    }
    this._mode.value = state.mode;
    this._opacity.value = String(state.opacity);
    this._blend.value = String(state.blend);
    this._swipe.value = String(state.swipe);
    this._blend.disabled = state.mode !== 'blend';
    this._swipe.disabled = state.mode !== 'swipe';
    this._opacity.disabled = state.mode === 'outlines';
    this._describeColors(state.mode);
  }

  /** Organ swatch colours (from the settings). */
  setColors(colors: Record<OrganKey, string>): void {
    colorSwatches(this._organs, colors);
  }

  /**
   * Name the colours for the mode: the agreement classes, or, with both
   * outlined, each source's outline colour; hidden for one source alone.
   */
  private _describeColors(mode: CompareMode): void {
    const [la, lb] = this._labels;
    for (const [kind, node] of this._classes) {
      const name = AGREEMENT_COLORS[kind].name;
      const text =
        mode === 'outlines'
          ? kind === 'both'
            ? ''
            : `${kind === 'onlyA' ? la : lb} outline (${name})`
          : `${agreementClassText(kind, this._labels)} (${name})`;
      node.querySelector('.jp-chexmask-class-name')!.textContent = text;
      node.hidden =
        text === '' || (mode !== 'agreement' && mode !== 'outlines');
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
