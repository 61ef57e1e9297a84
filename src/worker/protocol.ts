/**
 * What the page and the shared worker say to each other. Every request has
 * an id and gets exactly one answer with the same id: a result or a failure.
 * Buffers travel by transfer, never by copy, where the sender is done with
 * them (runs, grey x-ray pixels, bitmaps).
 */
import { IChexmaskRow, IRowMeasurements, OrganKey } from '../core';
import type { IMaskStyle } from '../common/mask-painter';
import type { IAgreementStyle } from '../compare/agreement-painter';
import type { IMetricsInput } from '../compare/metrics';
import type { IOrganMetrics } from '../compare/payload';
import type { IWindowLevel } from '../row/window-level';
import type { ILargeRowPayload } from '../gallery/large-payload';
import type { IGalleryTile } from '../gallery/tile-payload';
import type { IFrameBox } from '../landmarks/model';
import type {
  LandmarkTaskInput,
  LandmarkTaskOutput
} from '../landmarks/off-thread-task';
import type { IPointGridIndex } from '../landmarks/point-grid';

/** The requests, by kind, and what each answers. */
export interface IWorkerTasks {
  /** Decode a row's masks to runs; with a style, paint them too. */
  decode: {
    input: {
      row: IChexmaskRow;
      fromLandmarks: boolean;
      /** Names the runs, for later `masks` requests (see there). */
      key: number;
      style: IMaskStyle | null;
    };
    output: { runs: Record<OrganKey, Int32Array>; masks: ImageBitmap | null };
  };
  /** Measure a row (decodes every mask to a byte per pixel). Low priority. */
  measure: {
    input: { row: IChexmaskRow; fromLandmarks: boolean };
    output: IRowMeasurements;
  };
  /** Paint runs in a style. `key` names the runs, for the worker's cache of outlines. */
  masks: {
    input: {
      key: number;
      runs: Record<OrganKey, Int32Array>;
      height: number;
      width: number;
      style: IMaskStyle;
    };
    output: ImageBitmap;
  };
  /** Paint two segmentations' agreement map. `key` names the pair, as for `masks`. */
  agreement: {
    input: {
      key: number;
      a: Record<OrganKey, Int32Array>;
      b: Record<OrganKey, Int32Array>;
      height: number;
      width: number;
      style: IAgreementStyle;
    };
    output: ImageBitmap;
  };
  /** The per-organ table of two segmentations (surface distances). Low priority. */
  compareMetrics: {
    input: IMetricsInput;
    output: Record<OrganKey, IOrganMetrics>;
  };
  /** Decode an embedded x-ray to grey values and paint it windowed. */
  xray: {
    input: {
      mimeType: string;
      data: string;
      width: number;
      height: number;
      windowLevel: IWindowLevel;
    };
    output: { grey: Uint8ClampedArray; bitmap: ImageBitmap };
  };
  /** Paint grey values windowed; the grey buffer goes there and back by transfer. */
  window: {
    input: {
      grey: Uint8ClampedArray;
      width: number;
      height: number;
      windowLevel: IWindowLevel;
    };
    output: { grey: Uint8ClampedArray; bitmap: ImageBitmap };
  };
  /** Encode a picture as base64 PNG (no `data:` prefix). */
  png: { input: { bitmap: ImageBitmap }; output: string };
  /**
   * The row payload of a gallery row opened large: its landmark rings
   * filled at the mask's size and encoded as RLE (see `largeRowPayload`).
   */
  largeRow: { input: { item: IGalleryTile }; output: ILargeRowPayload };
  /** Parse and lay out a landmark payload (many rows), with statistics. */
  landmarks: { input: LandmarkTaskInput; output: LandmarkTaskOutput };
  /**
   * The hover index of a plot the worker laid out, from the coordinates it
   * keeps (`null`: it let them go). Low priority.
   */
  landmarkGrid: {
    input: { session: number; bounds: IFrameBox };
    output: IPointGridIndex | null;
  };
}

/** A kind of request. */
export type TaskKind = keyof IWorkerTasks;

/** A request to the worker. */
export interface IWorkerRequest<K extends TaskKind = TaskKind> {
  id: number;
  kind: K;
  input: IWorkerTasks[K]['input'];
}

/** A failure in the worker, as data (errors do not cross threads intact). */
export interface IWorkerFailure {
  /** The field a `ChexmaskFormatError` named, else `null`. */
  field: string | null;
  message: string;
}

/**
 * When the worker ran a request, as epoch milliseconds (its clock's
 * `timeOrigin + now()`), so the page can place it on its own timeline.
 */
export interface IWorkerTiming {
  started: number;
  ended: number;
}

/** The worker's one answer to a request. */
export type WorkerResponse =
  | { id: number; ok: true; output: unknown; at?: IWorkerTiming }
  | { id: number; ok: false; error: IWorkerFailure; at?: IWorkerTiming };
