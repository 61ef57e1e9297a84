import { h } from './dom';

/** The placeholder's height before a view was ever painted (CSS pixels). */
const PLACEHOLDER_HEIGHT = 360;

/** Where a placeholder reads the painted view's size from (see `PayloadView`). */
export interface IPlaceholderSizing {
  /** The size as CSS the browser resolves against the output's width, or `null`. */
  css(): string | null;
  /** The painted height at this output width (CSS pixels), or `null`. */
  estimate(width: number): number | null;
}

/**
 * What holds a view's place in its output until it paints, and again once
 * its pixels are released away from the visible area: a "Loading …" box as
 * tall as the view was, or as tall as it will be. Close matters: windowed
 * notebooks lay cells out by their measured heights, and every jump when a
 * view paints over its placeholder makes them lay out again.
 */
export class Placeholder {
  /** The view's height when its pixels were released (0: not released). */
  releasedHeight = 0;
  /** The size shown last, as CSS ('' before the first). */
  private _size = '';

  /**
   * @param _node - The view's node, whose children the placeholder replaces.
   * @param _what - What the view shows, for the text ("this RCA histogram").
   * @param _sizing - Where the size before a first paint comes from.
   */
  constructor(
    private readonly _node: HTMLElement,
    private readonly _what: string,
    private readonly _sizing: IPlaceholderSizing
  ) {}

  /**
   * The size now: as tall as the view was when released, else as the view
   * estimates it, by CSS, else for the output's width (which reads the
   * layout), else a default.
   */
  sizeNow(): string {
    if (this.releasedHeight) {
      return `height: ${this.releasedHeight}px`;
    }
    const css = this._sizing.css();
    if (css !== null) {
      return css;
    }
    const width = this._node.isConnected ? this._node.clientWidth : 0;
    const estimate = width > 0 ? this._sizing.estimate(width) : null;
    return `height: ${Math.round(estimate ?? PLACEHOLDER_HEIGHT)}px`;
  }

  /**
   * Show the placeholder again at the size shown last (or the size now, if
   * none was): no layout is read, so this is safe in the middle of a paint.
   */
  showAgain(): void {
    this.show(this._size || undefined);
  }

  /** Show the placeholder in place of the view's children, at `size`. */
  show(size = this.sizeNow()): void {
    this._size = size;
    const placeholder = h('div', {
      className: 'jp-chexmask-placeholder',
      attrs: {
        'aria-busy': 'true',
        style: size
      },
      text: `Loading ${this._what}…`
    });
    this._node.replaceChildren(placeholder);
    this._node.dataset.state = 'waiting';
  }
}
