/**
 * @jest-environment jsdom
 */
/**
 * The gallery view in jsdom through its real `renderModel`: tiles and an
 * error tile, keyboard focus and selection, the exports' text, a tile
 * opened large (the row view, drawn from the landmark rings) and closed
 * with Esc, and untrusted text kept as text.
 */
import { installBrowserStubs } from '../../__tests__/browser-stubs';
import { Widget } from '@lumino/widgets';
import {
  fakeModel,
  rendererOptions,
  settle
} from '../../__tests__/view-harness';
import { SettingsModel } from '../../settings';
import { GalleryView } from '../view';
import { MIME_GALLERY } from '../payload';
import { smallGallery } from './fixtures';

async function render(payload: unknown): Promise<GalleryView> {
  installBrowserStubs();
  const view = new GalleryView(
    rendererOptions(MIME_GALLERY),
    new SettingsModel()
  );
  view.lazy = false;
  Widget.attach(view, document.body);
  await view.renderModel(fakeModel(MIME_GALLERY, payload));
  await settle();
  return view;
}

function key(target: Element, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    ...init
  });
  target.dispatchEvent(event);
  return event;
}

describe('GalleryView', () => {
  let view: GalleryView | null = null;
  afterEach(() => {
    if (view?.isAttached) {
      Widget.detach(view);
    }
    view?.dispose();
    view = null;
  });

  it('draws tiles and an error tile naming the field; keys move, select, open and close', async () => {
    const payload = smallGallery();
    const rows = payload.rows as Array<Record<string, unknown>>;
    rows[1].height = 0;
    rows[2].id = '<img src=x onerror=alert(1)>';
    view = await render(payload);
    const node = view.node;
    expect(node.dataset.state).toBe('painted');
    expect(node.dataset.shown).toBe('3');
    const tiles = node.querySelectorAll('.jp-chexmask-tile');
    expect(tiles).toHaveLength(3);
    const error = node.querySelector('.jp-chexmask-tile-error')!;
    expect(error.textContent).toContain('Field: rows[1].height');
    expect(node.querySelector('img[src=x]')).toBeNull();
    expect(node.textContent).toContain('<img src=x onerror=alert(1)>');

    const grid = node.querySelector('.jp-chexmask-gallery-grid')!;
    (grid as HTMLElement).focus();
    grid.dispatchEvent(new FocusEvent('focus'));
    expect(key(grid, 'End').defaultPrevented).toBe(true);
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-tile-2$/);
    key(grid, 'ArrowLeft');
    key(grid, 'ArrowLeft');
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-tile-0$/);
    key(grid, ' ');
    expect(node.dataset.selected).toBe('1');
    key(grid, 'a', { ctrlKey: true });
    expect(node.dataset.selected).toBe('3');
    // Keys the grid does not use go on to the notebook.
    expect(key(grid, 'x').defaultPrevented).toBe(false);

    node
      .querySelector<HTMLButtonElement>('.jp-chexmask-gallery-export-ids')!
      .click();
    await settle();
    expect(node.dataset.exported).toBe(
      ['small-0', 'small-1', '<img src=x onerror=alert(1)>'].join('\n')
    );

    key(grid, 'Enter');
    const large = node.querySelector('.jp-chexmask-gallery-large')!;
    expect(large.getAttribute('data-source')).toBe('landmarks');
    await settle();
    await settle();
    const rowView = large.querySelector('.jp-chexmask-RowView') as HTMLElement;
    expect(rowView.dataset.state).toBe('painted');
    expect(rowView.textContent).toContain('small-0');
    expect(rowView.textContent).toContain(
      'Masks drawn from the landmark rings'
    );
    key(large.querySelector('.jp-chexmask-gallery-back')!, 'Escape');
    expect(node.querySelector('.jp-chexmask-gallery-large')).toBeNull();
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-tile-0$/);
  });

  it('a wrong frame is the error panel naming the field', async () => {
    view = await render({ version: 1, rows: 'none' });
    expect(view.node.dataset.state).toBe('error');
    expect(view.node.textContent).toContain('Field: rows');
  });
});
