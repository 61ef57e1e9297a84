/** Stands in for worker/spawn-worker in jest: no Worker, so views work on the main thread. */
module.exports = { spawnWorker: () => null };
