/**
 * A built comparison: header, controls, stage (x-ray, A's and B's masks, the
 * agreement map and the swipe divider under zoom), hover readout and the
 * per-organ table, as one object, so a built view's parts are never half
 * there. Pixels are painted in the shared worker where there is one
 * (`MaskLayer`, and a `PaintedLayer` of the agreement painter); blend and
 * swipe only change CSS (opacity, clip), so dragging them paints nothing.
 */
import { ZoomTransform } from 'd3';
import { OrganKey } from '../core';
import {
  applyZoomTransform,
  h,
  imageStage,
  listenToStage,
  MaskLayer,
  PaintedLayer,
  ZoomController
} from '../common';
import { IChexmaskSettings } from '../settings';
import { runInWorker, runInWorkerOrLater } from '../worker/client';
import { FULL_WINDOW, XrayLayer } from '../row/xray';
import { AgreementPainter, IAgreementStyle } from './agreement-painter';
import { CompareControls } from './controls';
import { compareHeader } from './header';
import { compareHover } from './hover';
import { LayerKeys, LayerName, layerStyles } from './layers';
import { checkMetrics, compareMetrics, IMetricsInput } from './metrics';
import { IOrganMetrics, IParsedComparePayload } from './payload';
import {
  agreementPicture,
  compareAltText,
  compareDescription
} from './picture';
import { ICompareState, shownLayers } from './state';
import { checkText, metricsTable } from './table';
import { FirstPaint } from './off-thread';

/** What a comparison reports to its view. */
export interface IComparisonHost {
  /** The view node's `data-*` attributes, where tests read states. */
  dataset: DOMStringMap;
  /** The user changed the state through a control. */
  change(patch: Partial<ICompareState>): void;
}

/** The built comparison (see the module's comment). */
export class Comparison {
  /** The view's children, in order. */
  readonly nodes: HTMLElement[];
  /** The focusable stage. */
  readonly stage: HTMLElement;
  /** Settles when the browser's table is computed (or failed). */
  measured: Promise<void> = Promise.resolve();
  private readonly _layers: Record<LayerName, PaintedLayer<any>>;
  /** What each layer was last asked to paint (JSON), so a CSS-only change paints nothing. */
  private readonly _painted: Partial<Record<LayerName, string>> = {};
  private readonly _busy = new Set<LayerName>();
  private readonly _xray: XrayLayer | null;
  private readonly _divider: HTMLElement;
  private readonly _controls: CompareControls;
  private readonly _readout: HTMLElement;
  private readonly _metrics: HTMLElement;
  private readonly _check: HTMLElement;
  private readonly _zoom: ZoomController;
  private _browser: Record<OrganKey, IOrganMetrics> | null = null;
  private _xrayLoaded = false;
  private _disposed = false;

