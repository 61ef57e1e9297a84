import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ZoomTransform } from 'd3';
import {
  ICardiothoracicRatio,
  IChexmaskRow,
  IRowMeasurements,
  MaskSource,
  maskSources,
  organRuns,
  ORGANS,
  OrganKey
} from '../core';
import { formatNumber, h, parseColor, PayloadView, Rgb } from '../common';
import { IParsedRowPayload, parseRowPayload } from '../payload';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { AnnotationLayer } from './annotations';
import { MaskPainter } from './mask-painter';
import { IOverlayState, OverlayControls } from './controls';
import { RowHeader } from './header';
import { drawRowAnnotations, rowAltText, rowDescription } from './picture';
import { FULL_WINDOW, XrayLayer } from './xray';
import { ZoomController } from './zoom';
import { hoverReadout } from './hover';
import { IDecodedRow } from './decode-protocol';
import { decodeRow, decodesOffThread, measureRowOffThread } from './off-thread';
import { scratchImage } from './scratch-image';

/** CSS class of the row view. */
export const ROW_VIEW_CLASS = 'jp-chexmask-RowView';

const FALLBACK_COLOURS: Record<OrganKey, Rgb> = {
  rightLung: [230, 25, 75],
  leftLung: [31, 111, 229],
  heart: [44, 160, 44]
};

/**
 * The interactive overlay of one CheXmask row: the three organ masks decoded
 * by the core and painted at native resolution, over the x-ray when the
 * payload has it, with landmarks, the cardiothoracic ratio, zoom, pan and a
 * hover readout. A malformed payload renders an inline error panel.
 */
