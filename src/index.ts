/**
 * jupyterlab-chexmask: the JupyterLab plugin (default export) and, for other
 * extensions and scripts, the exact decoding core and the views.
 */
import { chexmaskPlugin } from './plugin';

export * from './core';
export * from './settings';
export { MIME_ROW, RowOverlayView, ROW_VIEW_CLASS } from './row';
export * from './rca';
export * from './landmarks';
export {
  PLUGIN_ID,
  RENDERER_RANK,
  rcaRendererFactory,
  rowRendererFactory
} from './plugin';

export default chexmaskPlugin;
