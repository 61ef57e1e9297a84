/**
 * Version 2 of the landmark payload: every row's landmarks packed as base64
 * of little-endian 16-bit integers. The real rows read through version 2
 * exactly as through version 1 (their raw cells); Node's own base64 encoder
 * is the oracle of the decoder; every malformed field is named.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseCsv } from '../../core';
import {
  describeWithData,
  SHARED_DATA
} from '../../core/__tests__/shared-data';
import { formatError } from '../../__tests__/format-error';
import { decodeLandmarks, encodeLandmarks, PACKED_ROW_CHARS } from '../packed';
import { parseLandmarkPayload } from '../payload';

/** Base64 of values as little-endian int16, by Node (independent of ours). */
function nodeBase64(values: ArrayLike<number>): string {
  const bytes = Buffer.alloc(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    bytes.writeInt16LE(values[i], 2 * i);
  }
  return bytes.toString('base64');
}

/** Landmark k of row r at (k + r, 2k - r). */
function coordsOf(rows: number): number[] {
  return Array.from({ length: rows * 240 }, (_, i) => {
    const r = Math.floor(i / 240);
    const k = Math.floor((i % 240) / 2);
    return i % 2 === 0 ? k + r : 2 * k - r;
  });
}

/** A valid version-2 payload of `rows` rows, with changes. */
function packed(
  rows = 3,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    version: 2,
    rowCount: rows,
    ids: Array.from({ length: rows }, (_, i) => `r${i}`),
    datasets: Array.from({ length: rows }, () => 'Padchest'),
    heights: Array.from({ length: rows }, () => 1024),
    widths: Array.from({ length: rows }, () => 1024),
    landmarks: nodeBase64(coordsOf(rows)),
    groupBy: null,
    frame: 'pixels',
    title: null,
    ...extra
  };
}

