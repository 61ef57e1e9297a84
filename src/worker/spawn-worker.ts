/**
 * Start the shared worker. Its own module because `import.meta.url` is how
 * webpack finds and bundles a worker script, and the unit tests (CommonJS,
 * jsdom without workers) map this module to one that returns `null`.
 */
export function spawnWorker(): Worker | null {
  if (typeof Worker !== 'function') {
    return null;
  }
  // The unit tests' CommonJS type-check rejects import.meta; they never load
  // this module (jest maps it away), the ES module build does.
  // eslint-disable-next-line @typescript-eslint/ban-ts-comment
  // @ts-ignore
  return new Worker(new URL('./worker.js', import.meta.url));
}
