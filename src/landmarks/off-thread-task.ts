/**
 * The landmark plot's work in the shared worker: a large payload's rows
 * arrive in chunks and are parsed as they come; then the rows are laid out
 * in their frame with the statistics for every group shown, and the contour
 * density is rasterised there on each draw, and the hover index built. The
 * worker keeps the laid-out coordinates of the last few plots (a session
 * each) for those draws.
 */
import { LANDMARK_COUNT, LandmarkSigma, meanSigma, ORGANS } from '../core';
import { IDensityGroup, paintContourDensity } from './density';
import { deviceMapping, firstContourCanvas, ICanvasMapping } from './plot-area';
import { buildLandmarkModel, IFrameBox, ILandmarkModel } from './model';
import { ILandmarkColumns, parsePackedRows } from './packed';
import {
  IParsedLandmarkRow,
  LandmarkFrame,
  LandmarkRowsParser
} from './payload';
import { pointGridIndex } from './point-grid';
import { plotSigmaScale } from './sigma';
import { computePlotStats, ILandmarkPlotStats } from './statistics';
import type { ITaskResult } from '../worker/tasks';
import { bitmapOf, pixelsOf } from '../worker/bitmaps';

/**
 * A laid-out model in a few buffers, to cross threads cheaply (see
 * {@link unpackModel}). Its σ scale (functions, which cannot cross) is made
 * again from the rows' σ.
 */
export interface IPackedLandmarkModel extends Omit<
  ILandmarkModel,
  'rows' | 'sigmaScale'
> {
  ids: (string | null)[];
  datasets: (string | null)[];
  groupNames: (string | null)[];
  heights: Int32Array;
  widths: Int32Array;
  /**
   * Every row's landmarks in mask pixels, 240 numbers per row; `null` in a
   * frame of mask pixels, where they are `coords` (not sent twice: 19 MB at
   * 10,000 rows).
   */
  raw: Float64Array | null;
  /**
   * Every row's σ (CheXmask-U), 240 numbers per row, NaN for a row without;
   * `null` when no row has σ.
   */
  sigmas: Float64Array | null;
}

/** What the page asks of the worker for landmark plots. */
export type LandmarkTaskInput =
  | {
      /** Parse the next chunk of a payload's rows. */
      op: 'rows';
      session: number;
      groupBy: string | null;
      total: number;
      rows: unknown[];
    }
  | {
      /** Parse a version-2 payload's rows, all at once. */
      op: 'packed';
      session: number;
      groupBy: string | null;
      columns: ILandmarkColumns;
    }
  | {
      /** Lay the parsed rows out and compute the statistics. */
      op: 'layout';
      session: number;
      groupBy: string | null;
      frame: LandmarkFrame | null;
      title: string | null;
    }
  | {
      /**
       * Rasterise the first contours of the plot just laid out: the plot
       * area unzoomed, every group and organ shown, as the page's first draw
       * asks. Sent right after `layout`, so the worker draws while the page
       * builds the plot instead of waiting for it to ask.
       */
      op: 'firstDensity';
      session: number;
      /** Canvas pixels per layout pixel on the page. */
      dpr: number;
    }
  | {
      /** Rasterise the contour density (`coords` only when asked for). */
      op: 'density';
      session: number;
      coords: Float64Array | null;
      groups: IDensityGroup[];
      organs: boolean[];
      mapping: ICanvasMapping;
      width: number;
      height: number;
    };

/** Milliseconds the worker spent on a layout, by step. */
export interface ILayoutTimings {
  /** Parsing the rows, every chunk. */
  parse: number;
  /** Laying them out in the frame, grouped. */
  model: number;
  /** The statistics with every group shown. */
  stats: number;
  /** Packing the model to cross threads. */
  pack: number;
}

/** A plot's first contours (see the `firstDensity` op) and what they were drawn for. */
export interface IFirstContours {
  bitmap: ImageBitmap;
  /** The canvas size, in canvas pixels. */
  width: number;
  height: number;
  /** The frame → layout-pixel mapping drawn at. */
  mapping: ICanvasMapping;
  /** Milliseconds the worker spent rasterising them. */
  ms: number;
}

