/**
 * Test helper: small, synthetic valid payloads of every view, for tables
 * and fast fuzzing (payloads from the real rows: real-payloads.ts).
 */
import { ORGANS, OrganKey, parseLandmarks, parseRuns } from '../core';
import { compareMetrics } from '../compare/metrics';
import { binValues, latticeIndex } from '../histogram/grid';
import { encodeLandmarks } from '../landmarks/__tests__/ring-encoder';
import { ViewKind } from './view-harness';

/** A mask side of the small synthetic rows. */
export const SMALL_SIDE = 16;

/** 120 landmarks inside a 16×16 image, as the flat `"x0,y0,…"` string. */
export function smallLandmarks(): string {
  const numbers: number[] = [];
  for (let i = 0; i < 120; i++) {
    // Three rough rings: points walk around a box per organ.
    const organ = i < 44 ? 0 : i < 94 ? 1 : 2;
    const t = (i % 8) / 8;
    const x0 = [2, 9, 5][organ];
    numbers.push(x0 + Math.round(4 * Math.cos(2 * Math.PI * t) + 2));
    numbers.push(8 + Math.round(4 * Math.sin(2 * Math.PI * t)));
  }
  return numbers.join(',');
}

/** A valid 16×16 CheXmask CSV row keyed by column name (raw CSV cells). */
export function smallRow(): Record<string, unknown> {
  return {
    image_id: 'small-row',
    'Dice RCA (Mean)': '0.81',
    'Dice RCA (Max)': '0.9',
    Landmarks: smallLandmarks(),
    'Right Lung': '18 3 34 3 50 3',
    'Left Lung': '27 3 43 3 59 3',
    Heart: '100 4 116 4',
    Height: String(SMALL_SIDE),
    Width: String(SMALL_SIDE)
  };
}

/** A 1×1 PNG (a real file: the row payload checks the magic bytes). */
export const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A valid row payload (`application/vnd.chexmask.row.v1+json`). */
export function rowPayload(
  row: Record<string, unknown> = smallRow(),
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return { version: 1, row, image: null, title: 'a small row', ...extra };
}

/** A valid RCA histogram score of `bins` bins holding `values`. */
export function rcaScore(
  bins: number,
  values: number[]
): Record<string, unknown> {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    counts[Math.min(bins - 1, Math.floor(v * bins))]++;
  }
  return {
    counts,
    missing: 0,
    outOfRange: 0,
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    sumSquares: values.reduce((a, b) => a + b * b, 0),
    min: values.length ? Math.min(...values) : null,
    max: values.length ? Math.max(...values) : null
  };
}

/** A valid RCA payload of two small datasets over 20 bins. */
export function rcaPayload(
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const bins = 20;
  const a = [0.62, 0.71, 0.8, 0.85, 0.9];
  const b = [0.5, 0.77, 0.93];
  return {
    version: 1,
    bins,
    datasets: [
      {
        name: 'CheXpert',
        rows: a.length,
        swapped: 0,
        mean: rcaScore(bins, a),
        max: rcaScore(
          bins,
          a.map(v => Math.min(1, v + 0.05))
        ),
        values: { mean: a, max: a.map(v => Math.min(1, v + 0.05)) }
      },
      {
        name: 'Padchest',
        rows: b.length,
        swapped: 1,
        mean: rcaScore(bins, b),
        max: rcaScore(bins, b)
      }
    ],
    title: 'RCA of two datasets',
    ...extra
  };
}

/** A valid landmark payload of `rows` small rows (16×16). */
export function landmarkPayload(
  rows = 2,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    version: 1,
    rows: Array.from({ length: rows }, (_, i) => ({
      id: `row-${i}`,
      dataset: i % 2 ? 'Padchest' : 'CheXpert',
      height: SMALL_SIDE,
      width: SMALL_SIDE,
      landmarks: smallLandmarks()
    })),
    groupBy: 'dataset',
    frame: null,
    title: 'small landmark plot',
    ...extra
  };
}

/**
 * The same plot as {@link landmarkPayload} in version 2: the rows as
 * columns, their landmarks packed (see `landmarks/packed.ts`).
 */
export function landmarkPayloadV2(
  rows = 2,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const v1 = landmarkPayload(rows).rows as Array<Record<string, unknown>>;
  return {
    version: 2,
    rowCount: rows,
    ids: v1.map(r => r.id),
    datasets: v1.map(r => r.dataset),
    heights: v1.map(r => r.height),
    widths: v1.map(r => r.width),
    landmarks: encodeLandmarks(
      v1.flatMap(r => String(r.landmarks).split(',').map(Number))
    ),
    groupBy: 'dataset',
    frame: null,
    title: 'small landmark plot',
    ...extra
  };
}

