import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { MIME_ROW, RowOverlayView } from './row';
import { LandmarkPlotView, MIME_LANDMARKS } from './landmarks';
import { MIME_RCA, RcaHistogramView } from './rca';
import { SettingsModel } from './settings';
import { warmUpWhenIdle } from './warmup';

/** The plugin id; its settings schema is `schema/plugin.json`. */
export const PLUGIN_ID = 'jupyterlab-chexmask:plugin';

/**
 * The renderers' rank: lower wins, and it must beat every fallback the kernel
 * side puts in the same bundle (`image/png` ranks 90, `text/html` 50).
 */
export const RENDERER_RANK = 10;

/**
 * A safe renderer factory for one CheXmask MIME type whose views share the
 * live settings.
 */
function viewFactory(
  mimeType: string,
  create: (options: IRenderMime.IRendererOptions) => IRenderMime.IRenderer
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [mimeType],
    defaultRank: RENDERER_RANK,
    createRenderer: create
  };
}

/** The renderer factory of CheXmask rows, bound to the live settings. */
export function rowRendererFactory(
  settings: SettingsModel
): IRenderMime.IRendererFactory {
  return viewFactory(
    MIME_ROW,
    options => new RowOverlayView(options, settings)
  );
}

/** The renderer factory of RCA histograms, bound to the live settings. */
export function rcaRendererFactory(
  settings: SettingsModel
): IRenderMime.IRendererFactory {
  return viewFactory(
    MIME_RCA,
    options => new RcaHistogramView(options, settings)
  );
}

/** The renderer factory of landmark plots, bound to the live settings. */
export function landmarksRendererFactory(
  settings: SettingsModel
): IRenderMime.IRendererFactory {
  return viewFactory(
    MIME_LANDMARKS,
    options => new LandmarkPlotView(options, settings)
  );
}

/**
 * The application plugin: registers the CheXmask renderers with the notebook's
 * rendermime registry and keeps their settings live.
 */
export const chexmaskPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Interactive CheXmask mask overlays, RCA histograms and landmark plots in notebook outputs.',
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
    rendermime.addFactory(rowRendererFactory(settings), RENDERER_RANK);
    rendermime.addFactory(rcaRendererFactory(settings), RENDERER_RANK);
    rendermime.addFactory(landmarksRendererFactory(settings), RENDERER_RANK);
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
