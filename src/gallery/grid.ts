/**
 * The gallery's grid: a scroller with one spacer as tall as all the shown
 * rows, and tiles only for the rows within (and just around) the visible
 * part, made when they scroll in and dropped when they scroll out. A grid
 * of 100,000 rows costs the tiles of one screen, and a scroll frame costs
 * only the tiles that came into view.
 */
import { IMaskStyle, recordSpan } from '../common';
import { GalleryItem } from './tile-payload';
import { ITileElement, makeTile, tileId } from './tile';

/** A grid cell: the tile (136 px square picture and its caption) and the gap. */
export const CELL_WIDTH = 148;
export const CELL_HEIGHT = 210;
/** Rows of tiles made beyond the visible ones, above and below. */
const OVERSCAN_ROWS = 1;
/** The grid's height at most, as a share of the window's. */
const MAX_HEIGHT_SHARE = 0.7;
/**
 * Main-thread time one render may spend making tiles (ms), and making and
 * painting them: the rest wait for the next frame, so a fast scroll never
 * makes one long task. A tile is made (its elements) in one step and
 * painted (its canvas: a 2D context and its pixels) in another, so the
 * budget is checked between smaller steps.
 */
const MAKE_BUDGET_MS = 3;
const FRAME_BUDGET_MS = 5;

/** What the grid asks of its gallery. */
export interface IGridHost {
  /** Prefix of the tiles' DOM ids. */
  prefix: string;
  /** How masks are painted now. */
  style(): IMaskStyle;
  /** The RCA threshold now. */
  threshold(): number;
  /** Whether the row at payload index `index` is selected. */
  isSelected(index: number): boolean;
}

/** The range of shown positions that have tiles. */
export interface IGridWindow {
  first: number;
  /** One past the last. */
  end: number;
}

/** Tiles to make for a scroll position (pure; see the module's comment). */
export function gridWindow(
  scrollTop: number,
  viewportHeight: number,
  columns: number,
  count: number
): IGridWindow {
  const firstRow = Math.max(
    0,
    Math.floor(scrollTop / CELL_HEIGHT) - OVERSCAN_ROWS
  );
  const endRow =
    Math.ceil((scrollTop + viewportHeight) / CELL_HEIGHT) + OVERSCAN_ROWS;
  return {
    first: Math.min(count, firstRow * columns),
    end: Math.min(count, endRow * columns)
  };
}

/** The virtualised grid (see the module's comment). */
export class TileGrid {
  /** The scroller: focusable, a multi-select list box for assistive technology. */
  readonly node: HTMLElement;
  private readonly _spacer: HTMLElement;
  private _items: GalleryItem[] = [];
  private _positions = new Map<number, number>();
  private readonly _tiles = new Map<number, ITileElement>();
  /** Tiles made but not painted yet, by payload index. */
  private readonly _unpainted = new Set<number>();
  private _frame = 0;
  private _columns = 1;
  private readonly _resize: ResizeObserver | null;

