/**
 * The page's side of the one worker all views share: `runInWorker` sends a
 * task and settles with its answer. The worker is started on first use; the
 * worker count is one whatever the number of outputs. Where workers are not
 * available (or the worker fails) callers do the work on this thread:
 * `workerAvailable()` says which, and a failed worker rejects what waits
 * on it with {@link WorkerGoneError} so callers can fall back.
 */
import { ChexmaskFormatError } from '../core';
import {
  IWorkerFailure,
  IWorkerRequest,
  IWorkerTasks,
  IWorkerTiming,
  TaskKind,
  WorkerResponse
} from './protocol';
import { spawnWorker } from './spawn-worker';

/** The worker could not run the task: do it on this thread instead. */
export class WorkerGoneError extends Error {
  constructor(reason: string) {
    super(`the worker is not available: ${reason}`);
    this.name = 'WorkerGoneError';
  }
}

/**
 * Whether tasks can run in the worker: a worker can be started and the
 * browser can paint off the main thread (`OffscreenCanvas`).
 */
export function workerAvailable(): boolean {
  return typeof OffscreenCanvas === 'function' && Private.worker() !== null;
}

/**
 * Run a task in the worker.
 *
 * @param kind - The task.
 * @param input - Its input (buffers in `transfer` are handed over).
 * @param transfer - Buffers to transfer rather than copy.
 * @returns Its output.
 * @throws ChexmaskFormatError as the core would have thrown it there;
 *   `WorkerGoneError` when there is no worker (the caller falls back).
 */
export function runInWorker<K extends TaskKind>(
  kind: K,
  input: IWorkerTasks[K]['input'],
  transfer: Transferable[] = []
): Promise<IWorkerTasks[K]['output']> {
  const worker = Private.worker();
  if (!worker) {
    return Promise.reject(new WorkerGoneError('no worker'));
  }
  const id = ++Private.counter.lastId;
  const request: IWorkerRequest<K> = { id, kind, input };
  return new Promise((resolve, reject) => {
    Private.pending.set(id, {
      kind,
      posted: performance.now(),
      resolve: resolve as (output: unknown) => void,
      reject
    });
    worker.postMessage(request, transfer);
  });
}

/**
 * Run a task in the worker, or, without one (or when it fails), with `here`
 * on this thread in a task of its own, after what is already queued (a
 * paint): for work that must never hold up a view's first paint.
 */
export function runInWorkerOrLater<K extends TaskKind>(
  kind: K,
  input: IWorkerTasks[K]['input'],
  here: () => IWorkerTasks[K]['output']
): Promise<IWorkerTasks[K]['output']> {
  const later = (): Promise<IWorkerTasks[K]['output']> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(here());
        } catch (error) {
          reject(error);
        }
      }, 0)
    );
  return runInWorker(kind, input).catch((error: unknown) =>
    error instanceof WorkerGoneError ? later() : Promise.reject(error)
  );
}

/** The core's error again, from its description. */
export function failureError({ field, message }: IWorkerFailure): Error {
  return field === null
    ? new Error(message)
    : new ChexmaskFormatError(
        field,
        message.startsWith(`${field}: `)
          ? message.slice(field.length + 2)
          : message
      );
}

namespace Private {
  /** A request waiting for its answer. */
  export interface IPending {
    kind: TaskKind;
    /** When it was sent (`performance.now()`). */
    posted: number;
    resolve(output: unknown): void;
    reject(error: Error): void;
  }

  export const pending = new Map<number, IPending>();
  export const counter = { lastId: 0 };
  let shared: Worker | null | undefined;

  /** The one shared worker, started on first use (null: none). */
  export function worker(): Worker | null {
    if (shared === undefined) {
      try {
        shared = spawnWorker();
      } catch (error) {
        console.warn('jupyterlab-chexmask: no worker', error);
        shared = null;
      }
      if (shared) {
        shared.onmessage = (event: MessageEvent<WorkerResponse>) =>
          answer(event.data);
        shared.onerror = event => fail(event.message || 'the worker failed');
      }
    }
    return shared;
  }

  /** Settle the request a worker message answers. */
  export function answer(response: WorkerResponse): void {
    const request = pending.get(response.id);
    if (!request) {
      return;
    }
    pending.delete(response.id);
    record(request, response.at);
    if (response.ok) {
      request.resolve(response.output);
    } else {
      request.reject(failureError(response.error));
    }
  }

  /**
   * Put the request on the page's performance timeline, for profiles and
   * the UI tests' breakdowns: `chexmask-trip:KIND` from sending to the
   * answer's handling here, `chexmask-worker:KIND` while the worker ran it
   * (not `chexmask:`, which names the views' main-thread spans).
   */
  export function record(
    request: IPending,
    at: IWorkerTiming | undefined
  ): void {
    try {
      performance.measure(`chexmask-trip:${request.kind}`, {
        start: request.posted,
        end: performance.now()
      });
      if (at) {
        const origin = performance.timeOrigin;
        performance.measure(`chexmask-worker:${request.kind}`, {
          start: at.started - origin,
          end: at.ended - origin
        });
      }
    } catch {
      // Browsers without User Timing level 3: nothing recorded.
    }
  }

  /**
   * A worker that cannot run (its script failed to load, say) is dropped:
   * what waits on it is rejected as gone, and later tasks run on this thread.
   */
  export function fail(message: string): void {
    console.warn(`jupyterlab-chexmask: the worker failed: ${message}`);
    shared?.terminate();
    shared = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const request of waiting) {
      request.reject(new WorkerGoneError(message));
    }
  }
}
