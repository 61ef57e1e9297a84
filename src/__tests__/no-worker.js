/** Stands in for spawn-decode-worker in jest: no Worker, decode on the main thread. */
module.exports = { spawnDecodeWorker: () => null };
