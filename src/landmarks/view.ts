/**
 * The landmark view: landmark plots of one or many CheXmask rows as a
 * JupyterLab renderer.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { PayloadView, recordSpan, themeBackground } from '../common';
import { IChexmaskSettings, SettingsModel } from '../settings';
import { buildLandmarkModel, ILandmarkModel } from './model';
import {
  layOutInWorker,
  LandmarkInput,
  parseLandmarkInput
} from './off-thread';
import type { IFirstContours } from './off-thread-task';
import { figurePicture, figureSvg, landmarkAltText } from './picture';
import { ILandmarkWorkerLayout, LandmarkPlot } from './plot';

/** CSS class of the landmark plot. */
export const LANDMARK_VIEW_CLASS = 'jp-chexmask-LandmarkView';

/**
 * Landmark plots: one row's 120 landmarks as organ rings and points (with its
 * masks underneath when the payload carries the row), or the contours of up
 * to 10,000 rows in a common frame with the mean shape, one-standard-deviation
 * ellipses per landmark, groups and the rows furthest from the mean (see
 * {@link LandmarkPlot}). Zoom and pan follow the notebook focus rule of the
 * row overlay. A malformed payload renders an inline error panel (see
 * {@link PayloadView}).
 *
 * Besides `data-state` and `data-render-ms`, the node carries what the UI
 * tests read: `data-parse-ms`, `data-rows`, `data-groups`, `data-frame`,
 * for a plot laid out in the worker `data-layout-ms` (from sending the rows
 * to the model back) and `data-worker-ms` (the worker's steps, the first
 * contours' rasterising last), and what
 * the plot reports (see {@link ILandmarkPlotHost.dataset}).
 */
export class LandmarkPlotView extends PayloadView<LandmarkInput, LandmarkPlot> {
  /**
   * The payload laid out in its frame, and the payload it is of. It outlives
   * a release: painting again after scrolling back should not redo it
   * (10,000 rows cost a few hundred ms).
   */
  private _laidOut: {
    of: LandmarkInput;
    model: ILandmarkModel;
    worker: ILandmarkWorkerLayout | null;
  } | null = null;

  /**
   * @param options - The renderer options (its `mimeType` picks the payload).
   * @param settings - The live settings shared by all views.
   */
  constructor(options: IRenderMime.IRendererOptions, settings: SettingsModel) {
    super(options, settings, LANDMARK_VIEW_CLASS, 'this landmark plot');
  }

  /**
   * Check the payload, timed apart from drawing (`data-parse-ms`). A large
   * payload is only checked around its rows here: the worker parses them
   * (1.2 million landmarks at 10,000 rows), and a bad row shows its error
   * when the plot is painted.
   */
  protected parse(data: unknown): LandmarkInput {
    const started = performance.now();
    const input = parseLandmarkInput(data);
    this.node.dataset.parseMs = (performance.now() - started).toFixed(2);
    return input;
  }

  /**
   * Lay the payload out (in the worker for large payloads: parsing, frame
   * and statistics), build the plot and paint it; done once the contours
   * the worker rasterises are drawn. The hover grid waits until idle.
   */
  protected build(input: LandmarkInput): void | Promise<void> {
    const kept = this._laidOut;
    if (kept?.of === input && kept.worker === null) {
      this._present(kept.model, input, null);
      return;
    }
    if (kept?.of === input) {
      // Drawn by the worker: the base class shows a placeholder until the
      // returned promise settles, so the plot is presented after it.
      const generation = this.generation;
      return Promise.resolve().then(() => {
        if (!this.isCurrent(generation)) {
          return;
        }
        this.node.replaceChildren();
        this._present(kept.model, input, kept.worker);
        return this.built?.whenDrawn();
      });
    }
    if (input.kind === 'parsed') {
      const model = buildLandmarkModel(input.payload);
      this._laidOut = { of: input, model, worker: null };
      this._present(model, input, null);
      return;
    }
    const generation = this.generation;
    const sent = performance.now();
    return layOutInWorker(input.envelope).then(
      ({ model, worker, ms, first }) => {
        this._laidOut = { of: input, model, worker };
        if (!this.isCurrent(generation)) {
          void first?.then(contours => contours?.bitmap.close());
          return;
        }
        const started = performance.now();
        this.node.dataset.layoutMs = (started - sent).toFixed(1);
        if (ms) {
          this.node.dataset.workerMs = Object.entries(ms)
            .map(([step, t]) => `${step} ${t.toFixed(1)}`)
            .join(', ');
          // The first contours' rasterising, the worker's step after these.
          void first?.then(contours => {
            if (contours && this.isCurrent(generation)) {
              this.node.dataset.workerMs += `, first contours ${contours.ms.toFixed(1)}`;
            }
          });
        }
        this.node.replaceChildren();
        this._present(model, input, worker, first);
        recordSpan('chexmask:present', started);
        return this.built?.whenDrawn();
      }
    );
  }

  /** Make the plot of a laid-out model and paint it. */
  private _present(
    model: ILandmarkModel,
    input: LandmarkInput,
    worker: ILandmarkWorkerLayout | null,
    first: Promise<IFirstContours | null> | null = null
  ): void {
    const title =
      input.kind === 'parsed' ? input.payload.title : input.envelope.title;
    const plot = new LandmarkPlot(
      model,
      title,
      {
        dataset: this.node.dataset,
        settings: () => this.settings.current
      },
      worker,
      first
    );
    this.present(plot);
    this.node.dataset.rows = String(model.rows.length);
    this.node.dataset.groups = String(model.groups.length);
    this.node.dataset.frame = model.frame;
    plot.paint();
  }

  /** The figure as shown, for exports (see {@link figurePicture}). */
  protected async picture(): Promise<HTMLCanvasElement | null> {
    return this.built
      ? figurePicture(this.built.figure, themeBackground(this.node))
      : null;
  }

  protected readonly exportsSvg = true;

  /** The figure as shown, as SVG (rasters embedded as PNG). */
  protected async svgDocument(): Promise<string | null> {
    return this.built
      ? figureSvg(this.built.figure, themeBackground(this.node))
      : null;
  }

  protected fileName(): string {
    return 'chexmask-landmarks';
  }

  protected altText(): string {
    return this.built
      ? landmarkAltText(this.built.model, this.built.furthest)
      : '';
  }

  /** The picture changes with the toggles, pins and the plot's size. */
  protected pictureKey(): string {
    const sets = (_: string, v: unknown): unknown =>
      v instanceof Set ? [...v] : v;
    return JSON.stringify(
      [this.built?.state ?? null, this.node.offsetWidth, this.altText()],
      sets
    );
  }

  /** The plot's choices and pin, not what the pointer is over. */
  protected pictureState(): unknown {
    const state = this.built?.state;
    if (!state) {
      return null;
    }
    return { ...state, listHover: null, pointerRow: null };
  }

  protected forget(): void {
    this._laidOut = null;
  }

  /** Drop the plot (see `PayloadView.clear`) and every `data-*` attribute. */
  protected clear(): void {
    super.clear();
    // Timings, pins and highlights all describe the plot that is going; the
    // parse time belongs to the payload, which stays (painting is lazy).
    for (const key of Object.keys(this.node.dataset)) {
      if (key !== 'parseMs') {
        delete this.node.dataset[key];
      }
    }
  }

  /** New organ colours, opacity or draw mode. */
  protected onSettings(settings: IChexmaskSettings): void {
    this.built?.setSettings(settings);
  }
}
