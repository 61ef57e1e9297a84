/**
 * jupyterlab-chexmask, the npm package's public API. For JupyterLab: the
 * plugin (default export). For other extensions and scripts:
 *
 * - the exact decoding core (`parseRow`, `decodeRle`, `organRuns`, …), which
 *   needs no DOM and runs in Node, browsers and workers;
 * - the six MIME types, the checks of their payloads (each throws a
 *   `ChexmaskFormatError` naming the field at fault) and what they return,
 *   and the merge of histogram payloads of parts of a table;
 * - the six views, their settings, and the renderer factories that bind
 *   them to settings, to register them with another rendermime registry.
 *
 * Nothing else is exported: the views' parts are internal and may be
 * renamed or moved in any release.
 */
import { chexmaskPlugin } from './plugin';

export * from './core';

export { MIME_ROW, parseRowPayload, RowOverlayView } from './row';
export type { IEmbeddedImage, IParsedRowPayload } from './row';

export { MIME_RCA, parseRcaPayload, RcaHistogramView } from './rca';
export type { IRcaDataset, IRcaPayload, IScoreHistogram } from './rca';

export {
  HistogramView,
  mergeHistograms,
  MIME_HISTOGRAM,
  parseHistogramPayload
} from './histogram';
export type { IHistogramGroup, IHistogramPayload } from './histogram';

export {
  LandmarkPlotView,
  MIME_LANDMARKS,
  parseLandmarkPayload
} from './landmarks';
export type {
  IParsedLandmarkPayload,
  IParsedLandmarkRow,
  LandmarkFrame
} from './landmarks';

export { CompareView, MIME_COMPARE, parseComparePayload } from './compare';
export type { IOrganMetrics, IParsedComparePayload } from './compare';
export { GalleryView, MIME_GALLERY, parseGalleryPayload } from './gallery';
export type { GalleryItem, IGalleryPayload, IGalleryTile } from './gallery';

export { SettingsModel } from './settings';
export type { IChexmaskSettings } from './settings';
export { rendererFactories } from './plugin';

export default chexmaskPlugin;
