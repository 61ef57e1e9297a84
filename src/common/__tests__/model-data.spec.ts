/**
 * Reading a model's bundle without JupyterLab's copy on every `data` read:
 * through `toJSON()` when the model has it, else through `data`.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { mimeBundle, mimeData } from '../model-data';

const MIME = 'application/vnd.chexmask.landmarks.v1+json';

/** A model like JupyterLab's output model: `data` copies, `toJSON` does not. */
function outputModel(stored: Record<string, unknown>): {
  model: IRenderMime.IMimeModel;
  copies: () => number;
} {
  let copies = 0;
  const model = {
    get data() {
      copies++;
      return JSON.parse(JSON.stringify(stored));
    },
    metadata: {},
    trusted: true,
    setData: () => undefined,
    toJSON: () => ({ output_type: 'display_data', data: stored, metadata: {} })
  } as unknown as IRenderMime.IMimeModel;
  return { model, copies: () => copies };
}

describe('mimeData', () => {
  it('reads an output model stored bundle, without a copy', () => {
    const payload = { version: 1, rows: [{ landmarks: '1,2' }] };
    const { model, copies } = outputModel({
      [MIME]: payload,
      'text/plain': 'x'
    });
    expect(mimeData(model, MIME)).toBe(payload);
    expect(mimeData(model, 'image/png')).toBeUndefined();
    expect(mimeBundle(model)['text/plain']).toBe('x');
    expect(copies()).toBe(0);
  });

  it('reads a plain model through data', () => {
    const payload = { version: 1 };
    const model = {
      data: { [MIME]: payload },
      metadata: {},
      trusted: true,
      setData: () => undefined
    } as unknown as IRenderMime.IMimeModel;
    expect(mimeData(model, MIME)).toBe(payload);
  });

  it('falls back to data when toJSON holds no bundle', () => {
    const payload = { version: 1 };
    for (const odd of [
      null,
      {},
      { data: null },
      { data: [1] },
      { data: 'x' }
    ]) {
      const model = {
        data: { [MIME]: payload },
        metadata: {},
        trusted: true,
        setData: () => undefined,
        toJSON: () => odd
      } as unknown as IRenderMime.IMimeModel;
      expect(mimeData(model, MIME)).toBe(payload);
    }
  });
});
