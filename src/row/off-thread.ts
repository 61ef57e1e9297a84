/**
 * Where a row is decoded, painted first and measured: in the shared worker
 * where there is one (the page then gets the runs, for hover, and the first
 * bitmap of the masks in one answer), else on this thread, with the
 * measurements in a later task of their own.
 */
import {
  IChexmaskRow,
  IRowMeasurements,
  measureRow,
  OrganKey,
  organRuns
} from '../core';
import { IMaskStyle, recordSpan, runsKey } from '../common';
import {
  runInWorker,
  WorkerGoneError,
  workerAvailable
} from '../worker/client';

/**
 * What a row decodes to: the runs to paint and hit-test, their key in the
 * worker (`null`: painted on this thread), and the measurements, which
 * need every mask decoded and so come later.
 */
export interface IDecodedRow {
  runs: Record<OrganKey, Int32Array>;
  key: number | null;
  measurements: Promise<IRowMeasurements>;
}

/** A decoded row and, from the worker, its masks painted in the style asked. */
export interface IDecodedAndPainted {
  decoded: IDecodedRow;
  masks: ImageBitmap | null;
}

/**
 * Decode a row in the worker, painting its masks in `style` there too, or
 * here without a worker (no bitmap then: the view paints).
 *
 * @throws ChexmaskFormatError as the core would (re-created from the worker's).
 */
export async function decodeRow(
  row: IChexmaskRow,
  fromLandmarks: boolean,
  style: IMaskStyle
): Promise<IDecodedAndPainted> {
  if (workerAvailable()) {
    const key = runsKey();
    try {
      const { runs, masks } = await runInWorker('decode', {
        row,
        fromLandmarks,
        key,
        style
      });
      return {
        decoded: { runs, key, measurements: measure(row, fromLandmarks) },
        masks
      };
    } catch (error) {
      if (!(error instanceof WorkerGoneError)) {
        throw error;
      }
    }
  }
  return { decoded: decodeHere(row, fromLandmarks), masks: null };
}

/** Decode on this thread; measurements follow in the worker or a later task. */
export function decodeHere(
  row: IChexmaskRow,
  fromLandmarks: boolean
): IDecodedRow {
  return {
    runs: organRuns(row, fromLandmarks),
    key: null,
    measurements: measure(row, fromLandmarks)
  };
}

/**
 * Measure a row (areas, ratio, agreement): in the worker, after any paint
 * waiting there; on this thread in a task of its own without one.
 */
export function measure(
  row: IChexmaskRow,
  fromLandmarks: boolean
): Promise<IRowMeasurements> {
  const measured = runInWorker('measure', { row, fromLandmarks }).catch(
    (error: unknown) =>
      error instanceof WorkerGoneError
        ? Private.measureLater(row, fromLandmarks)
        : Promise.reject(error)
  );
  measured.catch(() => undefined);
  return measured;
}

namespace Private {
  /** Measure on this thread in a task of its own, after the paint. */
  export function measureLater(
    row: IChexmaskRow,
    fromLandmarks: boolean
  ): Promise<IRowMeasurements> {
    return new Promise<IRowMeasurements>((resolve, reject) =>
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
  }
}
