/**
 * Tells a view when its node comes near the visible part of the notebook
 * and when it leaves it, so views paint only what can be seen and release
 * their pixels when scrolled away (a notebook of hundreds of outputs would
 * otherwise hold hundreds of full-resolution canvases).
 */
export class VisibilityWatcher {
  private _observer: IntersectionObserver | null = null;
  private _near = false;

  /**
   * @param node - The view's node.
   * @param onChange - Called with `true` when the node comes within one
   *   screen of the visible area of its scroller, `false` when it leaves,
   *   and the node's height as the observer measured it.
   */
  constructor(
    private readonly _node: HTMLElement,
    private readonly _onChange: (near: boolean, height: number) => void
  ) {}

  /** Whether the browser can tell visibility (jsdom and old browsers cannot). */
  static get supported(): boolean {
    return typeof IntersectionObserver === 'function';
  }

  /** Whether the node was near the visible area at the last report. */
  get near(): boolean {
    return this._near;
  }

  /**
   * Start watching; call once the node is in the document. The root is the
   * node's scrolling ancestor (the notebook's panel): with the page as root,
   * the scroller clips the node before any margin applies, so nothing could
   * be painted ahead of scrolling.
   */
  start(): void {
    this.stop();
    this._observer = new IntersectionObserver(
      entries => {
        const entry = entries[entries.length - 1];
        const near = entry.isIntersecting;
        if (near !== this._near) {
          this._near = near;
          // The observer measured the node already: handing its height on
          // spares a forced layout per view when many leave at once.
          this._onChange(near, entry.boundingClientRect.height);
        }
      },
      { root: Private.scrollParent(this._node), rootMargin: '100% 0px' }
    );
    this._observer.observe(this._node);
  }

  /** Stop watching (the node is leaving the document). */
  stop(): void {
    this._observer?.disconnect();
    this._observer = null;
    this._near = false;
  }
}

namespace Private {
  /** The nearest ancestor that scrolls vertically, or null for the page. */
  export function scrollParent(node: HTMLElement): Element | null {
    for (let p = node.parentElement; p; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowY;
      if (overflow === 'auto' || overflow === 'scroll') {
        return p;
      }
    }
    return null;
  }
}