export class RowOverlayView extends PayloadView<IParsedRowPayload> {
  private _parts: Private.IParts | null = null;
  private _state: IOverlayState | null = null;
  /** What the payload decoded to, by whether empty organs are filled from landmarks. */
  private readonly _decoded = new Map<boolean, IDecodedRow>();
  /** Give the focus back to "Fill from landmarks" after the rebuild it asked for. */
  private _refocus = false;

  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, ROW_VIEW_CLASS, 'this CheXmask row');
  }

  protected parse(data: unknown): IParsedRowPayload {
    return parseRowPayload(data);
  }

  /**
   * Large masks are decoded in the worker first; others here at once, with
   * their measurements made in the worker. What was decoded is kept for as
   * long as the payload, so painting again after scrolling back is cheap.
   */
  protected build(payload: IParsedRowPayload): void | Promise<void> {
    const { row } = payload;
    const fromLandmarks = this._state?.fromLandmarks ?? false;
    const kept = this._decoded.get(fromLandmarks);
    if (kept) {
      this._build(payload, kept);
      return;
    }
    if (!decodesOffThread(row)) {
      const decoded: IDecodedRow = {
        runs: organRuns(row, fromLandmarks),
        measurements: measureRowOffThread(row, fromLandmarks)
      };
      this._decoded.set(fromLandmarks, decoded);
      this._build(payload, decoded);
      return;
    }
    const generation = this.generation;
    return decodeRow(row, fromLandmarks).then(decoded => {
      this._decoded.set(fromLandmarks, decoded);
      if (this.isCurrent(generation)) {
        this.node.replaceChildren();
        this._build(payload, decoded);
      }
    });
  }

  /** Measurements and the x-ray come after the first paint. */
  protected async afterPaint(): Promise<void> {
    const parts = this._parts!;
    // What the view adds to the stage's height, for later estimates (read
    // after the paint's task, when layout is due anyway).
    if (this.node.isConnected && parts.stage.offsetHeight > 0) {
      Private.measured.chromeHeight =
        this.node.offsetHeight - parts.stage.offsetHeight;
    }
    parts.measured = parts.decoded.measurements.then(
      m => this._measure(parts, m),
      error => this._warn(parts, `the masks could not be measured: ${error}`)
    );
    if (parts.xray) {
      try {
        await parts.xray.load();
        if (parts !== this._parts) {
          return;
        }
        parts.xray.paint(this._state!.windowLevel);
        this.node.dataset.xray = 'loaded';
      } catch (error) {
        this._warn(parts, `the embedded x-ray could not be decoded: ${error}`);
      }
    }
  }

  /**
   * The overlay at the mask's native resolution: the x-ray (or a neutral
   * grey), the masks as painted, the ratio widths and the landmarks when
   * shown.
   */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    const parts = this._parts;
    if (!parts) {
      return null;
    }
    const { row } = parts;
    await parts.measured;
    const canvas = document.createElement('canvas');
    canvas.width = row.width;
    canvas.height = row.height;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#777';
    context.fillRect(0, 0, row.width, row.height);
    if (this.node.dataset.xray === 'loaded') {
      context.drawImage(parts.xray!.canvas, 0, 0, row.width, row.height);
    }
    context.drawImage(parts.maskContext.canvas, 0, 0);
    drawRowAnnotations(
      context,
      parts.row,
      parts.ratio,
      this._state!,
      this.settings.current.colors
    );
    return canvas;
  }

  /**
   * The stage follows the mask's aspect ratio within the output's width and
   * three quarters of the window's height (see the stage's style); the rest
   * of the view is as tall as it was in the last row view painted.
   */
  protected estimateHeight(payload: IParsedRowPayload, width: number): number {
    const { height: h, width: w } = payload.row;
    const stageWidth = Math.min(width, (0.75 * window.innerHeight * w) / h);
    return Private.measured.chromeHeight + (stageWidth * h) / w;
  }

  protected fileName(): string {
    return `chexmask-${this._parts?.row.id ?? 'row'}`;
  }

  protected altText(): string {
    const parts = this._parts;
    return parts
      ? rowAltText(parts.row, parts.sources, parts.areas, parts.ratio)
      : '';
  }

  /** The picture changes with what is shown and in which colours. */
  protected pictureKey(): string {
    return JSON.stringify([
      this._state,
      this.settings.current.colors,
      this.altText()
    ]);
  }

  protected forget(): void {
    this._state = null;
    this._decoded.clear();
  }

  protected clear(): void {
    this._parts?.zoom.dispose();
    this._parts = null;
    super.clear();
  }

  /**
   * Build the view from the decoded runs; the measurements follow.
   */
  private _build(payload: IParsedRowPayload, decoded: IDecodedRow): void {
    const { row } = payload;
    const settings = this.settings.current;
    // A view painted again after scrolling back keeps what the user set.
    const state: IOverlayState = this._state ?? {
      visible: { rightLung: true, leftLung: true, heart: true },
      opacity: settings.opacity,
      mode: settings.drawMode,
      showLandmarks: settings.showLandmarks && row.landmarks !== null,
      showRatio: true,
      fromLandmarks: false,
      windowLevel: FULL_WINDOW
    };
    this._state = state;
    const { runs } = decoded;
    const sources = maskSources(row, state.fromLandmarks);
    this.node.dataset.decoded = decodesOffThread(row) ? 'worker' : 'main';
    const painter = new MaskPainter(runs, row.height, row.width);
    const maskCanvas = h('canvas', { className: 'jp-chexmask-masks' });
    maskCanvas.width = row.width;
    maskCanvas.height = row.height;
    const maskContext = maskCanvas.getContext('2d')!;
    const xray = payload.image ? new XrayLayer(payload.image) : null;
    const annotations = new AnnotationLayer(row.width, row.height);
    annotations.setLandmarks(row.landmarks);

    const header = new RowHeader(row, payload.title);
    header.setSources(sources);
    const world = h('div', { className: 'jp-chexmask-world' }, [
      xray?.canvas ?? null,
      maskCanvas,
      annotations.node
    ]);
    const stage = h(
      'div',
      {
        className: 'jp-chexmask-stage' + (xray ? ' jp-chexmask-has-xray' : ''),
        attrs: {
          tabindex: '0',
          role: 'img',
          'aria-label': rowDescription(row),
          // Fit the output width, and the window's height so the whole image is in view.
          style: `aspect-ratio: ${row.width} / ${row.height}; max-width: min(100%, calc(75vh * ${row.width} / ${row.height}))`
        }
      },
      [world]
    );
    const readout = h('div', {
      className: 'jp-chexmask-readout',
      attrs: { 'aria-live': 'polite' },
      text: ' '
    });
    const measurements = h('div', { className: 'jp-chexmask-measurements' });
    const zoom = new ZoomController(stage, t =>
      Private.applyTransform(world, t)
    );
    const controls = new OverlayControls(
      state,
      xray !== null,
      row.landmarks !== null,
      row.landmarks !== null && ORGANS.some(o => row.masks[o.key] === null),
      {
        change: patch => this._change(patch),
        zoomBy: f => zoom.zoomBy(f),
        resetView: () => zoom.reset()
      }
    );
    controls.setSources(sources);
    this.node.append(header.node, controls.node, stage, readout, measurements);
    this._parts = {
      row,
      runs,
      sources,
      painter,
      maskContext,
      xray,
      annotations,
      header,
      controls,
      stage,
      readout,
      measurements,
      zoom,
      ratio: null,
      areas: null,
      decoded,
      measured: Promise.resolve()
    };
    stage.addEventListener('pointermove', event => this._hover(event));
    stage.addEventListener('pointerleave', () => (readout.textContent = ' '));
    stage.addEventListener('pointerdown', () =>
      stage.focus({ preventScroll: true })
    );
    this._paint(settings);
    if (this._refocus) {
      this._refocus = false;
      controls.focusFromLandmarks();
    }
  }

  /** Apply a state change from the controls and repaint. */
  private _change(patch: Partial<IOverlayState>): void {
    if (!this._state || !this._parts) {
      return;
    }
    const sourcesChange =
      patch.fromLandmarks !== undefined &&
      patch.fromLandmarks !== this._state.fromLandmarks;
    Object.assign(this._state, patch);
    if (sourcesChange) {
      // Other masks, areas and ratio: build the view again from the other
      // decode (kept, so switching back and forth decodes each once).
      this._refocus = true;
      this.repaint();
      return;
    }
    if (patch.windowLevel && this._parts.xray) {
      this._parts.xray.paint(this._state.windowLevel);
    }
    this._paint(this.settings.current);
  }

  /** Paint masks and annotations with the current state and settings. */
  private _paint(settings: IChexmaskSettings): void {
    const parts = this._parts!;
    const state = this._state!;
    const colors = {} as Record<OrganKey, Rgb>;
    for (const organ of ORGANS) {
      colors[organ.key] = parseColor(
        settings.colors[organ.key],
        FALLBACK_COLOURS[organ.key]
      );
    }
    const { width, height } = parts.row;
    const pixels = scratchImage(parts.maskContext, width, height);
    parts.painter.paint(pixels.data, {
      colors,
      visible: state.visible,
      opacity: state.opacity,
      mode: state.mode
    });
    parts.maskContext.putImageData(pixels, 0, 0);
    parts.controls.setColors(settings.colors);
    parts.controls.setState(state);
    parts.header.setThreshold(settings.rcaThreshold);
    parts.annotations.styleLandmarks(
      state.showLandmarks,
      settings.colors,
      state.visible
    );
    parts.annotations.setRatio(parts.ratio, state.showRatio);
  }

  protected onSettings(settings: IChexmaskSettings): void {
    if (!this._state || !this._parts) {
      return;
    }
    // A settings change is the user's new default: it applies to every view.
    this._state.opacity = settings.opacity;
    this._state.mode = settings.drawMode;
    this._state.showLandmarks =
      settings.showLandmarks && this._parts.row.landmarks !== null;
    this._paint(settings);
  }

  /** Areas, the cardiothoracic ratio and the mask/landmark agreement. */
  private _measure(parts: Private.IParts, measured: IRowMeasurements): void {
    if (parts !== this._parts) {
      return;
    }
    const { row } = parts;
    parts.areas = measured.pixels;
    parts.controls.setSources(measured.sources);
    for (const organ of ORGANS) {
      parts.controls.setArea(
        organ.key,
        `${measured.pixels[organ.key].toLocaleString('en-US')} px (${(measured.share[organ.key] * 100).toFixed(1)}%)`
      );
    }
    parts.ratio = measured.ratio;
    const agreement = measured.agreement;
    const agree = ORGANS.map(
      o => `${o.label} ${formatNumber(agreement[o.key], 4)}`
    ).join(', ');
    const ctr = parts.ratio;
    parts.measurements.replaceChildren(
      h('span', {
        className: 'jp-chexmask-ratio',
        text: ctr
          ? `Cardiothoracic ratio ${ctr.ratio.toFixed(3)} (heart ${ctr.heart.width} px on row ${ctr.heart.row}, thorax ${ctr.thorax.width} px on row ${ctr.thorax.row})`
          : parts.sources.heart === 'empty'
            ? 'Cardiothoracic ratio: undefined, the row has no heart mask'
            : 'Cardiothoracic ratio: needs a heart and a lung'
      }),
      h('span', {
        className: 'jp-chexmask-agreement',
        text: `Mask/landmark Dice: ${row.landmarks ? agree : 'no landmarks'}`
      })
    );
    parts.annotations.setRatio(ctr, this._state!.showRatio);
    this.node.dataset.measured = 'true';
  }

  /** Show a warning under the picture (the view itself stays usable). */
  private _warn(parts: Private.IParts, text: string): void {
    if (parts === this._parts) {
      parts.stage.appendChild(
        h('div', { className: 'jp-chexmask-warning', text: `⚠ ${text}` })
      );
    }
  }

  /** The hover readout: pixel, organs under the cursor, nearest landmark. */
  private _hover(event: PointerEvent): void {
    const parts = this._parts;
    if (!parts) {
      return;
    }
    const started = performance.now();
    const { row, stage, zoom } = parts;
    const rect = stage.getBoundingClientRect();
    const t = zoom.transform;
    const scale = row.width / rect.width;
    const fx = ((event.clientX - rect.left - t.x) / t.k) * scale;
    const fy = ((event.clientY - rect.top - t.y) / t.k) * scale;
    const state = this._state!;
    const text = hoverReadout(
      {
        row,
        runs: parts.runs,
        visible: state.visible,
        showLandmarks: state.showLandmarks
      },
      fx,
      fy,
      (8 * scale) / t.k
    );
    parts.readout.textContent = text ?? ' ';
    this.node.dataset.hoverMs = (performance.now() - started).toFixed(3);
  }
}

