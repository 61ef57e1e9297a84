/**
 * Record a span of the views' main-thread work in the performance timeline
 * (`chexmask:*` measures), so a profile or the UI test can tell it apart
 * from JupyterLab's own work.
 *
 * @param name - The measure's name, `chexmask:` and what was done.
 * @param start - When the span started (`performance.now()`).
 */
export function recordSpan(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // Browsers and test DOMs without User Timing level 3: nothing recorded.
  }
}
