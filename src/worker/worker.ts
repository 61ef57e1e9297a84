/**
 * The shared worker's script: the core and the pixel work of the views, off
 * the page's main thread. Requests are answered in order, except
 * measurements, which wait until no other request is queued: a row's
 * measurements (every mask decoded to a byte per pixel) must never hold up
 * the next output's paint while the user scrolls.
 */
import { ChexmaskFormatError } from '../core';
import {
  IWorkerRequest,
  IWorkerTiming,
  TaskKind,
  WorkerResponse
} from './protocol';
import { runTask } from './tasks';

/** The worker's global scope, typed by what is used of it. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<IWorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer: Transferable[]): void;
};

/** Tasks that run only when nothing else waits. */
const LOW_PRIORITY: ReadonlySet<TaskKind> = new Set<TaskKind>([
  'measure',
  'compareMetrics',
  'landmarkGrid'
]);

const later: IWorkerRequest[] = [];
let drainPosted = false;

scope.onmessage = event => {
  const request = event.data;
  if (LOW_PRIORITY.has(request.kind)) {
    later.push(request);
    postDrain();
    return;
  }
  void run(request);
};

/**
 * Run one low-priority task in a task of its own: messages that arrived
 * meanwhile are handled first, as their tasks were queued before this one.
 */
function postDrain(): void {
  if (drainPosted || later.length === 0) {
    return;
  }
  drainPosted = true;
  setTimeout(() => {
    drainPosted = false;
    const next = later.shift();
    if (next) {
      void run(next).then(postDrain);
    }
  }, 0);
}

/** Run a request and answer it, with its buffers transferred. */
async function run(request: IWorkerRequest): Promise<void> {
  const { id } = request;
  const started = performance.timeOrigin + performance.now();
  // When it ran, for the page's timeline (see `IWorkerTiming`).
  const at = (): IWorkerTiming => ({
    started,
    ended: performance.timeOrigin + performance.now()
  });
  try {
    const { output, transfer } = await runTask(request);
    scope.postMessage({ id, ok: true, output, at: at() }, transfer);
  } catch (error) {
    scope.postMessage(
      {
        id,
        ok: false,
        at: at(),
        error: {
          field: error instanceof ChexmaskFormatError ? error.field : null,
          message: error instanceof Error ? error.message : String(error)
        }
      },
      []
    );
  }
}
