/**
 * The landmark plot's worker side, run here: rows parsed in chunks give the
 * same rows and the same first error as one parse, however they are cut;
 * the model crosses threads packed and comes back equal; the worker's
 * layout is the page's layout with the statistics of every group shown.
 */
import {
  ChexmaskFormatError,
  formatLandmarks,
  LandmarkPoint
} from '../../core';
import { buildLandmarkModel } from '../model';
import {
  ILayoutTimings,
  landmarkGridTask,
  landmarkTask,
  packModel,
  unpackModel,
  IPackedLandmarkModel
} from '../off-thread-task';
import { pointGridIndex } from '../point-grid';
import { encodeLandmarks } from './ring-encoder';
import {
  LandmarkRowsParser,
  MAX_LANDMARK_GROUPS,
  parseLandmarkEnvelope,
  parseLandmarkPayload
} from '../payload';
import { computePlotStats, ILandmarkPlotStats } from '../statistics';

function row(r: number, extra: Record<string, unknown> = {}) {
  const points: LandmarkPoint[] = Array.from({ length: 120 }, (_, k) => [
    100 + k + (r % 7),
    200 + k + (r % 5)
  ]);
  return {
    id: `row ${r}`,
    dataset: r % 2 ? 'CheXpert' : 'Padchest',
    landmarks: formatLandmarks(points),
    ...extra
  };
}

/** Parse `rows` cut into chunks of `size`; the first error, or the rows. */
function parseInChunks(rows: unknown[], size: number, groupBy: string | null) {
  const parser = new LandmarkRowsParser(groupBy, rows.length);
  try {
    for (let start = 0; start < rows.length; start += size) {
      parser.add(rows.slice(start, start + size));
    }
  } catch (error) {
    return error as ChexmaskFormatError;
  }
  return parser.rows;
}

/** The first error of one parse of the whole payload, or its rows. */
function parseWhole(rows: unknown[], groupBy: string | null) {
  try {
    return parseLandmarkPayload({ version: 1, rows, groupBy }).rows;
  } catch (error) {
    return error as ChexmaskFormatError;
  }
}

describe('landmark rows parsed in chunks', () => {
  const rows = Array.from({ length: 37 }, (_, r) => row(r));

  it.each([1, 5, 36, 37, 500])('equal one parse, chunks of %i', size => {
    expect(parseInChunks(rows, size, 'dataset')).toEqual(
      parseWhole(rows, 'dataset')
    );
  });

  it.each([1, 4, 100])(
    'fail at the same row with the same words, chunks of %i',
    size => {
      const bad = rows.map((r, i) =>
        i === 23 ? { ...r, landmarks: '1,2,3' } : r
      );
      const chunked = parseInChunks(bad, size, null);
      expect(chunked).toBeInstanceOf(ChexmaskFormatError);
      expect((chunked as ChexmaskFormatError).field).toBe('rows[23].landmarks');
      expect(chunked).toEqual(parseWhole(bad, null));
    }
  );

  it('count distinct groups across chunks', () => {
    const many = Array.from({ length: MAX_LANDMARK_GROUPS + 3 }, (_, r) =>
      row(r, { group: `g${r}` })
    );
    const chunked = parseInChunks(many, 10, 'group') as ChexmaskFormatError;
    expect(chunked.field).toBe(`rows[${MAX_LANDMARK_GROUPS}].group`);
    expect(chunked).toEqual(parseWhole(many, 'group'));
  });
});

