/**
 * What the worker does for each kind of request (see `protocol.ts`): the
 * core's decoding and measuring, the mask painter and x-ray windowing,
 * returning bitmaps and buffers to transfer.
 */
import { measureRow, OrganKey, organRuns } from '../core';
import { MaskPainter } from '../common/mask-painter';
import { AgreementPainter } from '../compare/agreement-painter';
import { compareMetrics } from '../compare/metrics';
import { largeRowPayload } from '../gallery/large-payload';
import { landmarkGridTask, landmarkTask } from '../landmarks/off-thread-task';
import { greyOf, paintWindowed } from '../row/window-level';
import { bitmapOf, pixelsOf } from './bitmaps';
import { IWorkerRequest, IWorkerTasks, TaskKind } from './protocol';

/** Workers' synchronous file reader (the DOM typings the project uses lack it). */
declare const FileReaderSync: new () => { readAsDataURL(blob: Blob): string };

/** A task's output and the buffers it hands over. */
export interface ITaskResult {
  output: unknown;
  transfer: Transferable[];
}

/** Run a request's task. */
export async function runTask(request: IWorkerRequest): Promise<ITaskResult> {
  const task = Private.TASKS[request.kind] as (
    input: unknown
  ) => ITaskResult | Promise<ITaskResult>;
  return task(request.input);
}

namespace Private {
  type Tasks = {
    [K in TaskKind]: (
      input: IWorkerTasks[K]['input']
    ) => ITaskResult | Promise<ITaskResult>;
  };

  export const TASKS: Tasks = {
    decode({ row, fromLandmarks, style, key }) {
      const runs = organRuns(row, fromLandmarks);
      let masks: ImageBitmap | null = null;
      if (style) {
        const painter = painterOf(key, runs, row.height, row.width);
        masks = paint(painter, row.height, row.width, style);
      }
      // The painter keeps the runs: the page gets copies.
      const copies = {} as Record<OrganKey, Int32Array>;
      for (const organ of Object.keys(runs) as OrganKey[]) {
        copies[organ] = runs[organ].slice();
      }
      return {
        output: { runs: copies, masks },
        transfer: [
          ...Object.values(copies).map(r => r.buffer),
          ...(masks ? [masks] : [])
        ]
      };
    },
    measure({ row, fromLandmarks }) {
      return { output: measureRow(row, fromLandmarks), transfer: [] };
    },
    masks({ key, runs, height, width, style }) {
      const bitmap = paint(
        painterOf(key, runs, height, width),
        height,
        width,
        style
      );
      return { output: bitmap, transfer: [bitmap] };
    },
    agreement({ key, a, b, height, width, style }) {
      let painter = agreementPainters.get(key);
      if (!painter || !painter.paints(height, width)) {
        painter = new AgreementPainter(a, b, height, width);
      }
      keep(agreementPainters, key, painter);
      const image = pixelsOf(width, height);
      painter.paint(image.data, style);
      const bitmap = bitmapOf(image);
      return { output: bitmap, transfer: [bitmap] };
    },
    compareMetrics(input) {
      return { output: compareMetrics(input), transfer: [] };
    },
    async xray({ mimeType, data, width, height, windowLevel }) {
      const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
      const decoded = await createImageBitmap(
        new Blob([bytes], { type: mimeType })
      );
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      context.drawImage(decoded, 0, 0, width, height);
      decoded.close();
      const grey = greyOf(context.getImageData(0, 0, width, height).data);
      return windowed(grey, width, height, windowLevel);
    },
    window({ grey, width, height, windowLevel }) {
      return windowed(grey, width, height, windowLevel);
    },
    async png({ bitmap }) {
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      bitmap.close();
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const url = new FileReaderSync().readAsDataURL(blob);
      return {
        output: url.slice(url.indexOf(',') + 1),
        transfer: []
      };
    },
    landmarks(input) {
      return landmarkTask(input);
    },
    landmarkGrid(input) {
      return landmarkGridTask(input);
    },
    largeRow({ item }) {
      return { output: largeRowPayload(item), transfer: [] };
    }
  };

  /** Grey values windowed into a bitmap; the grey buffer goes back too. */
  export function windowed(
    grey: Uint8ClampedArray,
    width: number,
    height: number,
    windowLevel: IWorkerTasks['window']['input']['windowLevel']
  ): ITaskResult {
    const image = pixelsOf(width, height);
    paintWindowed(grey, windowLevel, image.data);
    const bitmap = bitmapOf(image);
    return { output: { grey, bitmap }, transfer: [grey.buffer, bitmap] };
  }

  /** Paint masks into a bitmap. */
  export function paint(
    painter: MaskPainter,
    height: number,
    width: number,
    style: IWorkerTasks['masks']['input']['style']
  ): ImageBitmap {
    const image = pixelsOf(width, height);
    painter.paint(image.data, style);
    return bitmapOf(image);
  }

  /**
   * Painters of the runs painted last, by the page's key for them: a
   * painter keeps the outlines it derived, so dragging the opacity slider
   * of an outlined row does not derive them again on every step.
   */
  const painters = new Map<number, MaskPainter>();
  /** The same for agreement maps: a painter keeps each organ's runs by class. */
  export const agreementPainters = new Map<number, AgreementPainter>();
  const PAINTERS_KEPT = 16;

  /** Keep `painter` as the most recent of `kept`, forgetting the oldest past the bound. */
  export function keep<P>(kept: Map<number, P>, key: number, painter: P): void {
    kept.delete(key);
    kept.set(key, painter);
    if (kept.size > PAINTERS_KEPT) {
      kept.delete(kept.keys().next().value!);
    }
  }

  /** The kept painter of `key`, or a new one of these runs. */
  export function painterOf(
    key: number,
    runs: Record<OrganKey, Int32Array>,
    height: number,
    width: number
  ): MaskPainter {
    let painter = painters.get(key);
    if (!painter || !painter.paints(height, width)) {
      painter = new MaskPainter(runs, height, width);
    }
    keep(painters, key, painter);
    return painter;
  }
}
