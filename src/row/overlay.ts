/**
 * A built row overlay: the header, controls, stage (x-ray, masks and the
 * vector layer under zoom), hover readout and measurements of one decoded
 * row, as one object, so a built view's parts are never half there.
 */
import {
  ICardiothoracicRatio,
  IChexmaskRow,
  IRowMeasurements,
  MaskSource,
  maskSources,
  meanSigma,
  ORGANS,
  OrganKey
} from '../core';
import {
  h,
  listenToStage,
  IMaskStyle,
  MaskLayer,
  organRgb,
  recordSpan,
  ZoomController
} from '../common';
import { IChexmaskSettings } from '../settings';
import { runInWorker } from '../worker/client';
import { AnnotationLayer } from './annotations';
import { RowControls } from './controls';
import { RowHeader } from './header';
import { hoverReadout } from './hover';
import { IDecodedRow } from './off-thread';
import { agreementText, areaText, ratioText } from './measurements';
import { IParsedRowPayload } from './payload';
import { drawRowAnnotations, rowAltText } from './picture';
import { IRowState } from './state';
import { RowStage } from './stage';
import { XrayLayer } from './xray';

/** The mask painter's style for a row state and the settings' colours. */
export function maskStyle(
  state: IRowState,
  settings: IChexmaskSettings
): IMaskStyle {
  return {
    colors: organRgb(settings.colors),
    visible: { ...state.visible },
    opacity: state.opacity,
    mode: state.mode
  };
}

/** What an overlay reports to its view. */
export interface IRowOverlayHost {
  /** The view node's `data-*` attributes, where tests read timings and states. */
  dataset: DOMStringMap;
  /** The user changed the state through a control. */
  change(patch: Partial<IRowState>): void;
}

/**
 * The overlay of one decoded row (see the module's comment). It reads the
 * view's state, which the view owns and changes; the measurements and the
 * x-ray arrive after the first paint.
 */
export class RowOverlay {
  /** The row drawn. */
  readonly row: IChexmaskRow;
  /** The view's children, in order. */
  readonly nodes: HTMLElement[];
  /** The focusable stage: x-ray, masks and annotations under zoom and pan. */
  readonly stage: HTMLElement;
  /** Settles when the measurements are done (or failed). */
  measured: Promise<void> = Promise.resolve();
  /** Where each organ's mask comes from. */
  private readonly _sources: Record<OrganKey, MaskSource>;
  private readonly _runs: Record<OrganKey, Int32Array>;
  private readonly _stage: RowStage;
  private readonly _masks: MaskLayer;
  private readonly _xray: XrayLayer | null;
  private readonly _annotations: AnnotationLayer;
  private readonly _header: RowHeader;
  private readonly _controls: RowControls;
  private readonly _readout: HTMLElement;
  private readonly _measurements: HTMLElement;
  private readonly _zoom: ZoomController;
  private _ratio: ICardiothoracicRatio | null = null;
  /** Pixels per organ, once measured. */
  private _areas: Record<OrganKey, number> | null = null;
  private _xrayLoaded = false;
  private _disposed = false;

  /**
   * @param payload - The checked payload.
   * @param _decoded - Its runs, and the measurements to come.
   * @param _state - The view's state (read, never replaced).
   * @param _host - Where to report.
   * @param stage - The stage built for it (see {@link RowStage}), its from now.
   */
  constructor(
    payload: IParsedRowPayload,
    private readonly _decoded: IDecodedRow,
    private readonly _state: IRowState,
    private readonly _host: IRowOverlayHost,
    stage: RowStage
  ) {
    const { row } = payload;
    this.row = row;
    this._runs = _decoded.runs;
    this._sources = maskSources(row, _state.fromLandmarks);
    this._stage = stage;
    this.stage = stage.node;
    this._masks = stage.masks;
    this._xray = stage.xray;
    this._annotations = stage.annotations;
    this._zoom = stage.zoom;
    this._header = new RowHeader(row, payload.title);
    this._header.setSources(this._sources);
    this._readout = h('div', {
      className: 'jp-chexmask-readout',
      attrs: { 'aria-live': 'polite' },
      text: ' '
    });
    this._measurements = h('div', { className: 'jp-chexmask-measurements' });
    this._controls = new RowControls(
      _state,
      {
        hasImage: this._xray !== null,
        hasLandmarks: row.landmarks !== null,
        canFill:
          row.landmarks !== null && ORGANS.some(o => row.masks[o.key] === null),
        sigmaScale: stage.sigmaScale,
        meanSigma: row.sigma && meanSigma(row.sigma)
      },
      this._zoom,
      patch => _host.change(patch)
    );
    this._controls.setSources(this._sources);
    this.nodes = [
      this._header.node,
      this._controls.node,
      this.stage,
      this._readout,
      this._measurements
    ];
    listenToStage(this.stage, this._readout, event => this._hover(event));
  }

  /**
   * The masks of runs the worker decoded earlier, painted there in a style,
   * for a view built again (after scrolling back).
   */
  static paintFirst(
    decoded: IDecodedRow,
    row: IChexmaskRow,
    style: IMaskStyle
  ): Promise<ImageBitmap | null> {
    if (decoded.key === null) {
      return Promise.resolve(null);
    }
    return runInWorker('masks', {
      key: decoded.key,
      runs: decoded.runs,
      height: row.height,
      width: row.width,
      style
    });
  }