describe('the worker layout', () => {
  const rows = Array.from({ length: 30 }, (_, r) => row(r));

  it.each(['pixels', 'normalized'] as const)(
    'packs and unpacks a model unchanged, frame %s',
    frame => {
      const model = buildLandmarkModel(
        parseLandmarkPayload({ version: 1, rows, groupBy: 'dataset', frame })
      );
      const packed = packModel(model);
      expect(packed.raw === null).toBe(frame === 'pixels');
      const back = unpackModel(packed);
      expect(back).toEqual(model);
      back.rows.forEach((r, i) =>
        expect(Array.from(r.coords)).toEqual(Array.from(model.rows[i].coords))
      );
    }
  );

  it('lays out chunks sent to a session as the page would, with statistics', () => {
    const session = 41;
    for (const chunk of [rows.slice(0, 12), rows.slice(12)]) {
      expect(
        landmarkTask({
          op: 'rows',
          session,
          groupBy: 'dataset',
          total: rows.length,
          rows: chunk
        }).output
      ).toBeNull();
    }
    const { output, transfer } = landmarkTask({
      op: 'layout',
      session,
      groupBy: 'dataset',
      frame: null,
      title: 'sample'
    });
    const { model, stats, ms } = output as {
      model: IPackedLandmarkModel;
      stats: ILandmarkPlotStats;
      ms: ILayoutTimings;
    };
    expect(Object.keys(ms)).toEqual(['parse', 'model', 'stats', 'pack']);
    expect(Object.values(ms).every(t => t >= 0)).toBe(true);
    const expected = buildLandmarkModel(
      parseLandmarkPayload({ version: 1, rows, groupBy: 'dataset' })
    );
    expect(unpackModel(model)).toEqual(expected);
    expect(stats).toEqual(computePlotStats(expected, new Set()));
    // In mask pixels the rows' landmarks are the frame coordinates: sent once.
    expect(model.frame).toBe('pixels');
    expect(model.raw).toBeNull();
    expect(transfer).toEqual([model.coords.buffer]);
    // Laid out once: the rows are let go, a second layout is refused.
    expect(() =>
      landmarkTask({
        op: 'layout',
        session,
        groupBy: 'dataset',
        frame: null,
        title: null
      })
    ).toThrow(/no rows/);
  });

  it('lays out a version-2 payload sent at once as the version-1 rows it packs', () => {
    const session = 42;
    const v2 = {
      version: 2,
      rowCount: rows.length,
      ids: rows.map(r => r.id),
      datasets: rows.map(r => r.dataset),
      landmarks: encodeLandmarks(
        rows.flatMap(r => r.landmarks.split(',').map(Number))
      ),
      groupBy: 'dataset'
    };
    const { rows: input } = parseLandmarkEnvelope(v2);
    if (!input.packed) {
      throw new Error('version 2 is read as columns');
    }
    expect(
      landmarkTask({
        op: 'packed',
        session,
        groupBy: 'dataset',
        columns: input.columns
      }).output
    ).toBeNull();
    const { output } = landmarkTask({
      op: 'layout',
      session,
      groupBy: 'dataset',
      frame: null,
      title: null
    });
    const { model, stats } = output as {
      model: IPackedLandmarkModel;
      stats: ILandmarkPlotStats;
    };
    const expected = buildLandmarkModel(
      parseLandmarkPayload({ version: 1, rows, groupBy: 'dataset' })
    );
    expect(unpackModel(model)).toEqual(expected);
    expect(stats).toEqual(computePlotStats(expected, new Set()));
  });

  it('builds the hover index of a plot it laid out as the page would, none for one it let go', () => {
    const session = 43;
    landmarkTask({
      op: 'rows',
      session,
      groupBy: 'dataset',
      total: rows.length,
      rows
    });
    landmarkTask({
      op: 'layout',
      session,
      groupBy: 'dataset',
      frame: null,
      title: null
    });
    const expected = buildLandmarkModel(
      parseLandmarkPayload({ version: 1, rows, groupBy: 'dataset' })
    );
    const { output, transfer } = landmarkGridTask({
      session,
      bounds: expected.bounds
    });
    const index = pointGridIndex(expected.coords, expected.bounds);
    expect(output).toEqual(index);
    expect(transfer).toEqual([
      (output as typeof index).cellStart.buffer,
      (output as typeof index).points.buffer
    ]);
    expect(
      landmarkGridTask({ session: 998, bounds: expected.bounds }).output
    ).toBeNull();
  });

  it('asks for the coordinates of a plot it does not hold', () => {
    expect(
      landmarkTask({
        op: 'density',
        session: 999,
        coords: null,
        groups: [],
        organs: [true, true, true],
        mapping: { scale: 1, dx: 0, dy: 0 },
        width: 10,
        height: 10
      }).output
    ).toEqual({ missing: true });
  });
});