/** A one-row landmark payload carrying its CSV row for the mask underlay. */
export function landmarkPayloadWithRow(
  row: Record<string, unknown> = smallRow()
): Record<string, unknown> {
  const height = Number(row.Height ?? 1024) || 1024;
  const width = Number(row.Width ?? 1024) || 1024;
  return {
    version: 1,
    rows: [
      {
        id: 'with-row',
        dataset: null,
        height,
        width,
        landmarks: row.Landmarks,
        row
      }
    ],
    groupBy: null,
    frame: null,
    title: null
  };
}

/**
 * A valid histogram payload of `groups` (name → values; NaN and null are
 * missing, infinities out of range) on the fine grid of `exponent` that
 * covers the finite values (or `[start, start + bins)` when given).
 */
export function histogramOf(
  groups: Record<string, Array<number | null>>,
  exponent: number,
  grid?: { start: number; bins: number },
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const finite = Object.values(groups)
    .flat()
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const indices = finite.map(v => latticeIndex(v, exponent));
  const start = grid?.start ?? (indices.length ? Math.min(...indices) : 0);
  const bins =
    grid?.bins ?? (indices.length ? Math.max(...indices) - start + 1 : 1);
  return {
    version: 1,
    column: 'CTR',
    by: 'View Position',
    exponent,
    start,
    bins,
    groups: Object.entries(groups).map(([name, values]) => {
      const binned = binValues(values, exponent, start, bins);
      const inside = values.filter(
        (v): v is number =>
          v !== null &&
          Number.isFinite(v) &&
          latticeIndex(v, exponent) - start >= 0 &&
          latticeIndex(v, exponent) - start < bins
      );
      return {
        name,
        rows: values.length,
        ...binned,
        count: inside.length,
        sum: inside.reduce((a, b) => a + b, 0),
        sumSquares: inside.reduce((a, b) => a + b * b, 0),
        min: inside.length ? Math.min(...inside) : null,
        max: inside.length ? Math.max(...inside) : null
      };
    }),
    threshold: 0.5,
    keep: 'above',
    shownBins: null,
    title: 'CTR by view',
    ...extra
  };
}

/**
 * A valid compare payload of two rows' masks and landmarks (one size), with
 * the table computed by the core as the kernel writes it (`null` for an
 * undefined value).
 */
export function comparePayloadOf(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const height = Number(a.Height || 1024);
  const width = Number(a.Width || 1024);
  const side = (row: Record<string, unknown>, id: string) => ({
    id,
    masks: Object.fromEntries(
      ORGANS.map(o => [o.column, (row[o.column] as string) || null])
    ),
    landmarks: row.Landmarks ?? null
  });
  const runs = (row: Record<string, unknown>) => {
    const out = {} as Record<OrganKey, Int32Array>;
    for (const o of ORGANS) {
      out[o.key] = parseRuns(row[o.column] as string, height, width);
    }
    return out;
  };
  const metrics = compareMetrics({
    height,
    width,
    a: runs(a),
    b: runs(b),
    landmarksA: a.Landmarks ? parseLandmarks(a.Landmarks) : null,
    landmarksB: b.Landmarks ? parseLandmarks(b.Landmarks) : null
  });
  const json = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    version: 1,
    labels: ['CheXmask', 'model'],
    height,
    width,
    resizedFrom: null,
    a: side(a, 'a-row'),
    b: side(b, 'b-row'),
    table: ORGANS.map(o => {
      const m = metrics[o.key];
      return {
        organ: o.column,
        dice: m.dice,
        iou: m.iou,
        hd: json(m.hd),
        hd95: json(m.hd95),
        assd: json(m.assd),
        areaA: m.areaA,
        areaB: m.areaB,
        landmarkDistance: json(m.landmarkDistance)
      };
    }),
    image: null,
    title: 'a small comparison',
    ...extra
  };
}

/** A valid histogram payload of two small groups (CTR by view position). */
export function histogramPayload(
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return histogramOf(
    {
      AP: [0.52, 0.61, 0.5, 0.47, NaN],
      PA: [0.41, 0.45, 0.5, 0.49, 0.438, 0.39]
    },
    -3,
    undefined,
    extra
  );
}

/**
 * A valid 16×16 compare payload: the small row against a copy with its
 * right lung shifted one pixel and no heart (undefined distances).
 */
export function comparePayload(
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const b = { ...smallRow(), 'Right Lung': '19 3 35 3 51 3', Heart: '' };
  return comparePayloadOf(smallRow(), b, extra);
}

/** A small valid payload of each view. */
export function smallPayload(kind: ViewKind): Record<string, unknown> {
  return kind === 'row'
    ? rowPayload()
    : kind === 'rca'
      ? rcaPayload()
      : kind === 'histogram'
        ? histogramPayload()
        : kind === 'compare'
          ? comparePayload()
          : landmarkPayload();
}
