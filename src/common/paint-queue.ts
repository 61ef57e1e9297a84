/**
 * Paints of outputs that come into view run one per task, so scrolling past
 * many outputs never turns into one long main-thread task: each paint is its
 * own macrotask (posted through a MessageChannel, which, unlike nested
 * `setTimeout`, is not clamped to 4 ms), and the page can render, scroll and
 * handle input between two paints.
 */

/** Cancels a scheduled paint; does nothing once it has run. */
export type CancelPaint = () => void;

/** Run `task` in its own task, after the paints already queued. */
export function schedulePaint(task: () => void): CancelPaint {
  const entry: Private.IEntry = { task };
  Private.queue.push(entry);
  Private.post();
  return () => {
    entry.task = null;
  };
}

/**
 * Resolves in a task after the next frame is rendered: layout read then is
 * the one the browser just made, not a layout forced inside a paint's task.
 */
export function afterNextFrame(): Promise<void> {
  return new Promise(resolve =>
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => setTimeout(resolve, 0))
      : setTimeout(resolve, 0)
  );
}

namespace Private {
  /** A queued paint; `task` is null once cancelled. */
  export interface IEntry {
    task: (() => void) | null;
  }

  export const queue: IEntry[] = [];
  let posted = false;
  let channel: MessageChannel | null = null;

  /** Ask for one task that runs the next live paint. */
  export function post(): void {
    if (posted) {
      return;
    }
    posted = true;
    if (typeof MessageChannel === 'undefined') {
      setTimeout(runNext, 0);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = runNext;
    }
    channel.port2.postMessage(null);
  }

  /** Run the next live paint, and ask for another task if more wait. */
  export function runNext(): void {
    posted = false;
    let entry = queue.shift();
    while (entry && !entry.task) {
      entry = queue.shift();
    }
    if (queue.length) {
      post();
    }
    try {
      entry?.task?.();
    } catch (error) {
      console.error('jupyterlab-chexmask: a paint failed', error);
    }
  }
}