  /**
   * @param payload - The checked payload.
   * @param keys - The layers' keys in the worker.
   * @param _state - The view's state (read, never replaced).
   * @param _host - Where to report.
   */
  constructor(
    readonly payload: IParsedComparePayload,
    keys: LayerKeys,
    private readonly _state: ICompareState,
    private readonly _host: IComparisonHost
  ) {
    const { height, width, a, b } = payload;
    const busy = (name: LayerName) => (pending: boolean) => {
      if (pending) {
        this._busy.add(name);
      } else {
        this._busy.delete(name);
      }
      _host.dataset.masks = this._busy.size ? 'pending' : 'painted';
    };
    const side = (name: 'a' | 'b') =>
      new MaskLayer({
        runs: payload[name].runs,
        height,
        width,
        key: keys[name],
        className: `jp-chexmask-masks jp-chexmask-layer-${name}`,
        onBusy: busy(name)
      });
    const key = keys.agreement;
    this._layers = {
      a: side('a'),
      b: side('b'),
      agreement: new PaintedLayer<IAgreementStyle>({
        height,
        width,
        className: 'jp-chexmask-agreement-map',
        inWorker:
          key === null
            ? null
            : style =>
                runInWorker('agreement', {
                  key,
                  a: a.runs,
                  b: b.runs,
                  height,
                  width,
                  style
                }),
        painter: () => new AgreementPainter(a.runs, b.runs, height, width),
        onBusy: busy('agreement')
      })
    };
    _host.dataset.masks = 'painted';
    this._xray = payload.image
      ? new XrayLayer(payload.image, pending => {
          _host.dataset.xrayPaint = pending ? 'pending' : 'painted';
        })
      : null;
    this._divider = h('div', {
      className: 'jp-chexmask-swipe-divider',
      attrs: { 'aria-hidden': 'true' }
    });
    const world = h('div', { className: 'jp-chexmask-world' }, [
      this._xray?.canvas ?? null,
      this._layers.a.canvas,
      this._layers.b.canvas,
      this._layers.agreement.canvas,
      this._divider
    ]);
    this.stage = imageStage({
      world,
      width,
      height,
      description: compareDescription(payload),
      hasXray: this._xray !== null
    });
    this._zoom = new ZoomController(this.stage, (t: ZoomTransform) =>
      applyZoomTransform(world, t)
    );
    this._controls = new CompareControls(
      payload.labels,
      _state,
      this._zoom,
      patch => _host.change(patch)
    );
    this._readout = h('div', {
      className: 'jp-chexmask-readout',
      attrs: { 'aria-live': 'polite' },
      text: ' '
    });
    this._check = h('div', {
      className: 'jp-chexmask-compare-check',
      attrs: { role: 'status' },
      text: payload.table
        ? 'Checking the kernel’s numbers with the browser’s core…'
        : 'Computing the table in the browser…'
    });
    this._metrics = h('div', { className: 'jp-chexmask-compare-table-box' }, [
      payload.table
        ? metricsTable(payload.labels, payload.table, 'kernel')
        : null
    ]);
    this.nodes = [
      compareHeader(payload),
      this._controls.node,
      this.stage,
      this._readout,
      this._metrics,
      this._check
    ];
    listenToStage(this.stage, this._readout, event => this._hover(event));
    Private.dragDivider(this._divider, world, swipe => _host.change({ swipe }));
  }

  /**
   * Show the state: paint the layers it shows whose style changed (from
   * `first`, bitmaps the worker painted already), hide the others, and set
   * the blend and swipe.
   */
  paint(settings: IChexmaskSettings, first: FirstPaint = {}): void {
    const state = this._state;
    const shown = shownLayers(state.mode);
    const styles = layerStyles(state, settings);
    for (const name of ['a', 'b', 'agreement'] as const) {
      const layer = this._layers[name];
      layer.canvas.hidden = !shown[name];
      if (!shown[name]) {
        continue;
      }
      const key = JSON.stringify(styles[name]);
      const bitmap = first[name];
      if (bitmap) {
        layer.show(bitmap);
      } else if (this._painted[name] !== key) {
        layer.paint(styles[name]);
      }
      this._painted[name] = key;
    }
    const { a, b } = this._layers;
    const blend = state.mode === 'blend';
    a.canvas.style.opacity = blend ? String(1 - state.blend) : '';
    b.canvas.style.opacity = blend ? String(state.blend) : '';
    const swipe = state.mode === 'swipe';
    const at = `${(100 * state.swipe).toFixed(2)}%`;
    a.canvas.style.clipPath = swipe
      ? `inset(0 ${(100 - 100 * state.swipe).toFixed(2)}% 0 0)`
      : '';
    b.canvas.style.clipPath = swipe ? `inset(0 0 0 ${at})` : '';
    this._divider.hidden = !swipe;
    this._divider.style.left = at;
    this._host.dataset.mode = state.mode;
    this._host.dataset.swipe = state.swipe.toFixed(2);
    this._controls.setColors(settings.colors);
    this._controls.setState(state);
  }

  /** Compute the table with the browser's core (in the worker where there is one) and show it. */
  measure(): void {
    const { payload } = this;
    const input: IMetricsInput = {
      height: payload.height,
      width: payload.width,
      a: payload.a.runs,
      b: payload.b.runs,
      landmarksA: payload.a.landmarks,
      landmarksB: payload.b.landmarks
    };
    this.measured = runInWorkerOrLater('compareMetrics', input, () =>
      compareMetrics(input)
    ).then(
      browser => this._measured(browser),
      error => this._warn(`the table could not be computed: ${error}`)
    );
  }