  /**
   * Paint masks, annotations and controls with the state and settings; the
   * masks from `painted` when the worker already painted them in this state.
   */
  paint(settings: IChexmaskSettings, painted: ImageBitmap | null = null): void {
    if (painted) {
      this._masks.show(painted);
    } else {
      this._masks.paint(maskStyle(this._state, settings));
    }
    this.style(settings);
  }

  /**
   * Show the state and settings in everything but the masks (controls,
   * header, annotations): for masks already shown in this state.
   */
  style(settings: IChexmaskSettings): void {
    const state = this._state;
    this._controls.setColors(settings.colors);
    this._controls.setState(state);
    this._header.setThreshold(settings.rcaThreshold);
    this._annotations.styleLandmarks(
      state.showLandmarks,
      settings.colors,
      state.visible
    );
    this._annotations.styleUncertainty(
      state.showUncertainty,
      state.showEllipses,
      state.visible
    );
    this._annotations.setRatio(this._ratio, state.showRatio);
  }

  /** Repaint the x-ray with the state's window/level. */
  paintXray(): void {
    this._xray?.paint(this._state.windowLevel);
  }

  /** Show the measurements once they come (areas, ratio, agreement). */
  measure(): void {
    this.measured = this._decoded.measurements.then(
      m => this._measure(m),
      error => this._warn(`the masks could not be measured: ${error}`)
    );
  }

  /** Decode and paint the embedded x-ray, if any; a failure is a warning. */
  async loadXray(): Promise<void> {
    const xray = this._xray;
    if (!xray) {
      return;
    }
    try {
      await xray.load(this._state.windowLevel);
      if (this._disposed) {
        return;
      }
      this._xrayLoaded = true;
      this._host.dataset.xray = 'loaded';
    } catch (error) {
      this._warn(`the embedded x-ray could not be decoded: ${error}`);
    }
  }

  /**
   * The overlay at the mask's native resolution: the x-ray (or a neutral
   * grey), the masks as painted, the ratio widths and the landmarks when
   * shown; after the measurements, which it draws.
   */
  async picture(colors: Record<OrganKey, string>): Promise<HTMLCanvasElement> {
    const { row } = this;
    await this.measured;
    const started = performance.now();
    const canvas = document.createElement('canvas');
    canvas.width = row.width;
    canvas.height = row.height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#777';
    context.fillRect(0, 0, row.width, row.height);
    if (this._xray && this._xrayLoaded) {
      context.drawImage(this._xray.canvas, 0, 0, row.width, row.height);
    }
    context.drawImage(this._masks.canvas, 0, 0);
    drawRowAnnotations(context, row, this._ratio, this._state, colors);
    recordSpan('chexmask:picture', started);
    return canvas;
  }

  /** What the picture shows, in words (see {@link rowAltText}). */
  altText(): string {
    return rowAltText(this.row, this._sources, this._areas, this._ratio);
  }

  /** Put the keyboard focus back on "Fill from landmarks" (after a rebuild). */
  focusFromLandmarks(): void {
    this._controls.focusFromLandmarks();
  }

  /** Remove the zoom listeners; late measurements and x-rays are dropped. */
  dispose(): void {
    this._disposed = true;
    this._stage.dispose();
  }

  private _measure(measured: IRowMeasurements): void {
    if (this._disposed) {
      return;
    }
    this._areas = measured.pixels;
    this._controls.setSources(measured.sources);
    for (const organ of ORGANS) {
      this._controls.setArea(organ.key, areaText(measured, organ.key));
    }
    this._ratio = measured.ratio;
    this._measurements.replaceChildren(
      h('span', {
        className: 'jp-chexmask-ratio',
        text: ratioText(this._ratio, this._sources)
      }),
      h('span', {
        className: 'jp-chexmask-agreement',
        text: agreementText(this.row, measured)
      })
    );
    this._annotations.setRatio(this._ratio, this._state.showRatio);
    this._host.dataset.measured = 'true';
  }

  /** Show a warning under the picture (the view itself stays usable). */
  private _warn(text: string): void {
    if (!this._disposed) {
      this.stage.appendChild(
        h('div', { className: 'jp-chexmask-warning', text: `⚠ ${text}` })
      );
    }
  }

  /** The hover readout: pixel, organs under the cursor, nearest landmark. */
  private _hover(event: PointerEvent): void {
    const started = performance.now();
    const { row, stage } = this;
    const rect = stage.getBoundingClientRect();
    const t = this._zoom.transform;
    const scale = row.width / rect.width;
    const fx = ((event.clientX - rect.left - t.x) / t.k) * scale;
    const fy = ((event.clientY - rect.top - t.y) / t.k) * scale;
    const text = hoverReadout(
      {
        row,
        runs: this._runs,
        visible: this._state.visible,
        showLandmarks: this._state.showLandmarks,
        showUncertainty: this._state.showUncertainty
      },
      fx,
      fy,
      (8 * scale) / t.k
    );
    this._readout.textContent = text ?? ' ';
    this._host.dataset.hoverMs = (performance.now() - started).toFixed(3);
  }
}
