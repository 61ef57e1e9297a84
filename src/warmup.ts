import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import {
  encodeRle,
  fillPolygon,
  formatLandmarks,
  LandmarkPoint,
  ORGANS
} from './core';
import { PAYLOAD_VERSION } from './common/payload';
import { IRowPayload, MIME_ROW, RowOverlayView } from './row';
import { SettingsModel } from './settings';

/**
 * Render a synthetic row once, off screen, while the browser is idle after
 * start-up. V8 compiles a function on its first call and optimises it after
 * it has run; without this the user's first output pays for compiling the
 * decoder, painter and view (measured: ~40 ms for the first 1024² row in a
 * fresh page against ~10 ms for the next ones). The row is of CheXmask's
 * common size, 1024²: the worker's pixel buffers of that size are made now,
 * and the view's canvas is left in the canvas pool for the first output.
 */
export function warmUpWhenIdle(settings: SettingsModel): void {
  const run = (): void => {
    try {
      warmUp(settings);
    } catch (error) {
      console.debug('jupyterlab-chexmask: warm-up skipped', error);
    }
  };
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(run, { timeout: 5000 });
  } else {
    setTimeout(run, 1000);
  }
}

function warmUp(settings: SettingsModel): void {
  const size = WARM_UP_SIZE;
  const unit = size / 64;
  const landmarks: LandmarkPoint[] = [];
  for (const organ of ORGANS) {
    const n = organ.end - organ.start;
    const cx = 16 + 16 * ORGANS.indexOf(organ);
    for (let k = 0; k < n; k++) {
      const angle = (2 * Math.PI * k) / n;
      landmarks.push([
        Math.round(unit * (cx + 10 * Math.cos(angle))),
        Math.round(unit * (32 + 20 * Math.sin(angle)))
      ]);
    }
  }
  const row: Record<string, unknown> = {
    image_id: 'warm-up',
    'Dice RCA (Mean)': 0.8,
    'Dice RCA (Max)': 0.9,
    Landmarks: formatLandmarks(landmarks),
    Height: size,
    Width: size
  };
  for (const organ of ORGANS) {
    row[organ.column] = encodeRle(
      fillPolygon(landmarks.slice(organ.start, organ.end), size, size),
      size,
      size
    );
  }
  const view = new RowOverlayView(
    {
      mimeType: MIME_ROW,
      sanitizer: undefined as never,
      resolver: null,
      linkHandler: null,
      latexTypesetter: null
    } as IRenderMime.IRendererOptions,
    settings
  );
  // Off screen, so it must paint at once rather than when scrolled into view.
  view.lazy = false;
  const payload: IRowPayload = { version: PAYLOAD_VERSION, row };
  const model = {
    data: { [MIME_ROW]: payload },
    metadata: {},
    trusted: true
  } as unknown as IRenderMime.IMimeModel;
  void view
    .renderModel(model)
    .finally(() => setTimeout(() => view.dispose(), 100));
}

/** The warm-up row's side: CheXmask's preprocessed masks are 1024². */
const WARM_UP_SIZE = 1024;