/** What the worker answers (by `op`: nothing, the layout, a bitmap or "send the coordinates"). */
export type LandmarkTaskOutput =
  | null
  | {
      model: IPackedLandmarkModel;
      stats: ILandmarkPlotStats;
      ms: ILayoutTimings;
    }
  | { bitmap: ImageBitmap }
  | { first: IFirstContours }
  | { missing: true };

/** Run a landmark task in the worker. */
export function landmarkTask(input: LandmarkTaskInput): ITaskResult {
  switch (input.op) {
    case 'rows': {
      const started = performance.now();
      const session = Private.session(input.session);
      session.parser ??= new LandmarkRowsParser(input.groupBy, input.total);
      session.parser.add(input.rows);
      session.parseMs += performance.now() - started;
      return { output: null, transfer: [] };
    }
    case 'packed': {
      const started = performance.now();
      const session = Private.session(input.session);
      session.packed = parsePackedRows(input.columns, input.groupBy);
      session.parseMs += performance.now() - started;
      return { output: null, transfer: [] };
    }
    case 'layout': {
      const session = Private.session(input.session);
      const rows = session.parser?.rows ?? session.packed;
      if (!rows) {
        throw new Error('the worker has no rows for this plot');
      }
      session.parser = null;
      session.packed = null;
      const started = performance.now();
      const model = buildLandmarkModel({
        rows,
        groupBy: input.groupBy,
        frame: input.frame,
        title: input.title
      });
      session.coords = model.coords;
      session.first = {
        bounds: model.bounds,
        groups: model.groups.map(g => ({ rows: g.rows, color: g.color }))
      };
      const laidOut = performance.now();
      const stats = computePlotStats(model, new Set());
      const measured = performance.now();
      const packed = packModel(model);
      const ms: ILayoutTimings = {
        parse: session.parseMs,
        model: laidOut - started,
        stats: measured - laidOut,
        pack: performance.now() - measured
      };
      return {
        output: { model: packed, stats, ms },
        transfer: [
          packed.coords.buffer,
          ...(packed.raw ? [packed.raw.buffer] : []),
          ...(packed.sigmas ? [packed.sigmas.buffer] : [])
        ]
      };
    }
    case 'firstDensity': {
      const kept = Private.sessions.get(input.session);
      const first = kept?.first ?? null;
      if (!kept || !first || !kept.coords) {
        return { output: null, transfer: [] };
      }
      kept.first = null;
      const started = performance.now();
      const { width, height, mapping } = firstContourCanvas(
        first.bounds,
        input.dpr
      );
      const image = pixelsOf(width, height);
      paintContourDensity(
        image,
        kept.coords,
        first.groups,
        ORGANS.map(() => true),
        deviceMapping(mapping, input.dpr)
      );
      const bitmap = bitmapOf(image);
      const ms = performance.now() - started;
      return {
        output: { first: { bitmap, width, height, mapping, ms } },
        transfer: [bitmap]
      };
    }
    case 'density': {
      const kept = Private.sessions.get(input.session);
      const coords = input.coords ?? kept?.coords ?? null;
      if (!coords) {
        return { output: { missing: true }, transfer: [] };
      }
      Private.session(input.session).coords = coords;
      const image = pixelsOf(input.width, input.height);
      paintContourDensity(
        image,
        coords,
        input.groups,
        input.organs,
        input.mapping
      );
      const bitmap = bitmapOf(image);
      return { output: { bitmap }, transfer: [bitmap] };
    }
  }
}

/**
 * The hover index of a session's plot (see `PointGrid`), its buffers handed
 * over; `null` when the worker no longer keeps the plot's coordinates.
 */
export function landmarkGridTask(input: {
  session: number;
  bounds: IFrameBox;
}): ITaskResult {
  const coords = Private.sessions.get(input.session)?.coords ?? null;
  if (!coords) {
    return { output: null, transfer: [] };
  }
  const index = pointGridIndex(coords, input.bounds);
  return {
    output: index,
    transfer: [index.cellStart.buffer, index.points.buffer]
  };
}

