/**
 * Merging histogram payloads of parts of a table (chunks, files, dask
 * partitions, machines) into the payload of the whole: counts, rows,
 * missing, out-of-range values and sums add; extremes combine. The grids
 * must agree: the same column and exponent (so the fine bins are the same
 * lattice), and where either part has values outside its fine bins, the
 * same fine bins (else those values might have been binned in the other).
 * Example rows merge by `mergeExamples`.
 */
import { ChexmaskFormatError } from '../core';
import { mergeExamples } from './examples-payload';
import { IHistogramGroup, IHistogramPayload } from './payload';

/**
 * The payload of the rows of both parts (see the module's comment). Groups
 * keep `a`'s order, then `b`'s new ones; the threshold, side, shown bins and
 * title are `a`'s (its threshold, else `b`'s).
 *
 * @throws ChexmaskFormatError naming the field on which the parts disagree.
 */
export function mergeHistograms(
  a: IHistogramPayload,
  b: IHistogramPayload
): IHistogramPayload {
  for (const field of ['column', 'by', 'exponent'] as const) {
    if (a[field] !== b[field]) {
      throw new ChexmaskFormatError(
        field,
        `differs between the parts (${String(a[field])} and ${String(b[field])}): their bins cannot be merged`
      );
    }
  }
  const outside = [...a.groups, ...b.groups].some(g => g.outOfRange > 0);
  if (outside && (a.start !== b.start || a.bins !== b.bins)) {
    throw new ChexmaskFormatError(
      'start',
      'differs between parts that have out-of-range values: make both with the same range'
    );
  }
  // A part without binned values has no range of its own: its grid is a
  // placeholder, which must not widen the whole's.
  const grids = [a, b].filter(p => p.groups.some(g => g.count > 0));
  const [first, ...rest] = grids.length ? grids : [a];
  const start = Math.min(first.start, ...rest.map(p => p.start));
  const bins =
    Math.max(first.start + first.bins, ...rest.map(p => p.start + p.bins)) -
    start;
  const merged = new Map<string, IHistogramGroup>();
  for (const part of [a, b]) {
    for (const g of part.groups) {
      const before = merged.get(g.name);
      const into = before ?? Private.empty(g.name, bins);
      merged.set(g.name, {
        ...Private.add(into, g, part.start - start),
        // A group of one part keeps its examples; of both, a deterministic subset.
        examples: before
          ? mergeExamples(before.examples, g.examples)
          : (g.examples ?? null)
      });
    }
  }
  return {
    ...a,
    start,
    bins,
    groups: [...merged.values()],
    threshold: a.threshold ?? b.threshold
  };
}

namespace Private {
  export function empty(name: string, bins: number): IHistogramGroup {
    return {
      name,
      rows: 0,
      counts: new Array<number>(bins).fill(0),
      missing: 0,
      outOfRange: 0,
      count: 0,
      sum: 0,
      sumSquares: 0,
      min: null,
      max: null
    };
  }

  /**
   * `into` plus `g`, whose fine bin 0 is `into`'s bin `offset` (a part
   * without binned values may have bins outside: they are all zero).
   */
  export function add(
    into: IHistogramGroup,
    g: IHistogramGroup,
    offset: number
  ): IHistogramGroup {
    const counts = into.counts.slice();
    g.counts.forEach((c, i) => {
      if (c) {
        counts[offset + i] += c;
      }
    });
    const pick = (x: number | null, y: number | null, f: typeof Math.min) =>
      x === null ? y : y === null ? x : f(x, y);
    return {
      name: into.name,
      rows: into.rows + g.rows,
      counts,
      missing: into.missing + g.missing,
      outOfRange: into.outOfRange + g.outOfRange,
      count: into.count + g.count,
      sum: into.sum + g.sum,
      sumSquares: into.sumSquares + g.sumSquares,
      min: pick(into.min, g.min, Math.min),
      max: pick(into.max, g.max, Math.max)
    };
  }
}
