/**
 * Test helper: valid payloads built from the real CheXmask rows in
 * `../shared/data` (read through the core tests' `shared-data` helper, which
 * fails loudly under `CI=true` when the data is missing).
 */
import { parseCsv } from '../core';
import { HAVE_SHARED_DATA, readShared } from '../core/__tests__/shared-data';
import {
  comparePayloadOf,
  histogramOf,
  landmarkPayloadWithRow,
  rcaScore,
  rowPayload
} from './valid-payloads';
import { ViewKind } from './view-harness';

/** The shared Preprocessed CSVs the real rows are taken from. */
const REAL_FILES = [
  'chexmask-preprocessed/ChestX-Ray8.csv',
  'chexmask-preprocessed/Padchest.csv',
  'chexmask-preprocessed/CANDID-PTX.csv',
  'chexmask-v0.1-padchest/Padchest.csv'
];

let realRowsCache: Array<Record<string, string>> | null = null;

/**
 * A few real CheXmask rows (1024×1024, or the 0.1 Padchest layout without
 * Height/Width), or none when the shared data is missing outside CI.
 */
export function realRows(perFile = 2): Array<Record<string, string>> {
  if (!HAVE_SHARED_DATA) {
    return [];
  }
  if (!realRowsCache) {
    realRowsCache = REAL_FILES.flatMap(file =>
      parseCsv(readShared(file).toString('utf8')).slice(0, 8)
    );
  }
  const rows: Array<Record<string, string>> = [];
  for (let f = 0; f < REAL_FILES.length; f++) {
    rows.push(...realRowsCache.slice(f * 8, f * 8 + perFile));
  }
  return rows;
}

/**
 * Real payloads of a view from the shared rows: row payloads, a landmark
 * plot of the rows' landmarks, and RCA histograms of their Dice scores.
 */
export function realPayloads(kind: ViewKind): Array<Record<string, unknown>> {
  const rows = realRows();
  if (rows.length === 0) {
    return [];
  }
  if (kind === 'row') {
    return rows.map(row => rowPayload(row, { title: row['Image Index'] }));
  }
  if (kind === 'compare') {
    // Pairs of different images of one size: real masks that disagree.
    return [
      comparePayloadOf(rows[0], rows[1]),
      comparePayloadOf(rows[2], rows[3])
    ];
  }
  if (kind === 'landmarks') {
    return [
      {
        version: 1,
        rows: rows.map((row, i) => ({
          id: i,
          height: null,
          width: null,
          landmarks: row.Landmarks
        })),
        groupBy: null,
        frame: 'pixels',
        title: null
      },
      landmarkPayloadWithRow(rows[0])
    ];
  }
  if (kind === 'histogram') {
    // The Dice scores of the real rows by source file (every 8 rows a file).
    const byFile: Record<string, number[]> = {};
    rows.forEach((r, i) => {
      (byFile[`file ${Math.floor(i / 2)}`] ??= []).push(
        Number(r['Dice RCA (Mean)'])
      );
    });
    return [histogramOf(byFile, -3, undefined, { column: 'Dice RCA (Mean)' })];
  }
  const bins = 50;
  const mean = rows.map(r => Number(r['Dice RCA (Mean)']));
  const max = rows.map(r => Number(r['Dice RCA (Max)']));
  return [
    {
      version: 1,
      bins,
      datasets: [
        {
          name: 'shared rows',
          rows: rows.length,
          swapped: mean.filter((m, i) => m > max[i]).length,
          mean: rcaScore(bins, mean),
          max: rcaScore(bins, max),
          values: { mean, max }
        }
      ],
      title: null
    }
  ];
}
