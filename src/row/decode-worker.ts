/**
 * The decoding worker's script: the core, unchanged, decoding a row off the
 * page's main thread. The runs go back first, their buffers transferred
 * rather than copied, so the page can paint while the measurements (which
 * decode every mask to a byte per pixel) are still being made.
 */
import { ChexmaskFormatError, measureRow, organRuns } from '../core';
import { DecodeResponse, IDecodeRequest } from './decode-protocol';

/** The worker's global scope, typed by what is used of it. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<IDecodeRequest>) => void) | null;
  postMessage(message: DecodeResponse, transfer: Transferable[]): void;
};

scope.onmessage = event => {
  const { id, row, fromLandmarks, measureOnly } = event.data;
  try {
    if (!measureOnly) {
      const runs = organRuns(row, fromLandmarks);
      scope.postMessage(
        { id, kind: 'runs', runs },
        Object.values(runs).map(r => r.buffer)
      );
    }
    scope.postMessage(
      {
        id,
        kind: 'measurements',
        measurements: measureRow(row, fromLandmarks)
      },
      []
    );
  } catch (error) {
    scope.postMessage(
      {
        id,
        kind: 'error',
        error: {
          field: error instanceof ChexmaskFormatError ? error.field : null,
          message: error instanceof Error ? error.message : String(error)
        }
      },
      []
    );
  }
};
