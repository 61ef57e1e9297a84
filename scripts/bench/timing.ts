/**
 * The TypeScript side of the benchmark: in a pass every variant runs over all
 * masks, each mask timed on its own, giving the mean µs per mask; a variant's
 * figure is the median over passes. Variants are interleaved inside each pass
 * (and passes alternate with the Python ones), so a burst of load from another
 * process hits all variants alike: only ratios within one run mean anything
 * on a shared 2-core machine.
 */
import { decodeRle, fillPolygon } from '../../src/core';
import { onesView, onesWords, writeRun } from '../../src/core/ones';
import { IBenchMask } from './data';

/** Per-mask work of one variant; returns a byte so nothing is optimised away. */
export type Work = (mask: IBenchMask) => number;

/** Anything read from the results, so the work cannot be dropped. */
let sink = 0;

/** A reused `height × width` buffer per mask size. */
const buffers = new Map<number, Uint8Array>();
function reused(size: number): Uint8Array {
  let buffer = buffers.get(size);
  if (!buffer) {
    buffer = new Uint8Array(size);
    buffers.set(size, buffer);
  }
  return buffer;
}

/**
 * The least a decode that clears the buffer and then writes the runs can
 * take in JavaScript: the clear plus the runs' stores through the decoder's
 * own writer, with the runs parsed beforehand (no text read at all).
 */
function clearAndStoreRuns(m: IBenchMask): number {
  const b = reused(m.height * m.width);
  b.fill(0);
  const view = onesView(b);
  const words = onesWords(b);
  const runs = m.runs;
  for (let k = 0; k < runs.length; k += 2) {
    writeRun(b, view, words, runs[k], runs[k] + runs[k + 1]);
  }
  return b[m.width * (m.height >> 1)];
}

/** One byte per 4 KiB page: the cheapest touch that makes the bytes real. */
function touchPages(a: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 4096) {
    a[i] = 1;
    s += a[i];
  }
  return s;
}

/** The TypeScript variants, in the order they run inside each pass. */
export const VARIANTS: Record<string, Work> = {
  allocFloor: m => touchPages(new Uint8Array(m.height * m.width)),
  zeroFloor: m => {
    const b = reused(m.height * m.width);
    b.fill(0);
    return b[b.length >> 1];
  },
  storesBound: clearAndStoreRuns,
  decodeFresh: m =>
    decodeRle(m.rle, m.height, m.width)[m.width * (m.height >> 1)],
  decodeReused: m =>
    decodeRle(m.rle, m.height, m.width, reused(m.height * m.width))[
      m.width * (m.height >> 1)
    ],
  fillFresh: m =>
    fillPolygon(m.ring, m.height, m.width)[m.width * (m.height >> 1)],
  fillReused: m =>
    fillPolygon(m.ring, m.height, m.width, reused(m.height * m.width))[
      m.width * (m.height >> 1)
    ]
};

/** Mean µs per mask of one pass of `work` over `masks`, each mask timed alone. */
function pass(masks: IBenchMask[], work: Work): number {
  let total = 0;
  for (const m of masks) {
    const t0 = performance.now();
    sink += work(m);
    total += performance.now() - t0;
  }
  return (total * 1000) / masks.length;
}

const collect = (globalThis as { gc?: () => void }).gc;

/**
 * One pass of every TypeScript variant, garbage collected in between when
 * `gc` is exposed (so one variant's garbage is not swept in another's time).
 * @returns For each variant, the mean µs per mask of this pass.
 */
export function timePass(masks: IBenchMask[]): Record<string, number> {
  const times: Record<string, number> = {};
  for (const [name, work] of Object.entries(VARIANTS)) {
    collect?.();
    times[name] = pass(masks, work);
  }
  return times;
}

/** The accumulated result bytes (read so the work is observably used). */
export function sinkValue(): number {
  return sink;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
