/**
 * One idle period per job: pictures written back into outputs wait for the
 * page to be idle, one at a time, so a scroll through a long notebook never
 * has JupyterLab store a freshly encoded picture in the middle of a frame.
 * `timeout` bounds the wait when the page is never idle.
 */

/** Resolves in an idle period of its own, after the jobs already waiting. */
export function whenIdle(timeout = 2000): Promise<void> {
  const job = Private.queue.tail.then(
    () =>
      new Promise<void>(resolve => {
        if (typeof requestIdleCallback === 'function') {
          requestIdleCallback(() => resolve(), { timeout });
        } else {
          setTimeout(resolve, 0);
        }
      })
  );
  Private.queue.tail = job;
  return job;
}

namespace Private {
  /** The last job queued. */
  export const queue = { tail: Promise.resolve() };
}
