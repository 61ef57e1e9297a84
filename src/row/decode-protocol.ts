import { IChexmaskRow, IRowMeasurements, OrganKey } from '../core';

/** What the page asks the decoding worker: decode this row. */
export interface IDecodeRequest {
  /** Matches the answers to the question. */
  id: number;
  row: IChexmaskRow;
  /** Fill organs with an empty cell from their landmark rings (see `maskSources`). */
  fromLandmarks: boolean;
  /** Only the measurements (the page has the runs already). */
  measureOnly?: boolean;
}

/**
 * What a row decodes to: the runs to paint and hit-test, at once, and its
 * measurements, which need every mask decoded and so come later.
 */
export interface IDecodedRow {
  runs: Record<OrganKey, Int32Array>;
  measurements: Promise<IRowMeasurements>;
}

/** A failure in the worker, as data (errors do not cross threads intact). */
export interface IDecodeFailure {
  field: string | null;
  message: string;
}

/**
 * The worker's answers to one request, in order: the runs (or an error),
 * then the measurements (or an error).
 */
export type DecodeResponse =
  | { id: number; kind: 'runs'; runs: Record<OrganKey, Int32Array> }
  | { id: number; kind: 'measurements'; measurements: IRowMeasurements }
  | { id: number; kind: 'error'; error: IDecodeFailure };
