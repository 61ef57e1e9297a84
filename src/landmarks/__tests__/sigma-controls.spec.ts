/**
 * @jest-environment jsdom
 */
/**
 * The "Colour by" control of a landmark plot whose rows carry CheXmask-U's
 * σ (synthetic: core/__tests__/chexmask-u.ts), in the real view.
 */
// First: the harness defines the globals Lumino needs when it is imported.
import {
  createView,
  disposeView,
  renderPayload
} from '../../__tests__/view-harness';
import { syntheticStd } from '../../core/__tests__/chexmask-u';
import { landmarkPayload } from '../../__tests__/valid-payloads';

type Json = Record<string, unknown>;

function withSigma(n: number): Json {
  const data = landmarkPayload(n);
  (data.rows as Json[]).forEach((row, i) => (row.sigma = syntheticStd(i)));
  return data;
}

describe('colouring a landmark plot by σ', () => {
  it('offers σ with a colour bar shown only while colouring by it', async () => {
    const under = createView('landmarks');
    expect((await renderPayload(under, withSigma(6))).state).toBe('painted');
    const node = under.view.node;
    const choice = node.querySelector<HTMLSelectElement>(
      'select.jp-chexmask-lm-color-by'
    )!;
    const bar = node.querySelector('svg.jp-chexmask-color-bar')!;
    const legend = bar.parentElement!;
    expect(choice.value).toBe('group');
    expect(legend.hidden).toBe(true);
    choice.value = 'sigma';
    choice.dispatchEvent(new Event('change'));
    expect(node.dataset.colorBy).toBe('sigma');
    expect(legend.hidden).toBe(false);
    expect(Number(bar.getAttribute('data-max'))).toBeGreaterThan(0);
    choice.value = 'group';
    choice.dispatchEvent(new Event('change'));
    expect(legend.hidden).toBe(true);
    disposeView(under);
  });

  it('is not offered without σ, nor for one row', async () => {
    for (const payload of [landmarkPayload(4), withSigma(1)]) {
      const under = createView('landmarks');
      expect((await renderPayload(under, payload)).state).toBe('painted');
      expect(
        under.view.node.querySelector('.jp-chexmask-lm-color-by')
      ).toBeNull();
      disposeView(under);
    }
  });
});