describe('packed landmarks', () => {
  it('decode what Node encodes, over the whole 16-bit range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain(rows =>
          fc.array(fc.integer({ min: -32768, max: 32767 }), {
            minLength: rows * 240,
            maxLength: rows * 240
          })
        ),
        values => {
          const text = nodeBase64(values);
          expect(text.length).toBe((values.length / 240) * PACKED_ROW_CHARS);
          expect(
            Array.from(decodeLandmarks(text, values.length / 240))
          ).toEqual(values);
          expect(encodeLandmarks(values)).toBe(text);
        }
      ),
      { numRuns: 50 }
    );
  });

  it('parse rows with their fields, defaults and groups', () => {
    const parsed = parseLandmarkPayload(
      packed(3, {
        ids: ['a', 7, null],
        heights: null,
        widths: [1024, 800, null],
        groupBy: 'quality',
        groups: ['good', true, null],
        sigma: [null, '', '1.5,'.repeat(239) + '1.5']
      })
    );
    expect(parsed.rows.map(r => r.id)).toEqual(['a', '7', null]);
    expect(parsed.rows.map(r => [r.height, r.width])).toEqual([
      [1024, 1024],
      [1024, 800],
      [1024, 1024]
    ]);
    expect(parsed.rows.map(r => r.group)).toEqual(['good', 'true', null]);
    expect(parsed.rows.map(r => r.meanSigma)).toEqual([null, null, 1.5]);
    const all = coordsOf(3);
    parsed.rows.forEach((row, r) =>
      expect(Array.from(row.coords)).toEqual(all.slice(r * 240, r * 240 + 240))
    );
    expect(
      parseLandmarkPayload(packed(2, { groupBy: 'dataset' })).rows.map(
        r => r.group
      )
    ).toEqual(['Padchest', 'Padchest']);
    // Text past 500 characters is cut, as in version 1; groups are ignored without a grouping.
    const long = parseLandmarkPayload(
      packed(2, { ids: ['x'.repeat(600), null], groups: 5 })
    );
    expect(long.rows[0].id).toBe('x'.repeat(500));
    expect(long.rows.map(r => r.group)).toEqual([null, null]);
  });

  const tooManyGroups = Array.from({ length: 65 }, (_, i) => `g${i}`);
  const CASES: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'no rowCount',
      packed(3, { rowCount: undefined }),
      'rowCount',
      /got nothing/
    ],
    ['rowCount 0', packed(3, { rowCount: 0 }), 'rowCount', /at least 1, got 0/],
    [
      'rowCount as text',
      packed(3, { rowCount: '3' }),
      'rowCount',
      /got a string/
    ],
    [
      '10,001 rows',
      packed(1, { rowCount: 10_001 }),
      'rowCount',
      /10,001 rows, more than the 10,000/
    ],
    [
      'no landmarks',
      packed(3, { landmarks: undefined }),
      'landmarks',
      /must be text/
    ],
    [
      'landmarks as an array',
      packed(3, { landmarks: [1, 2] }),
      'landmarks',
      /got an array/
    ],
    [
      'landmarks one row short',
      packed(3, { rowCount: 4 }),
      'landmarks',
      /must be 2,560 base64 characters \(4 rows × 120 landmarks × 2 coordinates, 16-bit each\), got 1,920/
    ],
    [
      'a character outside base64',
      packed(1, { landmarks: 'A'.repeat(99) + '#' + 'A'.repeat(540) }),
      'landmarks',
      /character 100 is not base64: "#"/
    ],
    [
      'padding',
      packed(1, { landmarks: 'A'.repeat(638) + '==' }),
      'landmarks',
      /character 639 is not base64: "=" \(a row is 480 bytes: there is never padding\)/
    ],
    [
      'a non-ASCII character',
      packed(1, { landmarks: 'é' + 'A'.repeat(639) }),
      'landmarks',
      /character 1 is not base64/
    ],
    [
      'ids one short',
      packed(3, { ids: ['a', 'b'] }),
      'ids',
      /one value per row \(3\) or null, got 2 values/
    ],
    [
      'heights an object',
      packed(3, { heights: { 0: 1 } }),
      'heights',
      /got an object/
    ],
    ['a bad id', packed(3, { ids: ['a', {}, 'c'] }), 'ids[1]', /got an object/],
    [
      'a bad dataset',
      packed(3, { datasets: ['a', 'b', 3] }),
      'datasets[2]',
      /./
    ],
    [
      'a height of 0',
      packed(3, { heights: [1024, 0, 1] }),
      'heights[1]',
      /positive whole number/
    ],
    [
      'a width of 1.5',
      packed(3, { widths: [1.5, 1, 1] }),
      'widths[0]',
      /got 1.5/
    ],
    [
      'a mask too large',
      packed(2, { heights: [1024, 100_000], widths: [1024, 100_000] }),
      'heights[1]',
      /./
    ],
    ['a bad sigma', packed(2, { sigma: [null, '1,2'] }), 'sigma[1]', /./],
    [
      'a group an object',
      packed(2, { groupBy: 'g', groups: ['a', {}] }),
      'groups[1]',
      /./
    ],
    [
      '65 groups',
      packed(65, { groupBy: 'g', groups: tooManyGroups }),
      'groups[64]',
      /65th distinct group/
    ],
    [
      '65 datasets as groups',
      packed(65, { groupBy: 'dataset', datasets: tooManyGroups }),
      'datasets[64]',
      /65th distinct group/
    ]
  ];

  it.each(CASES)(
    'refuse %s, naming the field',
    (_name, payload, field, message) => {
      const error = formatError(() => parseLandmarkPayload(payload));
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    }
  );
});

describeWithData('packed landmarks of the real rows', () => {
  it('read exactly as the raw cells of version 1', () => {
    const folder = path.join(SHARED_DATA, 'chexmask-preprocessed');
    const rows = fs
      .readdirSync(folder)
      .filter(f => f.endsWith('.csv'))
      .sort()
      .flatMap(f => parseCsv(fs.readFileSync(path.join(folder, f), 'utf8')));
    // The oracle: the CSV text's own numbers, split here.
    const values = rows.flatMap(r => r.Landmarks.split(',').map(Number));
    expect(values).toHaveLength(rows.length * 240);
    const v1 = parseLandmarkPayload({
      version: 1,
      rows: rows.map((r, i) => ({ id: `r${i}`, landmarks: r.Landmarks }))
    });
    const v2 = parseLandmarkPayload({
      version: 2,
      rowCount: rows.length,
      ids: rows.map((_, i) => `r${i}`),
      landmarks: nodeBase64(values)
    });
    expect(v2.rows).toHaveLength(rows.length);
    v2.rows.forEach((row, i) => {
      expect(Array.from(row.coords)).toEqual(
        values.slice(i * 240, i * 240 + 240)
      );
      expect({ ...row, coords: null }).toEqual({ ...v1.rows[i], coords: null });
      expect(Array.from(row.coords)).toEqual(Array.from(v1.rows[i].coords));
    });
  });
});
