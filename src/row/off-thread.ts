import {
  ChexmaskFormatError,
  IChexmaskRow,
  IRowMeasurements,
  measureRow,
  organRuns
} from '../core';
import { recordSpan } from '../common/timing';
import {
  DecodeResponse,
  IDecodedRow,
  IDecodeFailure,
  IDecodeRequest
} from './decode-protocol';
import { spawnDecodeWorker } from './spawn-decode-worker';

/**
 * Masks larger than this many pixels are decoded in the worker: a 6.5 MP
 * row costs the main thread ~100 ms of decoding and measuring, which would
 * freeze scrolling; under it the round trip costs more than it saves.
 */
export const OFF_THREAD_PIXELS = 4_000_000;

/** Whether a row of this size is decoded off the main thread. */
export function decodesOffThread(row: IChexmaskRow): boolean {
  return (
    row.height * row.width > OFF_THREAD_PIXELS && Private.worker() !== null
  );
}

/**
 * Decode a row: in the shared worker for large masks (the runs' buffers are
 * transferred back), on this thread otherwise or where workers are not
 * available. Settles when the runs are ready; the measurements follow.
 *
 * @throws ChexmaskFormatError as the core would (re-created from the worker's).
 */
export function decodeRow(
  row: IChexmaskRow,
  fromLandmarks: boolean
): Promise<IDecodedRow> {
  const worker = decodesOffThread(row) ? Private.worker() : null;
  if (!worker) {
    return Private.decodeHere(row, fromLandmarks);
  }
  const id = Private.nextId();
  const request = new Private.Request(row, fromLandmarks);
  Private.pending.set(id, request);
  const message: IDecodeRequest = { id, row, fromLandmarks };
  worker.postMessage(message);
  return request.decoded;
}

/**
 * Measure a row (areas, ratio, agreement) in the worker whatever its size,
 * as it decodes every mask to a byte per pixel (tens of ms on the main
 * thread at 1024²); on this thread, in a later task, without a worker.
 */
export function measureRowOffThread(
  row: IChexmaskRow,
  fromLandmarks: boolean
): Promise<IRowMeasurements> {
  const worker = Private.worker();
  if (!worker) {
    return Private.measureLater(row, fromLandmarks);
  }
  const id = Private.nextId();
  const request = new Private.Request(row, fromLandmarks);
  Private.pending.set(id, request);
  const message: IDecodeRequest = {
    id,
    row,
    fromLandmarks,
    measureOnly: true
  };
  worker.postMessage(message);
  return request.measurements;
}

namespace Private {
  /** One row in the worker: two promises, settled by its two answers. */
  export class Request {
    readonly decoded: Promise<IDecodedRow>;
    private _resolveRuns!: (decoded: IDecodedRow) => void;
    private _rejectRuns!: (error: Error) => void;
    private _resolveMeasurements!: (m: IRowMeasurements) => void;
    private _rejectMeasurements!: (error: Error) => void;
    readonly measurements: Promise<IRowMeasurements>;

    constructor(
      readonly row: IChexmaskRow,
      readonly fromLandmarks: boolean
    ) {
      this.decoded = new Promise((resolve, reject) => {
        this._resolveRuns = resolve;
        this._rejectRuns = reject;
      });
      this.measurements = new Promise((resolve, reject) => {
        this._resolveMeasurements = resolve;
        this._rejectMeasurements = reject;
      });
      // Nobody may be waiting for one of them when they fail (a request for
      // measurements only never settles `decoded` but by an error).
      this.measurements.catch(() => undefined);
      this.decoded.catch(() => undefined);
    }

    /** Take one answer; returns whether the request is complete. */
    take(response: DecodeResponse): boolean {
      switch (response.kind) {
        case 'runs':
          this._resolveRuns({
            runs: response.runs,
            measurements: this.measurements
          });
          return false;
        case 'measurements':
          this._resolveMeasurements(response.measurements);
          return true;
        case 'error': {
          const error = asError(response.error);
          this._rejectRuns(error);
          this._rejectMeasurements(error);
          return true;
        }
      }
    }

    /** The worker is gone: decode here instead. */
    fallBack(): void {
      const runs = decodeHere(this.row, this.fromLandmarks);
      runs.then(
        d => this._resolveRuns(d),
        e => this._rejectRuns(e)
      );
      runs.then(
        d =>
          d.measurements.then(
            this._resolveMeasurements,
            this._rejectMeasurements
          ),
        e => this._rejectMeasurements(e)
      );
    }
  }

  export const pending = new Map<number, Request>();
  let lastId = 0;
  let shared: Worker | null | undefined;

  /** A fresh request id. */
  export function nextId(): number {
    return ++lastId;
  }

  /** The one worker all views share, started on first use (null: none). */
  export function worker(): Worker | null {
    if (shared === undefined) {
      try {
        shared = spawnDecodeWorker();
      } catch (error) {
        console.warn('jupyterlab-chexmask: no decoding worker', error);
        shared = null;
      }
      if (shared) {
        shared.onmessage = (event: MessageEvent<DecodeResponse>) =>
          answer(event.data);
        shared.onerror = event => fail(event.message || 'the worker failed');
      }
    }
    return shared;
  }

  /** Decode on this thread (measurements on a later task, as they are slow). */
  export function decodeHere(
    row: IChexmaskRow,
    fromLandmarks: boolean
  ): Promise<IDecodedRow> {
    try {
      const runs = organRuns(row, fromLandmarks);
      return Promise.resolve({
        runs,
        measurements: measureLater(row, fromLandmarks)
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Measure on this thread in a task of its own, after the paint. */
  export function measureLater(
    row: IChexmaskRow,
    fromLandmarks: boolean
  ): Promise<IRowMeasurements> {
    const measurements = new Promise<IRowMeasurements>((resolve, reject) =>
      setTimeout(() => {
        const started = performance.now();
        try {
          resolve(measureRow(row, fromLandmarks));
        } catch (error) {
          reject(error);
        }
        recordSpan('chexmask:measure', started);
      }, 0)
    );
    measurements.catch(() => undefined);
    return measurements;
  }

  /** The core's error again, from its description. */
  export function asError({ field, message }: IDecodeFailure): Error {
    return field === null
      ? new Error(message)
      : new ChexmaskFormatError(
          field,
          message.startsWith(`${field}: `)
            ? message.slice(field.length + 2)
            : message
        );
  }

  /** Pass a worker message to the request it answers. */
  export function answer(response: DecodeResponse): void {
    const request = pending.get(response.id);
    if (request && request.take(response)) {
      pending.delete(response.id);
    }
  }

  /**
   * A worker that cannot run (its script failed to load, say) is dropped:
   * the rows waiting on it, and all later ones, decode on this thread.
   */
  export function fail(message: string): void {
    console.warn(`jupyterlab-chexmask: decoding worker failed: ${message}`);
    shared?.terminate();
    shared = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const request of waiting) {
      request.fallBack();
    }
  }
}
