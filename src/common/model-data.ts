import { IRenderMime } from '@jupyterlab/rendermime-interfaces';

/**
 * A model's MIME bundle, read without copying when the model allows it.
 * JupyterLab's output models deep-copy their whole bundle through JSON on
 * every read of `data` (about 25 ms and 11 MB of garbage for a 10,000-row
 * landmark plot, inside the task that receives the output); their `toJSON()`
 * (`IOutputModel`) hands the bundle as stored. Views only read payloads and
 * write new bundles (`setData`), never change the stored one, so sharing it
 * is safe. Other models (a plain `MimeModel`) are read through `data`.
 */
export function mimeBundle(
  model: IRenderMime.IMimeModel
): IRenderMime.IMimeModel['data'] {
  const toJSON = (model as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const output = toJSON.call(model) as { data?: unknown } | null | undefined;
    const data = output?.data;
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      return data as IRenderMime.IMimeModel['data'];
    }
  }
  return model.data;
}

/** One MIME type's data of a model, without copying the bundle (see {@link mimeBundle}). */
export function mimeData(
  model: IRenderMime.IMimeModel,
  mimeType: string
): unknown {
  return mimeBundle(model)[mimeType];
}
