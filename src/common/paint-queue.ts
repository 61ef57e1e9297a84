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

/**
 * Resolves in a later task, so that what a paint does next (the rest of a
 * view's build) runs after the input and rendering the page has waiting:
 * `scheduler.yield()` where the browser has it (the continuation goes ahead
 * of other queued tasks, never ahead of input), else `scheduler.postTask`
 * at user-visible priority, else a MessageChannel message (not clamped
 * like nested `setTimeout`).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Private.IScheduler })
    .scheduler;
  if (typeof scheduler?.yield === 'function') {
    return scheduler.yield();
  }
  if (typeof scheduler?.postTask === 'function') {
    return scheduler.postTask(() => undefined, { priority: 'user-visible' });
  }
  return new Promise(resolve => Private.postMessageTask(resolve));
}

namespace Private {
  /** The parts of the Prioritized Task Scheduling API used here. */
  export interface IScheduler {
    yield?: () => Promise<void>;
    postTask?: (
      task: () => void,
      options: { priority: 'user-visible' }
    ) => Promise<void>;
  }

  /** Callbacks waiting for their MessageChannel task, first first. */
  const waiting: Array<() => void> = [];
  let port: MessagePort | null = null;

  /** Run `callback` in a task of its own (a timeout without MessageChannel). */
  export function postMessageTask(callback: () => void): void {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(callback, 0);
      return;
    }
    if (!port) {
      // Closed once nothing waits: an open port would keep a worker or
      // Node's event loop alive.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const next = waiting.shift();
        if (!waiting.length) {
          channel.port1.close();
          port = null;
        }
        next?.();
      };
      port = channel.port2;
    }
    waiting.push(callback);
    port.postMessage(null);
  }

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