  /** Decode and paint the embedded x-ray, if any; a failure is a warning. */
  async loadXray(): Promise<void> {
    if (!this._xray) {
      return;
    }
    try {
      await this._xray.load(FULL_WINDOW);
      if (!this._disposed) {
        this._xrayLoaded = true;
        this._host.dataset.xray = 'loaded';
      }
    } catch (error) {
      this._warn(`the embedded x-ray could not be decoded: ${error}`);
    }
  }

  /** The agreement map of the visible organs at native resolution (see `picture.ts`). */
  async picture(): Promise<HTMLCanvasElement> {
    await this.measured;
    return agreementPicture(this.payload, this._state.visible);
  }

  /** What the picture shows, in words, once a table is known. */
  altText(): string {
    const table = this.payload.table ?? this._browser;
    return table ? compareAltText(this.payload, table) : '';
  }

  /** Whether the x-ray was decoded (for tests and the picture's key). */
  get xrayLoaded(): boolean {
    return this._xrayLoaded;
  }

  /** Remove listeners; late results are dropped. */
  dispose(): void {
    this._disposed = true;
    this._zoom.dispose();
    for (const layer of Object.values(this._layers)) {
      layer.dispose();
    }
    this._xray?.dispose();
  }

  private _measured(browser: Record<OrganKey, IOrganMetrics>): void {
    if (this._disposed) {
      return;
    }
    this._browser = browser;
    const kernel = this.payload.table;
    if (!kernel) {
      this._metrics.replaceChildren(
        metricsTable(this.payload.labels, browser, 'browser')
      );
      this._check.textContent = '';
      this._host.dataset.measured = 'browser';
      return;
    }
    const check = checkMetrics(kernel, browser);
    this._check.textContent = checkText(check);
    this._check.classList.toggle(
      'jp-chexmask-warning',
      check.differences.length > 0
    );
    this._host.dataset.largestDifference = String(check.largest);
    this._host.dataset.measured = check.differences.length
      ? 'disagrees'
      : 'agrees';
  }

  /** Show a warning under the picture (the view itself stays usable). */
  private _warn(text: string): void {
    if (!this._disposed) {
      this.stage.after(
        h('div', { className: 'jp-chexmask-warning', text: `⚠ ${text}` })
      );
    }
  }

  /** The hover readout: the pixel, and which sources hold it, per organ. */
  private _hover(event: PointerEvent): void {
    const { payload, stage } = this;
    const rect = stage.getBoundingClientRect();
    const t = this._zoom.transform;
    const scale = payload.width / rect.width;
    const text = compareHover(
      {
        labels: payload.labels,
        height: payload.height,
        width: payload.width,
        a: payload.a.runs,
        b: payload.b.runs,
        visible: this._state.visible
      },
      ((event.clientX - rect.left - t.x) / t.k) * scale,
      ((event.clientY - rect.top - t.y) / t.k) * scale
    );
    this._readout.textContent = text ?? ' ';
  }
}

namespace Private {
  /**
   * Drag the swipe divider with a pointer (the slider is the keyboard's
   * way). The divider stops the events the zoom would take as a pan.
   */
  export function dragDivider(
    divider: HTMLElement,
    world: HTMLElement,
    move: (swipe: number) => void
  ): void {
    const stop = (event: Event) => event.stopPropagation();
    divider.addEventListener('mousedown', stop);
    divider.addEventListener('touchstart', stop, { passive: true });
    divider.addEventListener('pointerdown', event => {
      event.stopPropagation();
      divider.setPointerCapture?.(event.pointerId);
    });
    divider.addEventListener('pointermove', event => {
      if (!divider.hasPointerCapture?.(event.pointerId)) {
        return;
      }
      const rect = world.getBoundingClientRect();
      if (rect.width > 0) {
        move(
          Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width))
        );
      }
    });
  }
}