/** Pack a model's rows into columns (the frame coordinates are copied: the worker keeps them). */
export function packModel(model: ILandmarkModel): IPackedLandmarkModel {
  const { rows, sigmaScale, ...rest } = model;
  const stride = 2 * LANDMARK_COUNT;
  let raw: Float64Array | null = null;
  if (model.frame !== 'pixels') {
    const all = new Float64Array(rows.length * stride);
    rows.forEach((row, r) => all.set(row.coords, r * stride));
    raw = all;
  }
  let sigmas: Float64Array | null = null;
  if (sigmaScale) {
    sigmas = new Float64Array(rows.length * stride).fill(NaN);
    rows.forEach(
      (row, r) => row.sigma && sigmas!.set(row.sigma.flat(), r * stride)
    );
  }
  return {
    ...rest,
    coords: model.coords.slice(),
    ids: rows.map(r => r.id),
    datasets: rows.map(r => r.dataset),
    groupNames: rows.map(r => r.group),
    heights: Int32Array.from(rows, r => r.height),
    widths: Int32Array.from(rows, r => r.width),
    raw,
    sigmas
  };
}

/** The model again from its columns; rows' coordinates are views of one buffer. */
export function unpackModel(packed: IPackedLandmarkModel): ILandmarkModel {
  const { ids, datasets, groupNames, heights, widths, raw, sigmas, ...rest } =
    packed;
  const stride = 2 * LANDMARK_COUNT;
  // In mask pixels the frame coordinates are the rows' landmarks.
  const landmarks = raw ?? rest.coords;
  const rows = ids.map((id, r) => {
    const sigma = Private.sigmaOf(sigmas, r * stride);
    return {
      id,
      dataset: datasets[r],
      group: groupNames[r],
      height: heights[r],
      width: widths[r],
      coords: landmarks.subarray(r * stride, (r + 1) * stride),
      sigma,
      meanSigma: sigma && meanSigma(sigma),
      row: null
    };
  });
  return { ...rest, rows, sigmaScale: plotSigmaScale(rows) };
}

namespace Private {
  /** A row's σ pairs from the packed σ at `base`, or `null` for a row without (NaN). */
  export function sigmaOf(
    sigmas: Float64Array | null,
    base: number
  ): LandmarkSigma[] | null {
    if (!sigmas || Number.isNaN(sigmas[base])) {
      return null;
    }
    return Array.from({ length: LANDMARK_COUNT }, (_, k): LandmarkSigma => [
      sigmas[base + 2 * k],
      sigmas[base + 2 * k + 1]
    ]);
  }

  /** What the worker keeps of one plot. */
  export interface ISession {
    parser: LandmarkRowsParser | null;
    /** A version-2 payload's rows, parsed at once. */
    packed: IParsedLandmarkRow[] | null;
    coords: Float64Array | null;
    /** Time spent parsing its rows so far. */
    parseMs: number;
    /** What its first contours are drawn from, until they are. */
    first: { bounds: IFrameBox; groups: IDensityGroup[] } | null;
  }

  /** The plots' sessions, the most recently used last. */
  export const sessions = new Map<number, ISession>();
  /** Sessions kept: each holds a plot's frame coordinates (up to ~19 MB). */
  const KEPT = 4;

  /** A session, made on first use and marked as the most recent. */
  export function session(id: number): ISession {
    const found = sessions.get(id) ?? {
      parser: null,
      packed: null,
      coords: null,
      parseMs: 0,
      first: null
    };
    sessions.delete(id);
    sessions.set(id, found);
    // Only finished plots are let go: a plot whose rows are still coming in
    // keeps its parser until it is laid out.
    for (const [key, kept] of sessions) {
      if (sessions.size <= KEPT) {
        break;
      }
      if (kept.parser === null && kept.packed === null) {
        sessions.delete(key);
      }
    }
    return found;
  }
}
