/**
 * Large landmark payloads are parsed and laid out in the shared worker: the
 * page checks the payload around its rows, sends version 1's rows in chunks
 * (each posted in a task of its own, so copying them never makes one long
 * task) or version 2's columns in one message (one string, cloned at once),
 * and gets back the model in a few transferred buffers, with the statistics
 * of every group shown, then the plot's first contours, which the worker
 * draws while the page builds the plot. Small payloads (and pages without a
 * worker) are parsed here, as they always were.
 */
import {
  WorkerGoneError,
  runInWorker,
  workerAvailable
} from '../worker/client';
import { canvasRatio } from './frame';
import { buildLandmarkModel, ILandmarkModel } from './model';
import { IFirstContours, ILayoutTimings, unpackModel } from './off-thread-task';
import {
  ILandmarkEnvelope,
  IParsedLandmarkPayload,
  parseLandmarkEnvelope,
  parseLandmarkRows
} from './payload';
import type { ILandmarkWorkerLayout } from './plot';

/** Payloads with more rows than this are parsed in the worker. */
export const WORKER_ROWS = 200;

/** Rows per message to the worker (about 0.5 MB of landmark text). */
export const CHUNK_ROWS = 500;

/** A landmark payload checked here, or checked around its rows for the worker. */
export type LandmarkInput =
  | { kind: 'parsed'; payload: IParsedLandmarkPayload }
  | { kind: 'envelope'; envelope: ILandmarkEnvelope };

/**
 * Check a landmark payload: whole here when small or without a worker,
 * else all but its rows' content.
 *
 * @throws ChexmaskFormatError naming the payload field at fault.
 */
export function parseLandmarkInput(data: unknown): LandmarkInput {
  const envelope = parseLandmarkEnvelope(data);
  if (envelope.rowCount > WORKER_ROWS && workerAvailable()) {
    return { kind: 'envelope', envelope };
  }
  const { groupBy, frame, title } = envelope;
  return {
    kind: 'parsed',
    payload: { rows: parseLandmarkRows(envelope), groupBy, frame, title }
  };
}

/** A payload laid out, and where (with the worker's timings). */
export interface ILaidOut {
  model: ILandmarkModel;
  /** The plot's session in the worker, or `null` when laid out here. */
  worker: ILandmarkWorkerLayout | null;
  /** The worker's milliseconds by step, or `null` when laid out here. */
  ms: ILayoutTimings | null;
  /**
   * The plot's first contours, drawn by the worker after the layout (for the
   * plot's first draw only; `null` when laid out here).
   */
  first: Promise<IFirstContours | null> | null;
}

/**
 * Parse and lay out a payload's rows in the worker; on this thread if the
 * worker goes away meanwhile.
 *
 * @throws ChexmaskFormatError for the first bad row, as the core names it
 *   (re-created from the worker's).
 */
export async function layOutInWorker(
  envelope: ILandmarkEnvelope
): Promise<ILaidOut> {
  const session = ++Private.counter.lastSession;
  const { rows, rowCount, groupBy, frame, title } = envelope;
  try {
    const chunks: Promise<unknown>[] = [];
    if (rows.packed) {
      // One message: the packed landmarks are one string, cloned at once.
      chunks.push(
        runInWorker('landmarks', {
          op: 'packed',
          session,
          groupBy,
          columns: rows.columns
        })
      );
    }
    const rawRows = rows.packed ? [] : rows.rawRows;
    for (let start = 0; start < rawRows.length; start += CHUNK_ROWS) {
      if (start > 0) {
        await Private.nextTask();
      }
      const sent = runInWorker('landmarks', {
        op: 'rows',
        session,
        groupBy,
        total: rowCount,
        rows: rawRows.slice(start, start + CHUNK_ROWS)
      });
      // The first bad chunk's error is the one shown; the others' are moot.
      sent.catch(() => undefined);
      chunks.push(sent);
    }
    // Asked at once, not once the rows are parsed: the worker takes its
    // messages in order, so it lays out right after parsing, without waiting
    // for this thread (often busy with JupyterLab's share of the output) to
    // hear back.
    const layout = runInWorker('landmarks', {
      op: 'layout',
      session,
      groupBy,
      frame,
      title
    });
    // Asked at once: the worker draws them while the page builds the plot.
    const first = runInWorker('landmarks', {
      op: 'firstDensity',
      session,
      dpr: canvasRatio()
    }).then(
      answer => (answer && 'first' in answer ? answer.first : null),
      () => null
    );
    // A bad row's error is the one shown (the first bad chunk's), not the
    // layout's that follows from it.
    layout.catch(() => undefined);
    await Promise.all(chunks);
    const laidOut = await layout;
    if (!laidOut || !('model' in laidOut)) {
      throw new Error('the worker answered the layout with something else');
    }
    return {
      model: unpackModel(laidOut.model),
      worker: { session, stats: laidOut.stats },
      ms: laidOut.ms,
      first
    };
  } catch (error) {
    if (!(error instanceof WorkerGoneError)) {
      throw error;
    }
    return {
      model: buildLandmarkModel({
        rows: parseLandmarkRows(envelope),
        groupBy,
        frame,
        title
      }),
      worker: null,
      ms: null,
      first: null
    };
  }
}

namespace Private {
  export const counter = { lastSession: 0 };

  /** Resolve in a later task, so the page can render and take input. */
  export function nextTask(): Promise<void> {
    return new Promise(resolve => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
}
