/**
 * Where a comparison is painted first: in the shared worker, before the view
 * is built around the bitmaps (layers without a worker key are painted on
 * this thread by their own `MaskLayer` or `PaintedLayer` once built).
 */
import { OrganKey } from '../core';
import { runInWorker } from '../worker/client';
import { ILayerStyles, LayerKeys, LayerName } from './layers';
import { IParsedComparePayload } from './payload';
import { ICompareState, shownLayers } from './state';

/** Bitmaps the worker painted before the view was built, by layer. */
export type FirstPaint = Partial<Record<LayerName, ImageBitmap>>;

/**
 * Paint, in the worker, the layers a state shows: the first paint, before
 * the view is built around it (so the view's paint time includes it).
 */
export async function paintFirst(
  payload: IParsedComparePayload,
  keys: LayerKeys,
  styles: ILayerStyles,
  state: ICompareState
): Promise<FirstPaint> {
  const { height, width } = payload;
  const shown = shownLayers(state.mode);
  const a = payload.a.runs;
  const b = payload.b.runs;
  const jobs: Array<Promise<[LayerName, ImageBitmap]>> = [];
  const side = (name: 'a' | 'b', runs: Record<OrganKey, Int32Array>) => {
    const key = keys[name];
    if (shown[name] && key !== null) {
      jobs.push(
        runInWorker('masks', {
          key,
          runs,
          height,
          width,
          style: styles[name]
        }).then(bitmap => [name, bitmap])
      );
    }
  };
  side('a', a);
  side('b', b);
  const key = keys.agreement;
  if (shown.agreement && key !== null) {
    jobs.push(
      runInWorker('agreement', {
        key,
        a,
        b,
        height,
        width,
        style: styles.agreement
      }).then(bitmap => ['agreement', bitmap])
    );
  }
  return Object.fromEntries(await Promise.all(jobs)) as FirstPaint;
}
