import type { PictureKeeper } from './picture-keeper';

/** Events after which a view's picture may show something else. */
const INTERACTIONS = ['change', 'input', 'click', 'keyup', 'pointerup'];

/** How long a view stays painted before its picture is checked (ms). */
const PICTURE_SETTLE_MS = 1000;

/**
 * When a view's {@link PictureKeeper} hears that the picture may have
 * changed: after anything the user does in the view (checked when idle, by
 * comparing the state, before anything is drawn), and once the view has
 * stayed painted a moment after a paint. Waiting that moment means a view
 * scrolled past is released first, and costs no picture while the page
 * scrolls.
 */
export class PictureTriggers {
  private _settleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly _onInteraction = (): void => this._keeper.changed();

  /**
   * @param _node - The view's node, listened to in the capture phase.
   * @param _keeper - The view's picture keeper.
   */
  constructor(
    private readonly _node: HTMLElement,
    private readonly _keeper: PictureKeeper
  ) {
    for (const type of INTERACTIONS) {
      _node.addEventListener(type, this._onInteraction, true);
    }
  }

  /**
   * The view has just painted: tell the keeper it settled after
   * {@link PICTURE_SETTLE_MS}, if `stillCurrent()` then.
   */
  painted(stillCurrent: () => boolean): void {
    this.cancel();
    this._settleTimer = setTimeout(() => {
      this._settleTimer = null;
      if (stillCurrent()) {
        this._keeper.settled();
      }
    }, PICTURE_SETTLE_MS);
  }

  /** What was painted is gone: no settling for it. */
  cancel(): void {
    if (this._settleTimer !== null) {
      clearTimeout(this._settleTimer);
      this._settleTimer = null;
    }
  }

  /** Stop listening and cancel any pending settle. */
  dispose(): void {
    this.cancel();
    for (const type of INTERACTIONS) {
      this._node.removeEventListener(type, this._onInteraction, true);
    }
  }
}
