/**
 * @jest-environment jsdom
 */
/**
 * A settings change reaches what a gallery shows, as it reaches every other
 * view: the tiles repaint in the new organ colours (and their badges follow
 * the new threshold), and so does a row opened large, in the pixels its
 * canvases really hold (the recording 2D context keeps them); the example
 * rows under an RCA histogram too.
 */
import { contextOf, installBrowserStubs } from '../../__tests__/browser-stubs';
import { Widget } from '@lumino/widgets';
import {
  fakeModel,
  rendererOptions,
  settle
} from '../../__tests__/view-harness';
import { SettingsModel } from '../../settings';
import { rcaPayload } from '../../__tests__/valid-payloads';
import { MIME_RCA, RcaHistogramView } from '../../rca';
import { GalleryView } from '../view';
import { MIME_GALLERY } from '../payload';
import { smallGallery } from './fixtures';

/** The distinct opaque-ish colours (r,g,b) a canvas holds now. */
function colours(canvas: HTMLCanvasElement): Set<string> {
  const context = contextOf(canvas);
  expect(context).toBeDefined();
  const { data } = context!.getImageData(0, 0, canvas.width, canvas.height);
  const found = new Set<string>();
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0) {
      found.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    }
  }
  return found;
}

function keyDown(target: Element, key: string): void {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
  );
}

const FIRST = {
  rightLung: '#00ff00',
  leftLung: '#0000ff',
  heart: '#ff00ff'
};
const SECOND = {
  rightLung: '#102030',
  leftLung: '#405060',
  heart: '#708090'
};

describe('a gallery follows the settings', () => {
  let view: GalleryView | null = null;
  afterEach(() => {
    if (view?.isAttached) {
      Widget.detach(view);
    }
    view?.dispose();
    view = null;
  });

  it('tiles and the row opened large repaint in new colours; badges follow the threshold', async () => {
    installBrowserStubs();
    const settings = new SettingsModel();
    view = new GalleryView(rendererOptions(MIME_GALLERY), settings);
    view.lazy = false;
    Widget.attach(view, document.body);
    await view.renderModel(fakeModel(MIME_GALLERY, smallGallery()));
    await settle();
    const node = view.node;
    const tile = node.querySelector<HTMLCanvasElement>(
      '.jp-chexmask-tile-masks'
    )!;
    const before = colours(tile);
    // The default colours: the right lung's #e6194b is painted.
    expect(before.has('230,25,75')).toBe(true);

    settings.update({ colors: FIRST, opacity: 1, drawMode: 'filled' });
    const after = colours(tile);
    expect(after.has('0,255,0')).toBe(true);
    expect(after.has('230,25,75')).toBe(false);

    // The threshold badge follows the settings' threshold.
    const lowBefore = node.querySelectorAll('.jp-chexmask-tile-low').length;
    settings.update({
      colors: FIRST,
      opacity: 1,
      drawMode: 'filled',
      rcaThreshold: 1
    });
    const lowAfter = node.querySelectorAll('.jp-chexmask-tile-low').length;
    expect(lowAfter).toBeGreaterThan(lowBefore);

    // Open the first tile large: the row view paints in the current colours ...
    const grid = node.querySelector('.jp-chexmask-gallery-grid')!;
    grid.dispatchEvent(new FocusEvent('focus'));
    keyDown(grid, 'Home');
    keyDown(grid, 'Enter');
    await settle();
    await settle();
    const large = node.querySelector('.jp-chexmask-gallery-large')!;
    const rowView = large.querySelector<HTMLElement>('.jp-chexmask-RowView')!;
    expect(rowView.dataset.state).toBe('painted');
    const masks = large.querySelector<HTMLCanvasElement>(
      'canvas.jp-chexmask-masks'
    )!;
    expect(colours(masks).has('0,255,0')).toBe(true);

    // ... and again after a change, with the tiles behind it.
    settings.update({ colors: SECOND, opacity: 1, drawMode: 'filled' });
    await settle();
    const large2 = colours(masks);
    expect(large2.has('16,32,48')).toBe(true);
    expect(large2.has('0,255,0')).toBe(false);
    expect(colours(tile).has('16,32,48')).toBe(true);
  });

  it('the example rows under an RCA histogram repaint in new colours', async () => {
    installBrowserStubs();
    const settings = new SettingsModel();
    const payload = rcaPayload();
    const rows = (smallGallery().rows as Array<Record<string, unknown>>).map(
      row => ({ ...row, band: 18 })
    );
    (payload.datasets as Array<Record<string, unknown>>)[0].examples = {
      bandWidth: 0.05,
      perBand: 8,
      rows
    };
    const rca = new RcaHistogramView(rendererOptions(MIME_RCA), settings);
    rca.lazy = false;
    Widget.attach(rca, document.body);
    try {
      await rca.renderModel(fakeModel(MIME_RCA, payload));
      await settle();
      const band = rca.node.querySelector<HTMLSelectElement>(
        'select.jp-chexmask-rca-band'
      )!;
      band.value = '18';
      band.dispatchEvent(new Event('change'));
      const tile = rca.node.querySelector<HTMLCanvasElement>(
        '.jp-chexmask-rca-examples .jp-chexmask-tile-masks'
      )!;
      expect(colours(tile).has('230,25,75')).toBe(true);
      settings.update({ colors: FIRST, opacity: 1, drawMode: 'filled' });
      expect(colours(tile).has('0,255,0')).toBe(true);
      expect(colours(tile).has('230,25,75')).toBe(false);
    } finally {
      Widget.detach(rca);
      rca.dispose();
    }
  });
});
