/**
 * `npm run bench`: how fast the core decodes CheXmask masks, against the
 * floors of memory work and against the official Python tools, on the 915
 * real masks of ../shared/data/chexmask-preprocessed (CHEXMASK_SHARED_DATA
 * overrides the folder, BENCH_PASSES the 7 passes).
 *
 * The machine is shared (2 cores, tests run now and then), so absolute µs
 * drift between runs: every verdict is a ratio of figures from this one run.
 * The decode goal is also printed pass by pass (ours, numpy's and the fill(0)
 * floor's ms for all masks, and both ratios), so a pass hit by load shows.
 * The floor is the least a correct decode into a reused buffer must do
 * whatever the buffer held: clear all of it (decodeRle clears it all, then
 * writes the runs). The bound row is that clear plus the runs' stores alone
 * (runs parsed beforehand): JavaScript's 8-byte stores put it near 2× the
 * floor before a character is parsed. It is a script, not a test: a MISS is printed, not failed; only a
 * disagreement between the TypeScript and Python masks exits non-zero.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { decodeRle, fillPolygon } from '../../src/core';
import { loadMasks, sharedDataDir } from './data';
import { benchPython, ReferenceProcess } from './python';
import { median, timePass } from './timing';

const repoRoot = path.resolve(__dirname, '../../../..');
const passes = Number(process.env.BENCH_PASSES ?? 7);

const sha01 = (mask: Uint8Array) =>
  createHash('sha256').update(mask).digest('hex');
const fmt = (us: number) => us.toFixed(1).padStart(9);

async function main(): Promise<number> {
  const masks = loadMasks(sharedDataDir(repoRoot));
  const python = benchPython(repoRoot);
  const specFile = path.join(repoRoot, 'build', 'bench', 'masks.json');
  fs.mkdirSync(path.dirname(specFile), { recursive: true });
  fs.writeFileSync(specFile, JSON.stringify({ masks }));
  const [reference, versions] = await ReferenceProcess.start(
    repoRoot,
    python,
    specFile
  );

  // Pass -1 is the warm-up. TypeScript and Python passes alternate in time.
  const ts: Record<string, number[]> = {};
  const py: Record<string, number[]> = {};
  const keep = (
    into: Record<string, number[]>,
    times: Record<string, number>
  ) => Object.entries(times).forEach(([k, v]) => (into[k] ??= []).push(v));
  let hashes: { reference: string[]; cv2: string[] };
  try {
    for (let p = -1; p < passes; p++) {
      const tsTimes = timePass(masks);
      const pyTimes = await reference.pass();
      if (p >= 0) {
        keep(ts, tsTimes);
        keep(py, pyTimes);
      }
    }
    hashes = await reference.hashes();
  } finally {
    reference.stop();
  }

  const m = (list: number[]) => median(list);
  const t = {
    decodeFresh: m(ts.decodeFresh),
    decodeReused: m(ts.decodeReused),
    allocFloor: m(ts.allocFloor),
    zeroFloor: m(ts.zeroFloor),
    storesBound: m(ts.storesBound),
    reference: m(py.reference),
    fillFresh: m(ts.fillFresh),
    fillReused: m(ts.fillReused),
    cv2Fresh: m(py.cv2Fresh),
    cv2Reused: m(py.cv2Reused),
    npZeros: m(py.npZeros)
  };

  const sizes = [...new Set(masks.map(x => `${x.height}×${x.width}`))].join(
    ', '
  );
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  console.log(
    `CheXmask bench: ${masks.length} masks (${masks.length / 3} rows × 3 organs, ${sizes}), ` +
      `${passes} passes after 1 warm-up, each mask timed alone, TS and Python passes alternating\n` +
      `node ${process.version}${gc ? ' (gc between variants)' : ''}, ` +
      `python numpy ${versions.numpy}, cv2 ${versions.cv2}\n`
  );
  const spread = (list: number[]) =>
    `[${Math.min(...list).toFixed(1)}–${Math.max(...list).toFixed(1)}]`;
  const rows: Array<[string, number, number[]]> = [
    ['decodeRle, fresh array', t.decodeFresh, ts.decodeFresh],
    ['decodeRle, reused out', t.decodeReused, ts.decodeReused],
    ['floor: new Uint8Array(H*W)', t.allocFloor, ts.allocFloor],
    ['floor: buf.fill(0)', t.zeroFloor, ts.zeroFloor],
    ["bound: fill(0) + runs' stores", t.storesBound, ts.storesBound],
    ['reference numpy decoder', t.reference, py.reference],
    ['fillPolygon, fresh array', t.fillFresh, ts.fillFresh],
    ['fillPolygon, reused out', t.fillReused, ts.fillReused],
    ['cv2 np.zeros+drawContours', t.cv2Fresh, py.cv2Fresh],
    ['cv2 fill(0)+drawContours', t.cv2Reused, py.cv2Reused],
    ['(numpy np.zeros((H, W)))', t.npZeros, py.npZeros]
  ];
  console.log(
    `  ${'µs per mask (median of passes)'.padEnd(30)} ${'median'.padStart(9)}  [min–max]`
  );
  for (const [label, value, list] of rows) {
    console.log(`  ${label.padEnd(30)} ${fmt(value)}  ${spread(list)}`);
  }

  // The decode goal pass by pass: each pass's own three figures side by side
  // (the passes alternate with Python's, so a burst of load hits one pass).
  const perPass = (us: number) => (us * masks.length) / 1000;
  const col = (text: string, width: number) => text.padStart(width);
  console.log(
    `\n  decodeRle into a reused buffer, pass by pass (ms for all ${masks.length} masks)\n` +
      `  ${'pass'.padEnd(7)}${col('ours', 9)}${col('numpy', 10)}${col('numpy÷ours', 12)}` +
      `${col('fill(0)', 10)}${col('ours÷fill(0)', 14)}`
  );
  const passRow = (
    label: string,
    ours: number,
    numpy: number,
    floor: number,
    speedup: number,
    overFloor: number
  ) =>
    console.log(
      `  ${label.padEnd(7)}${col(perPass(ours).toFixed(2), 9)}${col(perPass(numpy).toFixed(1), 10)}` +
        `${col(speedup.toFixed(2) + '×', 12)}${col(perPass(floor).toFixed(2), 10)}` +
        `${col(overFloor.toFixed(2) + '×', 14)}`
    );
  const speedups = ts.decodeReused.map((v, p) => py.reference[p] / v);
  const overFloors = ts.decodeReused.map((v, p) => v / ts.zeroFloor[p]);
  ts.decodeReused.forEach((v, p) =>
    passRow(
      String(p + 1),
      v,
      py.reference[p],
      ts.zeroFloor[p],
      speedups[p],
      overFloors[p]
    )
  );
  passRow(
    'median',
    t.decodeReused,
    t.reference,
    t.zeroFloor,
    m(speedups),
    m(overFloors)
  );

  // [label, ratio, bound, whether the ratio must be at least (≥) or at most (≤) the bound]
  const ratios: Array<[string, number, number, '≥' | '≤']> = [
    ['reference ÷ decodeRle(reused)', t.reference / t.decodeReused, 15, '≥'],
    ['decodeRle(reused) ÷ fill(0) floor', t.decodeReused / t.zeroFloor, 2, '≤'],
    ['decodeRle(fresh) ÷ alloc floor', t.decodeFresh / t.allocFloor, 1.5, '≤'],
    ['OpenCV ÷ fillPolygon (fresh)', t.cv2Fresh / t.fillFresh, 1, '≥'],
    ['OpenCV ÷ fillPolygon (reused)', t.cv2Reused / t.fillReused, 1, '≥']
  ];
  console.log('\n  ratios (this run)');
  for (const [label, value, bound, sense] of ratios) {
    const pass = sense === '≥' ? value >= bound : value <= bound;
    const target = `${sense} ${bound}×`.padEnd(6);
    console.log(
      `  ${label.padEnd(34)} ${value.toFixed(2).padStart(7)}×  target ${target} ${pass ? 'PASS' : 'MISS'}`
    );
  }
  // Context for the floor goal: what the runs' stores alone add to the clear
  // (runs parsed beforehand, the decoder's writer), before any text is read.
  console.log(
    `  ${'(context: bound ÷ fill(0) floor)'.padEnd(34)} ${(t.storesBound / t.zeroFloor).toFixed(2).padStart(7)}×  no target`
  );
  // Context for the fresh rows: the allocation alone, Node against numpy.
  console.log(
    `  ${'(context: alloc floor ÷ np.zeros)'.padEnd(34)} ${(t.allocFloor / t.npZeros).toFixed(2).padStart(7)}×  no target`
  );

  // Cheap one-off agreement check on the first row of each file (the full
  // oracle check is in the jest tests).
  const checked = masks.filter(x => x.check);
  const rleSame = checked.every(
    (x, i) => sha01(decodeRle(x.rle, x.height, x.width)) === hashes.reference[i]
  );
  const fillSame = checked.every(
    (x, i) => sha01(fillPolygon(x.ring, x.height, x.width)) === hashes.cv2[i]
  );
  const files = new Set(checked.map(x => x.file)).size;
  console.log(
    `\n  check (${checked.length} masks, first row of each of ${files} files; full check: jest):\n` +
      `  numpy reference == decodeRle: ${rleSame ? 'identical' : 'DIFFERENT'}\n` +
      `  cv2.drawContours == fillPolygon: ${fillSame ? 'identical' : 'DIFFERENT'}`
  );
  return rleSame && fillSame ? 0 : 1;
}

main().then(
  code => (process.exitCode = code),
  error => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
);
