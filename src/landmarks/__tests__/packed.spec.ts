/**
 * Version 2 of the landmark payload: every row's landmarks coded along each
 * organ's ring (change of step, zigzag, 5 bits a base64 character). The real
 * rows read through version 2 exactly as through version 1 (their raw
 * cells); a reference coder written here from the schema's description is
 * the oracle of ours; every malformed field is named.
 */
import fc from 'fast-check';
import { ORGANS } from '../../core';
import {
  describeWithData,
  preprocessedRecords
} from '../../core/__tests__/shared-data';
import { formatError } from '../../__tests__/format-error';
import { decodeLandmarks } from '../ring-code';
import { parseLandmarkPayload } from '../payload';
import { BASE64, encodeLandmarks } from './ring-encoder';

/**
 * The schema's coding, spelt out one ring and one axis at a time (ours goes
 * number by number): rows of 240 values → text.
 */
function referenceCode(values: readonly number[]): string {
  let text = '';
  const number = (n: number): void => {
    let z = n >= 0 ? 2 * n : -2 * n - 1;
    const digits: number[] = [];
    do {
      digits.push(z % 32);
      z = Math.floor(z / 32);
    } while (z > 0);
    digits.forEach((d, i) => {
      text += BASE64[i < digits.length - 1 ? d + 32 : d];
    });
  };
  for (let row = 0; row < values.length / 240; row++) {
    const at = (k: number, axis: number): number =>
      values[row * 240 + 2 * k + axis];
    // The numbers in cell order; each is worked out from its ring.
    for (let k = 0; k < 120; k++) {
      const ring = ORGANS.find(o => k >= o.start && k < o.end)!;
      for (let axis = 0; axis < 2; axis++) {
        if (k === ring.start) {
          number(at(k, axis));
        } else if (k === ring.start + 1) {
          number(at(k, axis) - at(k - 1, axis));
        } else {
          const step = at(k - 1, axis) - at(k - 2, axis);
          number(at(k, axis) - at(k - 1, axis) - step);
        }
      }
    }
  }
  return text;
}

/** The base64 characters of a whole string, checked by Node's decoder (a sanity check of the alphabet). */
function isBase64(text: string): boolean {
  const padded = text + 'A'.repeat((4 - (text.length % 4)) % 4);
  return Buffer.from(padded, 'base64').toString('base64') === padded;
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
    landmarks: referenceCode(coordsOf(rows)),
    groupBy: null,
    frame: 'pixels',
    title: null,
    ...extra
  };
}

describe('packed landmarks', () => {
  it('decode what the reference codes, over the whole 16-bit range', () => {
    const int16 = fc.integer({ min: -32768, max: 32767 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain(rows =>
          fc.array(
            // Extremes as often as small steps: every number's length.
            fc.oneof(int16, fc.constantFrom(-32768, 32767, 0, -1)),
            { minLength: rows * 240, maxLength: rows * 240 }
          )
        ),
        values => {
          const text = referenceCode(values);
          expect(isBase64(text)).toBe(true);
          expect(
            Array.from(decodeLandmarks(text, values.length / 240))
          ).toEqual(values);
          expect(encodeLandmarks(values)).toBe(text);
        }
      ),
      { numRuns: 50 }
    );
  });

  it('code a ring by hand as the schema says', () => {
    // Right lung from (100, −3), steps (+4, +1) then (+6, +1): 100 → zigzag
    // 200 = 8 + 6·32 → "o" (8 + 32) "G"; −3 → 5 "F"; steps 4 → 8 "I",
    // 1 → 2 "C"; changes of step 2 → 4 "E", 0 → "A"; then nothing changes.
    const values = new Array<number>(240).fill(0);
    const points = [
      [100, -3],
      [104, -2],
      [110, -1]
    ];
    points.forEach(([x, y], k) => {
      values[2 * k] = x;
      values[2 * k + 1] = y;
    });
    for (let k = 3; k < 44; k++) {
      values[2 * k] = values[2 * k - 2] + 6;
      values[2 * k + 1] = values[2 * k - 1] + 1;
    }
    const text = encodeLandmarks(values);
    // The left lung starts at 0 after the right lung's last point (356, 40).
    expect(values.slice(86, 88)).toEqual([356, 40]);
    expect(text).toBe('oGF' + 'IC' + 'EA' + 'AA'.repeat(41) + 'AA'.repeat(76));
    expect(Array.from(decodeLandmarks(text, 1))).toEqual(values);
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
      /must be 960 to 3,840 base64 characters \(4 rows × 120 landmarks × 2 coordinates, 1 to 4 characters each\), got \d+$/
    ],
    [
      'landmarks longer than any row takes',
      packed(1, { landmarks: 'g'.repeat(961) }),
      'landmarks',
      /must be 240 to 960 base64 characters .*, got 961$/
    ],
    [
      'a character outside base64',
      packed(1, { landmarks: 'A'.repeat(99) + '#' + 'A'.repeat(140) }),
      'landmarks',
      /character 100 is not base64: "#"$/
    ],
    [
      'padding',
      packed(1, { landmarks: 'A'.repeat(238) + '==' }),
      'landmarks',
      /character 239 is not base64: "="$/
    ],
    [
      'a non-ASCII character',
      packed(1, { landmarks: 'é' + 'A'.repeat(239) }),
      'landmarks',
      /character 1 is not base64/
    ],
    [
      'a number of 5 characters',
      packed(1, { landmarks: 'gggg' + 'A'.repeat(239) }),
      'landmarks',
      /has a number of more than 4 characters at character 4 \(row 0, counting from 0\)/
    ],
    [
      'text ending inside a row',
      packed(2, { landmarks: 'A'.repeat(240) + 'ggA'.repeat(80) }),
      'landmarks',
      /ends inside row 1 \(counting from 0\) of 2$/
    ],
    [
      'text after the last row',
      packed(1, { landmarks: 'A'.repeat(241) }),
      'landmarks',
      /goes on for 1 character after the last of its 1 rows$/
    ],
    [
      'a coordinate beyond 16 bits',
      // x0 = 32,767 (zigzag 65,534: 30, 31, 31, 1 → "+//B"), y0 = 0, then x
      // steps by +1 ("C").
      packed(1, { landmarks: '+//B' + 'A' + 'C' + 'A'.repeat(237) }),
      'landmarks',
      /row 0 \(counting from 0\), landmark 1's x decodes to 32,768, outside −32,768 to 32,767$/
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
    const rows = preprocessedRecords();
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
      landmarks: referenceCode(values)
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
