/**
 * The JupyterLab plugin: it registers one renderer per CheXmask MIME type
 * from {@link RENDERERS} and keeps the views' settings live.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { CompareView, MIME_COMPARE } from './compare';
import { GalleryView, MIME_GALLERY } from './gallery';
import { HistogramView, MIME_HISTOGRAM } from './histogram';
import { LandmarkPlotView, MIME_LANDMARKS } from './landmarks';
import { MIME_RCA, RcaHistogramView } from './rca';
import { MIME_ROW, RowOverlayView } from './row';
import { SettingsModel } from './settings';
import { warmUpWhenIdle } from './warmup';

/** The plugin id; its settings schema is `schema/settings/plugin.json`. */
export const PLUGIN_ID = 'jupyterlab-chexmask:plugin';

/**
 * The renderers' rank: lower wins, and it must beat every fallback the kernel
 * side puts in the same bundle (`image/png` ranks 90, `text/html` 50).
 */
export const RENDERER_RANK = 10;

/** One CheXmask renderer: the MIME type it renders and how to make its view. */
export interface IRendererEntry {
  /** The payload's MIME type. */
  mimeType: string;
  /** A view for one output, bound to the live settings. */
  create(
    options: IRenderMime.IRendererOptions,
    settings: SettingsModel
  ): IRenderMime.IRenderer;
}

/** Every CheXmask renderer: a new view is one more entry here. */
export const RENDERERS: ReadonlyArray<IRendererEntry> = [
  {
    mimeType: MIME_ROW,
    create: (options, settings) => new RowOverlayView(options, settings)
  },
  {
    mimeType: MIME_RCA,
    create: (options, settings) => new RcaHistogramView(options, settings)
  },
  {
    mimeType: MIME_LANDMARKS,
    create: (options, settings) => new LandmarkPlotView(options, settings)
  },
  {
    mimeType: MIME_HISTOGRAM,
    create: (options, settings) => new HistogramView(options, settings)
  },
  {
    mimeType: MIME_COMPARE,
    create: (options, settings) => new CompareView(options, settings)
  },
  {
    mimeType: MIME_GALLERY,
    create: (options, settings) => new GalleryView(options, settings)
  }
];

/**
 * The renderer factories of every CheXmask MIME type, bound to the live
 * settings: safe (views build DOM from text, never from HTML), ranked to
 * beat the bundle's fallbacks.
 */
export function rendererFactories(
  settings: SettingsModel
): IRenderMime.IRendererFactory[] {
  return RENDERERS.map(({ mimeType, create }) => ({
    safe: true,
    mimeTypes: [mimeType],
    defaultRank: RENDERER_RANK,
    createRenderer: options => create(options, settings)
  }));
}

/**
 * The application plugin: registers the CheXmask renderers with the notebook's
 * rendermime registry and keeps their settings live.
 */
export const chexmaskPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Interactive CheXmask mask overlays, RCA histograms, landmark plots, histograms of any measure, segmentation comparisons and galleries in notebook outputs.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [ISettingRegistry],
  activate: (
    _app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    settingRegistry: ISettingRegistry | null
  ) => {
    const settings = new SettingsModel();
    // Register first, so outputs already in an opening notebook render at once.
    for (const factory of rendererFactories(settings)) {
      rendermime.addFactory(factory, RENDERER_RANK);
    }
    warmUpWhenIdle(settings);
    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          const apply = (): void =>
            settings.update(loaded.composite as Record<string, unknown>);
          apply();
          loaded.changed.connect(apply);
        })
        .catch(reason =>
          console.warn(
            'jupyterlab-chexmask: settings could not be loaded',
            reason
          )
        );
    }
  }
};