namespace Private {
  /**
   * Height of a row view without its stage (header, controls, readout,
   * measurements, export bar), as last measured; a first guess before any.
   */
  export const measured = { chromeHeight: 220 };

  /** The pieces of a built view. */
  export interface IParts {
    row: IChexmaskRow;
    runs: Record<OrganKey, Int32Array>;
    /** Where each organ's mask comes from. */
    sources: Record<OrganKey, MaskSource>;
    painter: MaskPainter;
    maskContext: CanvasRenderingContext2D;
    xray: XrayLayer | null;
    annotations: AnnotationLayer;
    header: RowHeader;
    controls: OverlayControls;
    stage: HTMLElement;
    readout: HTMLElement;
    measurements: HTMLElement;
    zoom: ZoomController;
    ratio: ICardiothoracicRatio | null;
    /** Pixels per organ, once measured. */
    areas: Record<OrganKey, number> | null;
    /** The runs and the measurements to come. */
    decoded: IDecodedRow;
    /** Settles when the measurements are done. */
    measured: Promise<void>;
  }

  /** Move the world (canvases and SVG) with the zoom transform. */
  export function applyTransform(world: HTMLElement, t: ZoomTransform): void {
    world.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
    world.classList.toggle('jp-chexmask-zoomed', t.k > 2);
  }
}
