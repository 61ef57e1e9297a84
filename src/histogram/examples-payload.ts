/**
 * The example rows of a histogram payload's group (`examples`), DOM-free:
 * `cm.histogram(..., examples=k)` carries up to k rows per group per band,
 * a band being `bandBins` fine bins of the payload's lattice, each row a
 * gallery row with its fine bin and sampling key
 * (`schema/payloads/histogram.v1.json`). The panel that shows them is
 * `examples.ts`.
 */
import { ChexmaskFormatError, describeValue } from '../core';
import { expectObject, isWholeNumber } from '../common/payload';
import { MAX_EXAMPLES, parseExampleRows } from '../gallery/examples-payload';
import { GalleryItem } from '../gallery/tile-payload';

/** The widest band, in fine bins (merging takes least common multiples). */
export const MAX_BAND_BINS = 1e12;

/** A group's example rows, their fine bins and keys. */
export interface IHistogramExamples {
  /** Fine bins per band: a nice width (1, 2 or 5 times a power of ten). */
  bandBins: number;
  perBand: number;
  /** The rows, as gallery items (a malformed one is an error tile). */
  items: GalleryItem[];
  /** Each item's lattice bin. */
  bins: number[];
  /** Each item's sampling key (smaller is kept first). */
  keys: number[];
}

/** Whether `n` is 1, 2 or 5 times a power of ten. */
export function isNiceWidth(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) {
    return false;
  }
  let m = n;
  while (m % 10 === 0) {
    m /= 10;
  }
  return m === 1 || m === 2 || m === 5;
}

/**
 * Check a group's `examples` against the payload's fine bins `[start,
 * start + bins)`: its band width, and at most perBand rows per band, each a
 * gallery row with a bin inside the fine bins and a key.
 *
 * @throws ChexmaskFormatError naming the field.
 */
export function parseHistogramExamples(
  value: unknown,
  where: string,
  grid: { start: number; bins: number },
  column: string
): IHistogramExamples | null {
  if (value === null || value === undefined) {
    return null;
  }
  const e = expectObject(value, where);
  const bandBins = e.bandBins;
  if (!isWholeNumber(bandBins, 1, MAX_BAND_BINS) || !isNiceWidth(bandBins)) {
    throw new ChexmaskFormatError(
      `${where}.bandBins`,
      `must be 1, 2 or 5 times a power of ten, got ${describeValue(bandBins)}`
    );
  }
  if (!isWholeNumber(e.perBand, 1, MAX_EXAMPLES)) {
    throw new ChexmaskFormatError(
      `${where}.perBand`,
      `must be a whole number from 1 to ${MAX_EXAMPLES}, got ${describeValue(e.perBand)}`
    );
  }
  const perBand = e.perBand;
  const { start, bins } = grid;
  const bands =
    Math.floor((start + bins - 1) / bandBins) -
    Math.floor(start / bandBins) +
    1;
  const inBand = new Map<number, number>();
  const keys: number[] = [];
  const { items, places } = parseExampleRows(
    e.rows,
    `${where}.rows`,
    bands * perBand,
    [column],
    (row, at) => {
      const bin = row.bin;
      if (!isWholeNumber(bin, start, start + bins - 1)) {
        throw new ChexmaskFormatError(
          `${at}.bin`,
          `must be a fine bin from ${start} to ${start + bins - 1}, got ${describeValue(bin)}`
        );
      }
      const band = Math.floor(bin / bandBins);
      const n = (inBand.get(band) ?? 0) + 1;
      if (n > perBand) {
        throw new ChexmaskFormatError(
          `${at}.bin`,
          `puts more than perBand (${perBand}) rows in the band of bins from ${band * bandBins}`
        );
      }
      inBand.set(band, n);
      if (!isWholeNumber(row.key, 0, Number.MAX_SAFE_INTEGER)) {
        throw new ChexmaskFormatError(
          `${at}.key`,
          `must be a whole number from 0 to 2^53 - 1, got ${describeValue(row.key)}`
        );
      }
      keys.push(row.key);
      return bin;
    }
  );
  return { bandBins, perBand, items, bins: places, keys };
}

/**
 * Two parts' examples of one group as those of both (`merge_examples` in
 * Python): bands of the least common multiple of both widths, perBand the
 * smaller, and per band the rows of smallest key (ties: `a`'s first). So it
 * is the sample those bands give the whole table. None if a part has none.
 */
export function mergeExamples(
  a: IHistogramExamples | null | undefined,
  b: IHistogramExamples | null | undefined
): IHistogramExamples | null {
  if (!a || !b) {
    return null;
  }
  const bandBins = lcm(a.bandBins, b.bandBins);
  const perBand = Math.min(a.perBand, b.perBand);
  const all = [a, b].flatMap(p =>
    p.items.map((item, i) => ({ item, bin: p.bins[i], key: p.keys[i] }))
  );
  const band = (bin: number): number => Math.floor(bin / bandBins);
  const order = all
    .map((row, i) => ({ row, i }))
    .sort(
      (x, y) =>
        band(x.row.bin) - band(y.row.bin) || x.row.key - y.row.key || x.i - y.i
    );
  const taken = new Map<number, number>();
  const kept = order.filter(({ row }) => {
    const n = taken.get(band(row.bin)) ?? 0;
    taken.set(band(row.bin), n + 1);
    return n < perBand;
  });
  return {
    bandBins,
    perBand,
    items: kept.map(({ row }) => row.item),
    bins: kept.map(({ row }) => row.bin),
    keys: kept.map(({ row }) => row.key)
  };
}

/** The example items of `groups` whose bins lie in `[from, to)`, group by group. */
export function examplesIn(
  groups: ReadonlyArray<{ examples?: IHistogramExamples | null }>,
  from: number,
  to: number
): GalleryItem[] {
  return groups.flatMap(g =>
    g.examples
      ? g.examples.items.filter(
          (_, i) => g.examples!.bins[i] >= from && g.examples!.bins[i] < to
        )
      : []
  );
}

function lcm(x: number, y: number): number {
  let [a, b] = [x, y];
  while (b) {
    [a, b] = [b, a % b];
  }
  return (x / a) * y;
}
