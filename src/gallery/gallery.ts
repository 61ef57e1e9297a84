/**
 * A built gallery: header, controls, readout, the virtualised grid and, when
 * a tile is opened, the row large in its place, as one object, so a built
 * view's parts are never half there.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { h, IBuiltView, IMaskStyle, organRgb, whenIdle } from '../common';
import { SettingsModel } from '../settings';
import { ExportKind, ExportScope, GalleryControls } from './controls';
import { TileGrid } from './grid';
import { galleryHeader } from './header';
import { GalleryReadout } from './hover';
import { LargeRow, warmLargeRow } from './large';
import { IGalleryPayload } from './payload';
import { exportRows } from './row-export';
import { GalleryItem } from './tile-payload';
import {
  datasetCounts,
  IGalleryState,
  moveFocus,
  select,
  selectAllShown,
  selectedItems,
  SelectGesture,
  shownItems
} from './state';

/** What a gallery needs from its view. */
export interface IGalleryHost {
  /** The gallery view's renderer options (for the row view opened large). */
  options: IRenderMime.IRendererOptions;
  settings: SettingsModel;
  /** The view node's `data-*`, where tests read timings and exports. */
  dataset: DOMStringMap;
  /** A prefix unique to the view, for DOM ids. */
  prefix: string;
  /** A file name for downloads, without extension. */
  fileName(): string;
  /**
   * Why a row carries no landmarks, said when it is opened large at tile
   * size (default: the row has none). Example rows of a histogram leave
   * them out to keep its payload small.
   */
  withoutLandmarks?: string;
}

/** The built gallery (see the module's comment). */
export class Gallery implements IBuiltView {
  readonly nodes: HTMLElement[];
  readonly grid: TileGrid;
  private _shown: GalleryItem[] = [];
  private readonly _controls: GalleryControls;
  private readonly _readout: GalleryReadout;
  private readonly _gridPanel: HTMLElement;
  private readonly _largePanel: HTMLElement;
  private _large: LargeRow | null = null;
  private _disposed = false;

  constructor(
    readonly payload: IGalleryPayload,
    private readonly _state: IGalleryState,
    private readonly _host: IGalleryHost
  ) {
    this.grid = new TileGrid({
      prefix: _host.prefix,
      style: () => this.style(),
      threshold: () => _host.settings.current.rcaThreshold,
      isSelected: index => _state.selected.has(index)
    });
    this._controls = new GalleryControls(
      payload,
      _state,
      datasetCounts(payload),
      {
        change: patch => this._change(patch),
        selectAllShown: () => {
          selectAllShown(_state, this._shown);
          this._selectionChanged();
        },
        clearSelection: () => {
          _state.selected.clear();
          _state.anchor = null;
          this._selectionChanged();
        },
        exportRows: (kind, scope) => void this._export(kind, scope)
      }
    );
    this._readout = new GalleryReadout(payload.columns);
    this._gridPanel = h('div', { className: 'jp-chexmask-gallery-panel' }, [
      this._readout.node,
      this.grid.node
    ]);
    this._largePanel = h('div', {
      className: 'jp-chexmask-gallery-large-panel'
    });
    this._largePanel.hidden = true;
    this.nodes = [
      galleryHeader(payload),
      this._controls.node,
      this._gridPanel,
      this._largePanel
    ];
    this._listen();
  }

  /** The items shown, in order. */
  get shown(): ReadonlyArray<GalleryItem> {
    return this._shown;
  }

  /** How masks are painted, from the settings. */
  style(): IMaskStyle {
    const s = this._host.settings.current;
    return {
      colors: organRgb(s.colors),
      visible: { rightLung: true, leftLung: true, heart: true },
      opacity: s.opacity,
      mode: s.drawMode
    };
  }

  /** Lay out and paint the first screen (the node must be in the page for sizes). */
  start(): void {
    // In an idle moment, start the shared worker (if no view has yet) and
    // warm its code, so the first tile opened large does not wait for either.
    void whenIdle().then(
      () => this._disposed || warmLargeRow(this.payload.items)
    );
    this._refresh();
    this.grid.node.scrollTop = this._state.scrollTop;
    this.grid.render();
    if (this._state.open !== null) {
      this._open(this._state.open, false);
    }
  }

  /** New settings: repaint the tiles (and the opened row follows its own). */
  restyle(): void {
    this.grid.restyle();
  }

  dispose(): void {
    this._disposed = true;
    this._state.scrollTop = this.grid.node.scrollTop;
    this.grid.dispose();
    this._large?.dispose();
    this._large = null;
  }

  /** Filter and sort again, keep the focus on its row if still shown. */
  private _refresh(): void {
    this._shown = shownItems(this.payload, this._state);
    this.grid.setItems(this._shown);
    this._host.dataset.shown = String(this._shown.length);
    this._counts();
    this._showFocus(false);
  }

  private _change(patch: Partial<IGalleryState>): void {
    Object.assign(this._state, patch);
    if (Object.keys(patch).every(key => key === 'exportScope')) {
      return; // nothing shown changes
    }
    this.grid.node.scrollTop = 0;
    this._refresh();
  }

  private _counts(): void {
    this._controls.setCounts(
      this._shown.length,
      this.payload.items.length,
      this._state.selected.size
    );
    this._host.dataset.selected = String(this._state.selected.size);
  }

  private _selectionChanged(): void {
    this.grid.refreshSelection();
    this._counts();
  }

