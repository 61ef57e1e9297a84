import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { schemeTableau10 } from 'd3';
import {
  h,
  PayloadView,
  standaloneSvg,
  svgPicture,
  themeBackground
} from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { rebin, rebinFactors, snapToEdge } from './bins';
import { HistogramChart, RcaLayout } from './histogram-chart';
import { IRcaPayload, parseRcaPayload } from './payload';
import { RcaTable } from './rca-table';
import { RcaScore, summarize } from './summary';

/** CSS class of the RCA view. */
export const RCA_VIEW_CLASS = 'jp-chexmask-RcaView';

/** What the controls choose. */
interface IRcaState {
  score: RcaScore;
  layout: RcaLayout;
  logScale: boolean;
  factor: number;
  threshold: number;
  hidden: Set<string>;
  /** Whether the user moved the threshold (then settings no longer move it). */
  thresholdTouched: boolean;
}

/**
 * Histograms of the RCA quality scores per dataset, with a threshold that
 * can be dragged, typed or moved by keyboard and a live table of what it
 * keeps. Re-binning is exact (fine-bin counts only add).
 */
export class RcaHistogramView extends PayloadView<IRcaPayload> {
  private _payload: IRcaPayload | null = null;
  private _state: IRcaState | null = null;
  private _chart: HistogramChart | null = null;
  private _table: RcaTable | null = null;
  private _input: HTMLInputElement | null = null;
  private _tooltip: HTMLElement | null = null;
  private _colors = new Map<string, string>();
  private _resize: ResizeObserver | null = null;
  private _width = 0;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, RCA_VIEW_CLASS, 'this RCA histogram');
  }

  protected parse(data: unknown): IRcaPayload {
    return parseRcaPayload(data);
  }

  protected build(payload: IRcaPayload): void {
    this._payload = payload;
    this._build(payload);
  }

  /** The chart as shown (datasets, layout, threshold), for exports. */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this._chart
      ? svgPicture(this._chart.node, themeBackground(this.node))
      : null;
  }

  protected readonly exportsSvg = true;

  /** The chart as shown, as a standalone SVG over the theme's background. */
  protected async svgDocument(): Promise<string | null> {
    return this._chart
      ? standaloneSvg(this._chart.node, themeBackground(this.node)).text
      : null;
  }

  protected fileName(): string {
    return 'chexmask-rca-histogram';
  }

  /** Datasets, rows, the threshold and what it keeps, in words. */
  protected altText(): string {
    const payload = this._payload;
    const state = this._state;
    if (!payload || !state) {
      return '';
    }
    const score = state.score === 'mean' ? 'Dice RCA (Mean)' : 'Dice RCA (Max)';
    const kept = payload.datasets
      .map(d => {
        const s = summarize(d, state.score, state.threshold);
        const share =
          s.keptShare === null
            ? 'no values'
            : `${(s.keptShare * 100).toFixed(1)}% kept`;
        return `${d.name} ${d.rows.toLocaleString('en-US')} rows, ${share}`;
      })
      .join('; ');
    return `Histogram of ${score} per dataset at threshold ${state.threshold.toFixed(3)}: ${kept}.`;
  }

  /** The picture changes with the layout, scale, bins and hidden datasets. */
  protected pictureKey(): string {
    const state = this._state;
    return JSON.stringify([
      state && { ...state, hidden: [...state.hidden] },
      this._width,
      this.altText()
    ]);
  }

  protected forget(): void {
    this._state = null;
  }

  protected clear(): void {
    this._resize?.disconnect();
    this._resize = null;
    super.clear();
  }

  private _build(payload: IRcaPayload): void {
    const settings = this.settings.current;
    const factors = rebinFactors(payload.bins);
    // Start near 100 bins: fine enough to see shape, coarse enough to read.
    const factor = factors.reduce((best, f) =>
      Math.abs(payload.bins / f - 100) < Math.abs(payload.bins / best - 100)
        ? f
        : best
    );
    // A view painted again after scrolling back keeps what the user set.
    this._state ??= {
      score: 'mean',
      layout: 'overlaid',
      logScale: false,
      factor,
      threshold: snapToEdge(settings.rcaThreshold, payload.bins),
      hidden: new Set(),
      thresholdTouched: false
    };
    payload.datasets.forEach((d, i) =>
      this._colors.set(d.name, schemeTableau10[i % 10])
    );

    const select = (
      label: string,
      options: Array<[string, string]>,
      value: string,
      on: (v: string) => void
    ) => {
      const element = h(
        'select',
        { attrs: { 'aria-label': label } },
        options.map(([v, text]) => h('option', { text, attrs: { value: v } }))
      );
      element.value = value;
      element.addEventListener('change', () => on(element.value));
      return h('label', { className: 'jp-chexmask-control' }, [
        h('span', { text: label }),
        element
      ]);
    };
    this._input = h('input', {
      className: 'jp-chexmask-threshold-input',
      attrs: {
        type: 'number',
        min: '0',
        max: '1',
        step: String(1 / payload.bins),
        'aria-label': 'RCA threshold'
      }
    });
    const commit = (): void => {
      const value = Number(this._input!.value);
      if (this._input!.value !== '' && Number.isFinite(value)) {
        this._setThreshold(value);
      }
    };
    this._input.addEventListener('change', commit);
    this._input.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        commit();
      }
    });
    const controls = h('div', { className: 'jp-chexmask-control-row' }, [
      select(
        'Score',
        [
          ['mean', 'Dice RCA (Mean)'],
          ['max', 'Dice RCA (Max)']
        ],
        'mean',
        v => this._update({ score: v as RcaScore })
      ),
      select(
        'Layout',
        [
          ['overlaid', 'Overlaid'],
          ['stacked', 'Stacked'],
          ['multiples', 'Small multiples']
        ],
        'overlaid',
        v => this._update({ layout: v as RcaLayout })
      ),
      select(
        'Bin width',
        factors.map(f => [
          String(f),
          String(+(f / payload.bins).toPrecision(3))
        ]),
        String(factor),
        v => this._update({ factor: Number(v) })
      ),
      select(
        'Count axis',
        [
          ['linear', 'Linear'],
          ['log', 'Log']
        ],
        'linear',
        v => this._update({ logScale: v === 'log' })
      ),
      h('label', { className: 'jp-chexmask-control' }, [
        h('span', { text: 'Threshold' }),
        this._input
      ])
    ]);
    const legend = h(
      'div',
      {
        className: 'jp-chexmask-legend',
        attrs: { role: 'group', 'aria-label': 'Datasets' }
      },
      payload.datasets.map(d => {
        const toggle = h('input', {
          className: 'jp-chexmask-dataset-toggle',
          attrs: {
            type: 'checkbox',
            'data-dataset': d.name,
            'aria-label': `Show ${d.name}`
          }
        });
        toggle.checked = true;
        toggle.addEventListener('change', () => {
          const hidden = new Set(this._state!.hidden);
          if (toggle.checked) {
            hidden.delete(d.name);
          } else {
            hidden.add(d.name);
          }
          this._update({ hidden });
        });
        const swatch = h('span', {
          className: 'jp-chexmask-swatch',
          attrs: { 'aria-hidden': 'true' }
        });
        swatch.style.background = this._colors.get(d.name)!;
        return h('label', { className: 'jp-chexmask-legend-item' }, [
          toggle,
          swatch,
          h('span', { text: d.name }),
          d.swapped
            ? h('span', {
                className: 'jp-chexmask-warning jp-chexmask-swapped',
                text: `⚠ ${d.swapped.toLocaleString('en-US')} rows with Mean > Max (swapped export)`
              })
            : null
        ]);
      })
    );
    this._chart = new HistogramChart(
      t => this._setThreshold(t),
      (bin, event) => this._hover(bin, event)
    );
    this._table = new RcaTable(
      payload.datasets.map(d => d.name),
      this._colors
    );
    this._tooltip = h('div', {
      className: 'jp-chexmask-tooltip',
      attrs: { role: 'tooltip' }
    });
    this._tooltip.style.display = 'none';
    const chartBox = h('div', { className: 'jp-chexmask-rca-chart-box' }, [
      this._chart.node,
      this._tooltip
    ]);
    this.node.append(
      payload.title
        ? h('div', { className: 'jp-chexmask-title', text: payload.title })
        : '',
      h('div', {
        className: 'jp-chexmask-rca-caption',
        text: `${payload.datasets.reduce((n, d) => n + d.rows, 0).toLocaleString('en-US')} rows in ${payload.datasets.length} dataset(s); ${payload.bins} fine bins over [0, 1]`
      }),
      controls,
      legend,
      chartBox,
      this._table.node
    );
    this._width = 0;
    this._draw();
    this._resize = new ResizeObserver(() => {
      if (
        this.node.clientWidth &&
        Math.abs(this.node.clientWidth - this._width) > 2
      ) {
        this._draw();
      }
    });
    this._resize.observe(this.node);
  }

  private _update(patch: Partial<IRcaState>): void {
    Object.assign(this._state!, patch);
    this._draw();
  }

  /** Full redraw of the chart, then the threshold. */
  private _draw(): void {
    const payload = this._payload!;
    const state = this._state!;
    this._width = this.node.clientWidth || 720;
    const visible = payload.datasets.filter(d => !state.hidden.has(d.name));
    this._chart!.draw({
      width: Math.max(320, this._width),
      layout: state.layout,
      logScale: state.logScale,
      threshold: state.threshold,
      xLabel: state.score === 'mean' ? 'Dice RCA (Mean)' : 'Dice RCA (Max)',
      series: visible.map(d => ({
        name: d.name,
        color: this._colors.get(d.name)!,
        counts: rebin(d[state.score].counts, state.factor)
      }))
    });
    this._showThreshold();
  }

  /** A new threshold (snapped to a fine-bin edge): move the line, refresh the table. */
  private _setThreshold(value: number, fromSettings = false): void {
    const started = performance.now();
    const state = this._state!;
    state.threshold = snapToEdge(value, this._payload!.bins);
    state.thresholdTouched = state.thresholdTouched || !fromSettings;
    this._chart!.setThreshold(state.threshold);
    this._showThreshold();
    this.node.dataset.thresholdMs = (performance.now() - started).toFixed(3);
  }

  private _showThreshold(): void {
    const state = this._state!;
    const payload = this._payload!;
    this._input!.value = state.threshold.toFixed(3);
    this._table!.update(
      payload.datasets.map(d => summarize(d, state.score, state.threshold)),
      state.threshold,
      state.score === 'mean' ? 'Mean' : 'Max'
    );
    this.node.dataset.threshold = state.threshold.toFixed(3);
  }

  /** Tooltip of a bin: range, and count and share per visible dataset. */
  private _hover(bin: number | null, event: PointerEvent): void {
    const tooltip = this._tooltip!;
    if (bin === null) {
      tooltip.style.display = 'none';
      return;
    }
    const state = this._state!;
    const payload = this._payload!;
    const coarse = payload.bins / state.factor;
    const low = bin / coarse;
    const high = (bin + 1) / coarse;
    const lines = payload.datasets
      .filter(d => !state.hidden.has(d.name))
      .map(d => {
        const h0 = d[state.score];
        let n = 0;
        for (let i = bin * state.factor; i < (bin + 1) * state.factor; i++) {
          n += h0.counts[i];
        }
        const share = h0.count ? (100 * n) / h0.count : 0;
        return `${d.name}: ${n.toLocaleString('en-US')} (${share.toFixed(2)}%)`;
      });
    tooltip.replaceChildren(
      h('div', {
        className: 'jp-chexmask-tooltip-title',
        text: `[${low.toFixed(3)}, ${high.toFixed(3)})`
      }),
      ...lines.map(text => h('div', { text }))
    );
    tooltip.style.display = '';
    const box = this._chart!.node.getBoundingClientRect();
    tooltip.style.left = `${Math.min(event.clientX - box.left + 12, box.width - 220)}px`;
    tooltip.style.top = `${event.clientY - box.top + 12}px`;
  }

  protected onSettings(settings: IChexmaskSettings): void {
    if (this._state && !this._state.thresholdTouched) {
      this._setThreshold(settings.rcaThreshold, true);
    }
  }
}
