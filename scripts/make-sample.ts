/**
 * Generates the demo sample that ships in the Python package: synthetic rows
 * in the exact CheXmask format (Preprocessed layout, CheXpert's `Path` id
 * column), made with the project's own core — landmark rings filled with the
 * OpenCV-exact fill and encoded with the official RLE — and a synthetic
 * chest-x-ray-like picture. No real patient data is used or derived.
 *
 *   npm run make-sample   # writes jupyterlab_chexmask/data/sample.csv and sample-xray.png
 */
import * as fs from 'fs';
import * as path from 'path';
import { PNG } from 'pngjs';
import {
  encodeRle,
  fillPolygon,
  formatLandmarks,
  LandmarkPoint,
  ORGANS
} from '../src/core';
import { seededRandom } from './seeded-random';

const SIZE = 1024;
const ROWS = 12;
const OUT = path.resolve(__dirname, '../../../jupyterlab_chexmask/data');

/**
 * A closed ring of `n` points on a rounded shape, starting at the top and
 * walking down the outer side first (as HybridGNet's lung rings do): `outer`
 * is -1 when the outer side is the image's left.
 */
function ring(
  n: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  outer: number,
  jitter: () => number
): LandmarkPoint[] {
  const points: LandmarkPoint[] = [];
  for (let k = 0; k < n; k++) {
    const theta = -Math.PI / 2 + outer * ((2 * Math.PI * k) / n);
    // Squarer at the bottom (the diaphragm), narrower at the apex.
    const taper = 0.85 + 0.15 * Math.sin(theta);
    const x = cx + rx * taper * Math.cos(theta) + jitter();
    const y =
      cy + ry * Math.sin(theta) * (Math.sin(theta) > 0 ? 0.9 : 1) + jitter();
    points.push([Math.round(x), Math.round(y)]);
  }
  return points;
}

function makeRow(
  index: number,
  rnd: () => number
): { cells: string[]; landmarks: LandmarkPoint[] } {
  const jitter = (): number => (rnd() - 0.5) * 6;
  const scale = 0.9 + rnd() * 0.15;
  const shift = (rnd() - 0.5) * 40;
  const right = ring(
    44,
    330 + shift,
    480,
    150 * scale,
    310 * scale,
    -1,
    jitter
  );
  const left = ring(50, 699 + shift, 470, 160 * scale, 320 * scale, 1, jitter);
  const heart = ring(
    26,
    560 + shift,
    660,
    150 * scale,
    120 * scale,
    1,
    jitter
  ).map(([x, y]) => [x, y] as LandmarkPoint);
  const landmarks = [...right, ...left, ...heart];
  const masks = ORGANS.map(o =>
    encodeRle(
      fillPolygon(landmarks.slice(o.start, o.end), SIZE, SIZE),
      SIZE,
      SIZE
    )
  );
  let mean = 0.55 + rnd() * 0.4;
  let max = Math.min(0.99, mean + rnd() * 0.05);
  if (index === 3) {
    [mean, max] = [max, mean]; // one row like the early Padchest export, with the values swapped
  }
  const id = `SYNTHETIC/patient${String(index + 1).padStart(5, '0')}/study1/view1_frontal.jpg`;
  // Columns in the Preprocessed files' order: Landmarks, Left Lung, Right Lung, Heart.
  const cells = [
    id,
    String(mean),
    String(max),
    formatLandmarks(landmarks),
    masks[1],
    masks[0],
    masks[2],
    '1024',
    '1024'
  ];
  return { cells, landmarks };
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A smooth synthetic chest-x-ray-like picture for the first row, 512×512 grey. */
function xray(landmarks: LandmarkPoint[]): Buffer {
  const half = 512;
  const lungs = [0, 1].map(i =>
    fillPolygon(
      landmarks
        .slice(ORGANS[i].start, ORGANS[i].end)
        .map(([x, y]) => [x / 2, y / 2] as LandmarkPoint),
      half,
      half
    )
  );
  const heart = fillPolygon(
    landmarks
      .slice(ORGANS[2].start, ORGANS[2].end)
      .map(([x, y]) => [x / 2, y / 2] as LandmarkPoint),
    half,
    half
  );
  const grey = new Float32Array(half * half);
  for (let y = 0; y < half; y++) {
    for (let x = 0; x < half; x++) {
      const i = y * half + x;
      const body =
        ((x - 256) / 230) ** 2 + ((y - 270) / 300) ** 2 < 1 ? 150 : 25;
      const spine = Math.abs(x - 256) < 18 ? 40 : 0;
      const rib = Math.sin(y / 9 + Math.abs(x - 256) / 40) > 0.85 ? 25 : 0;
      let v = body + spine;
      if (lungs[0][i] || lungs[1][i]) {
        v = 70 + rib;
      }
      if (heart[i]) {
        v = 165;
      }
      grey[i] = v;
    }
  }
  // A few box blurs make it smooth, like a radiograph rather than a drawing.
  for (let pass = 0; pass < 3; pass++) {
    const copy = grey.slice();
    for (let y = 2; y < half - 2; y++) {
      for (let x = 2; x < half - 2; x++) {
        let sum = 0;
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) {
            sum += copy[(y + dy) * half + x + dx];
          }
        }
        grey[y * half + x] = sum / 25;
      }
    }
  }
  const png = new PNG({
    width: half,
    height: half,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false
  } as never);
  png.data = Buffer.from(Uint8Array.from(grey, v => Math.round(v)));
  return PNG.sync.write(png, {
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false
  } as never);
}

function main(): void {
  const rnd = seededRandom(20240601);
  const header = [
    'Path',
    'Dice RCA (Mean)',
    'Dice RCA (Max)',
    'Landmarks',
    'Left Lung',
    'Right Lung',
    'Heart',
    'Height',
    'Width'
  ];
  const rows = Array.from({ length: ROWS }, (_, i) => makeRow(i, rnd));
  const csv =
    [header, ...rows.map(r => r.cells)]
      .map(cells => cells.map(csvCell).join(','))
      .join('\n') + '\n';
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'sample.csv'), csv);
  fs.writeFileSync(path.join(OUT, 'sample-xray.png'), xray(rows[0].landmarks));
  console.log(`wrote ${ROWS} synthetic rows and a synthetic x-ray to ${OUT}`);
}

main();