  /** Clicks, keys and the pointer over the grid. */
  private _listen(): void {
    const grid = this.grid.node;
    grid.addEventListener('click', event => {
      const position = this._positionAt(event.target);
      if (position < 0) {
        return;
      }
      const onCheck = (event.target as HTMLElement).classList.contains(
        'jp-chexmask-tile-select'
      );
      this._focus(position);
      if (event.shiftKey) {
        this._select(position, 'range');
      } else if (onCheck || event.ctrlKey || event.metaKey) {
        this._select(position, 'toggle');
      } else {
        this._open(this._shown[position].index, true);
      }
    });
    grid.addEventListener('keydown', event => this._key(event));
    grid.addEventListener('pointerover', event => {
      const position = this._positionAt(event.target);
      if (position >= 0) {
        this._readout.show(this._shown[position]);
      }
    });
    grid.addEventListener('focus', () => this._showFocus(true));
  }

  /** The shown position of the tile an event happened in, or -1. */
  private _positionAt(target: EventTarget | null): number {
    const tile =
      target instanceof Element ? target.closest('.jp-chexmask-tile') : null;
    const index = tile ? Number((tile as HTMLElement).dataset.index) : NaN;
    return Number.isInteger(index) ? this.grid.positionOf(index) : -1;
  }

  private _key(event: KeyboardEvent): void {
    if (this._handleKey(event)) {
      // The notebook must not also act on it (arrows select cells, Enter edits).
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** Act on a key in the grid; whether it was the grid's. */
  private _handleKey(event: KeyboardEvent): boolean {
    const position = Math.max(0, this._focusPosition());
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      selectAllShown(this._state, this._shown);
      this._selectionChanged();
      return true;
    }
    if (event.key === 'Enter') {
      if (this._shown[position]) {
        this._open(this._shown[position].index, true);
      }
      return true;
    }
    if (event.key === ' ') {
      this._focus(position);
      this._select(position, event.shiftKey ? 'range' : 'toggle');
      return true;
    }
    const next = moveFocus(
      position,
      event.key,
      this.grid.columns,
      this._shown.length,
      this.grid.pageRows
    );
    if (next === null) {
      return false;
    }
    this._focus(next);
    return true;
  }

  private _select(position: number, gesture: SelectGesture): void {
    select(this._state, this._shown, position, gesture);
    this._selectionChanged();
  }

  /** The shown position of the focused row (-1 when none is shown). */
  private _focusPosition(): number {
    const focus = this._state.focus;
    return focus === null ? -1 : this.grid.positionOf(focus);
  }

  private _focus(position: number): void {
    const item = this._shown[position];
    if (!item) {
      return;
    }
    this._state.focus = item.index;
    this.grid.scrollToPosition(position);
    this._showFocus(true);
  }

  /** Mark the focused tile (the grid's active descendant) and say what it is. */
  private _showFocus(announce: boolean): void {
    const grid = this.grid.node;
    grid
      .querySelectorAll('.jp-chexmask-tile-focus')
      .forEach(node => node.classList.remove('jp-chexmask-tile-focus'));
    let position = this._focusPosition();
    if (position < 0 && announce && this._shown.length) {
      this._state.focus = this._shown[0].index;
      position = 0;
    }
    const item = this._shown[position];
    const tile = item ? this.grid.tile(item.index) : undefined;
    if (!item || !tile) {
      grid.removeAttribute('aria-activedescendant');
      return;
    }
    tile.node.classList.add('jp-chexmask-tile-focus');
    grid.setAttribute('aria-activedescendant', tile.node.id);
    if (announce) {
      this._readout.show(item);
    }
  }

  /** Open a row large in place of the grid (error rows have nothing to open). */
  private _open(index: number, focus: boolean): void {
    const item = this.payload.items[index];
    if (!item || item.kind !== 'tile') {
      return;
    }
    this._state.scrollTop = this.grid.node.scrollTop;
    this._state.open = index;
    this._state.focus = index;
    this._large?.dispose();
    const large = new LargeRow(
      item,
      this._host.options,
      this._host.settings,
      () => this._close(),
      this._host.withoutLandmarks
    );
    this._large = large;
    this._gridPanel.hidden = true;
    this._largePanel.hidden = false;
    this._largePanel.replaceChildren(large.node);
    this._host.dataset.open = String(index);
    if (focus) {
      large.focus();
    }
    void large.show().then(() => {
      if (!this._disposed && this._large === large) {
        this._host.dataset.openMs = large.node.dataset.openMs;
      }
    });
  }

  /** Back to the grid, where it was, with the focus on the row that was open. */
  private _close(): void {
    this._large?.dispose();
    this._large = null;
    this._state.open = null;
    this._largePanel.replaceChildren();
    this._largePanel.hidden = true;
    this._gridPanel.hidden = false;
    delete this._host.dataset.open;
    this.grid.node.scrollTop = this._state.scrollTop;
    this.grid.render();
    this.grid.node.focus({ preventScroll: true });
    this._showFocus(true);
  }

  private _export(kind: ExportKind, scope: ExportScope): Promise<void> {
    const items =
      scope === 'selected'
        ? selectedItems(this.payload, this._state, this._shown)
        : this._shown;
    return exportRows(kind, scope, items, this.payload.columns, {
      dataset: this._host.dataset,
      fileName: () => this._host.fileName(),
      setStatus: (text, fallback) => this._controls.setStatus(text, fallback)
    });
  }
}