  constructor(private readonly _host: IGridHost) {
    this._spacer = document.createElement('div');
    this._spacer.className = 'jp-chexmask-gallery-spacer';
    this.node = document.createElement('div');
    this.node.className = 'jp-chexmask-gallery-grid';
    this.node.tabIndex = 0;
    this.node.setAttribute('role', 'listbox');
    this.node.setAttribute('aria-multiselectable', 'true');
    this.node.setAttribute(
      'aria-label',
      'Tiles: arrow keys move, Enter opens, Space selects, Shift+Space selects a range, Ctrl+A selects all shown'
    );
    this.node.appendChild(this._spacer);
    this.node.addEventListener('scroll', () => this._schedule(), {
      passive: true
    });
    this._resize =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => this._schedule())
        : null;
    this._resize?.observe(this.node);
  }

  /** The shown items, in order. */
  get items(): ReadonlyArray<GalleryItem> {
    return this._items;
  }

  /** Tiles per row at the grid's width now. */
  get columns(): number {
    return this._columns;
  }

  /** Rows of tiles in one screen of the grid. */
  get pageRows(): number {
    return Math.max(1, Math.floor(this._viewportHeight() / CELL_HEIGHT));
  }

  /** Where a payload index is shown, or -1. */
  positionOf(index: number): number {
    return this._positions.get(index) ?? -1;
  }

  /** Show these items (a new sort or filter): tiles are made anew. */
  setItems(items: GalleryItem[]): void {
    this._items = items;
    this._positions = new Map(items.map((item, i) => [item.index, i]));
    for (const tile of this._tiles.values()) {
      tile.node.remove();
    }
    this._tiles.clear();
    this._unpainted.clear();
    this.render();
  }

  /** Make the tiles now in view and drop the others; in one go. */
  render(): void {
    this._frame = 0;
    const started = performance.now();
    const width = this.node.clientWidth;
    this._columns = Math.max(
      1,
      Math.floor((width > 0 ? width : 4 * CELL_WIDTH) / CELL_WIDTH)
    );
    const rows = Math.ceil(this._items.length / this._columns);
    this._spacer.style.height = `${rows * CELL_HEIGHT}px`;
    this.node.style.height = `${Math.max(
      CELL_HEIGHT,
      Math.min(
        rows * CELL_HEIGHT + 8,
        Math.round(MAX_HEIGHT_SHARE * window.innerHeight) || 600
      )
    )}px`;
    const { first, end } = gridWindow(
      this.node.scrollTop,
      this._viewportHeight(),
      this._columns,
      this._items.length
    );
    for (const [index, tile] of this._tiles) {
      const position = this.positionOf(index);
      if (position < first || position >= end) {
        tile.node.remove();
        this._tiles.delete(index);
        this._unpainted.delete(index);
      }
    }
    const style = this._host.style();
    const threshold = this._host.threshold();
    let deferred = false;
    for (let position = first; position < end; position++) {
      const item = this._items[position];
      let tile = this._tiles.get(item.index);
      if (!tile && performance.now() - started > MAKE_BUDGET_MS) {
        deferred = true;
        continue;
      }
      if (!tile) {
        tile = makeTile(item, tileId(this._host.prefix, item.index));
        tile.setThreshold(threshold);
        tile.setSelected(this._host.isSelected(item.index));
        this._tiles.set(item.index, tile);
        this._unpainted.add(item.index);
        this._spacer.appendChild(tile.node);
      }
      // Placed on every render: the columns follow the grid's width.
      const row = Math.floor(position / this._columns);
      const column = position % this._columns;
      tile.node.style.transform = `translate(${column * CELL_WIDTH}px, ${row * CELL_HEIGHT}px)`;
    }
    // At least one paint a frame, so painting keeps up while scrolling.
    let painted = 0;
    for (const index of this._unpainted) {
      if (painted > 0 && performance.now() - started > FRAME_BUDGET_MS) {
        break;
      }
      this._tiles.get(index)?.paint(style);
      this._unpainted.delete(index);
      painted++;
    }
    if (deferred || this._unpainted.size) {
      this._schedule();
    }
    const data = this.node.dataset;
    data.tiles = String(this._tiles.size);
    data.first = String(first);
    data.renderMs = (performance.now() - started).toFixed(2);
    recordSpan('chexmask:gallery-tiles', started);
  }

  /** Scroll so the tile at `position` is in view (no scroll if it is). */
  scrollToPosition(position: number): void {
    const row = Math.floor(position / this._columns);
    const top = row * CELL_HEIGHT;
    const viewport = this._viewportHeight();
    if (top < this.node.scrollTop) {
      this.node.scrollTop = top;
    } else if (top + CELL_HEIGHT > this.node.scrollTop + viewport) {
      this.node.scrollTop = top + CELL_HEIGHT - viewport;
    }
    this.render();
  }

  /** The tile of a payload index, if it is made. */
  tile(index: number): ITileElement | undefined {
    return this._tiles.get(index);
  }

  /** Repaint every tile made (new colours, opacity, mode, threshold). */
  restyle(): void {
    const style = this._host.style();
    const threshold = this._host.threshold();
    for (const tile of this._tiles.values()) {
      tile.paint(style);
      tile.setThreshold(threshold);
    }
    this._unpainted.clear();
  }

  /** Show the selection on every tile made. */
  refreshSelection(): void {
    for (const [index, tile] of this._tiles) {
      tile.setSelected(this._host.isSelected(index));
    }
  }

  /** Stop listening; tiles go with the node. */
  dispose(): void {
    this._resize?.disconnect();
    if (this._frame) {
      cancelAnimationFrame(this._frame);
    }
  }

  private _viewportHeight(): number {
    return this.node.clientHeight || 600;
  }

  /** One render per animation frame, however many scroll events came. */
  private _schedule(): void {
    if (!this._frame) {
      this._frame = requestAnimationFrame(() => this.render());
    }
  }
}
