/**
 * Landmark payload checks: a valid payload parses once into points; every
 * malformed payload is refused with a ChexmaskFormatError naming its field.
 */
import { formatLandmarks, LandmarkPoint } from '../../core';
import {
  MAX_LANDMARK_GROUPS,
  MAX_LANDMARK_ROWS,
  parseLandmarkPayload
} from '../payload';
import { formatError } from '../../__tests__/format-error';

/** 120 distinct points: landmark k at (k, 2k + 1). */
const POINTS: LandmarkPoint[] = Array.from({ length: 120 }, (_, k) => [
  k,
  2 * k + 1
]);
const LANDMARKS = formatLandmarks(POINTS);

function goodRow(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'a.png',
    dataset: 'Padchest',
    height: 1024,
    width: 1024,
    landmarks: LANDMARKS,
    ...extra
  };
}

function payload(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, rows: [goodRow(), goodRow({ id: 'b.png' })], ...extra };
}

/** A tiny valid CSV row (4×4) for the underlay. */
const CSV_ROW = {
  image_id: 'abc',
  Landmarks: formatLandmarks(POINTS.map(() => [1, 1])),
  'Right Lung': '3 2',
  'Left Lung': '',
  Heart: '',
  Height: '4',
  Width: '4'
};

describe('landmark payload', () => {
  it('parses rows once into points, with defaults', () => {
    const parsed = parseLandmarkPayload({
      version: 1,
      rows: [
        goodRow(),
        { landmarks: POINTS, height: null },
        { id: 7, landmarks: POINTS.flat(), width: 800 }
      ],
      groupBy: null
    });
    expect(parsed.rows).toHaveLength(3);
    expect(Array.from(parsed.rows[0].coords)).toEqual(POINTS.flat());
    expect(Array.from(parsed.rows[1].coords)).toEqual(POINTS.flat());
    expect(parsed.rows[1]).toMatchObject({
      id: null,
      dataset: null,
      group: null,
      height: 1024,
      width: 1024,
      row: null
    });
    expect(parsed.rows[2]).toMatchObject({ id: '7', height: 1024, width: 800 });
    expect(parsed).toMatchObject({ groupBy: null, frame: null, title: null });
  });

  it('reads the numpy multi-line encoding of OriginalResolution files', () => {
    const numpy =
      '[' + POINTS.map(([x, y]) => `[ ${x}  ${y}]`).join('\n ') + ']';
    const parsed = parseLandmarkPayload({
      version: 1,
      rows: [goodRow({ landmarks: numpy })]
    });
    expect(Array.from(parsed.rows[0].coords)).toEqual(POINTS.flat());
  });

  it('takes groups from `group`, or from `dataset` when grouping by dataset', () => {
    const byDataset = parseLandmarkPayload(payload({ groupBy: 'dataset' }));
    expect(byDataset.rows.map(r => r.group)).toEqual(['Padchest', 'Padchest']);
    const byColumn = parseLandmarkPayload({
      version: 1,
      groupBy: 'sex',
      rows: [goodRow({ group: 'F' }), goodRow({ group: null }), goodRow()]
    });
    expect(byColumn.rows.map(r => r.group)).toEqual(['F', null, null]);
    const ungrouped = parseLandmarkPayload(payload());
    expect(ungrouped.rows.map(r => r.group)).toEqual([null, null]);
  });

  it('parses a one-row underlay with the core and checks its size', () => {
    const parsed = parseLandmarkPayload({
      version: 1,
      rows: [goodRow({ height: 4, width: 4, row: CSV_ROW })]
    });
    expect(parsed.rows[0].row?.masks.rightLung).toBe('3 2');
  });

  it('takes 10,000 rows', () => {
    const rows = Array.from({ length: MAX_LANDMARK_ROWS }, () => ({
      landmarks: LANDMARKS
    }));
    expect(parseLandmarkPayload({ version: 1, rows }).rows).toHaveLength(
      MAX_LANDMARK_ROWS
    );
  });

  const tooManyGroups = Array.from(
    { length: MAX_LANDMARK_GROUPS + 1 },
    (_, i) => goodRow({ group: `g${i}` })
  );

  const CASES: Array<[string, unknown, string, RegExp]> = [
    ['not an object', [1, 2], 'payload', /must be an object, got an array/],
    [
      'no version',
      { rows: [goodRow()] },
      'version',
      /must be 1 or 2, got nothing/
    ],
    [
      'a newer version',
      payload({ version: 3 }),
      'version',
      /version 3, newer than this extension reads \(2\)/
    ],
    ['no rows', { version: 1 }, 'rows', /is missing from the payload/],
    ['empty rows', payload({ rows: [] }), 'rows', /got an empty array/],
    [
      'rows not an array',
      payload({ rows: { 0: goodRow() } }),
      'rows',
      /got an object/
    ],
    [
      '10,001 rows',
      payload({
        rows: Array.from({ length: MAX_LANDMARK_ROWS + 1 }, () => goodRow())
      }),
      'rows',
      /10,001 rows, more than the 10,000 .* sample \(e\.g\. df\.sample\(10000\)\)/
    ],
    ['a row that is text', payload({ rows: ['x'] }), 'rows[0]', /got a string/],
    [
      'missing landmarks',
      payload({ rows: [goodRow(), { id: 'x' }] }),
      'rows[1].landmarks',
      /is missing/
    ],
    [
      'null landmarks',
      payload({ rows: [goodRow(), goodRow({ landmarks: null })] }),
      'rows[1].landmarks',
      /got null/
    ],
    [
      '239 numbers',
      payload({
        rows: [
          goodRow(),
          goodRow({ landmarks: LANDMARKS.replace(/,\d+$/, '') })
        ]
      }),
      'rows[1].landmarks',
      /240 numbers .* found 239/
    ],
    [
      'a word among the numbers',
      payload({
        rows: [goodRow(), goodRow({ landmarks: 'nan,' + LANDMARKS.slice(2) })]
      }),
      'rows[1].landmarks',
      /number 1 is not a number: "nan"/
    ],
    [
      'a NaN in a number array',
      payload({
        rows: [goodRow({ landmarks: [NaN, ...POINTS.flat().slice(1)] })]
      }),
      'rows[0].landmarks',
      /number 1 is NaN/
    ],
    [
      'a fractional height',
      payload({ rows: [goodRow({ height: 10.5 })] }),
      'rows[0].height',
      /positive whole number .* got 10\.5/
    ],
    [
      'a width as text',
      payload({ rows: [goodRow({ width: '1024' })] }),
      'rows[0].width',
      /got a string/
    ],
    [
      'a zero width',
      payload({ rows: [goodRow({ width: 0 })] }),
      'rows[0].width',
      /got 0/
    ],
    [
      'an absurd image size',
      payload({ rows: [goodRow({ height: 100000, width: 100000 })] }),
      'rows[0].height',
      /above the limit/
    ],
    [
      'an id that is an object',
      payload({ rows: [goodRow({ id: { a: 1 } })] }),
      'rows[0].id',
      /text or null, got an object/
    ],
    [
      'a dataset that is a number',
      payload({ rows: [goodRow({ dataset: 3 })] }),
      'rows[0].dataset',
      /text or null, got a number/
    ],
    [
      'a group that is an array',
      payload({ groupBy: 'x', rows: [goodRow({ group: ['a'] })] }),
      'rows[0].group',
      /got an array/
    ],
    [
      'groupBy that is a number',
      payload({ groupBy: 1 }),
      'groupBy',
      /text or null, got a number/
    ],
    [
      `${MAX_LANDMARK_GROUPS + 1} groups`,
      payload({ groupBy: 'g', rows: tooManyGroups }),
      `rows[${MAX_LANDMARK_GROUPS}].group`,
      /65th distinct group; a plot tells at most 64 apart/
    ],
    [
      'an unknown frame',
      payload({ frame: 'mm' }),
      'frame',
      /"pixels", "normalized" or null, got "mm"/
    ],
    [
      'a title that is a number',
      payload({ title: 5 }),
      'title',
      /text or null, got a number/
    ],
    [
      'an underlay in a many-row plot',
      payload({ rows: [goodRow(), goodRow({ row: CSV_ROW })] }),
      'rows[1].row',
      /single row only/
    ],
    [
      'a malformed underlay mask',
      payload({
        rows: [
          goodRow({ height: 4, width: 4, row: { ...CSV_ROW, Heart: '1 2 5' } })
        ]
      }),
      'rows[0].row.Heart',
      /odd count of numbers/
    ],
    [
      'an underlay of another size',
      payload({ rows: [goodRow({ row: CSV_ROW })] }),
      'rows[0].row',
      /4×4 pixels, but the plot row says 1024×1024/
    ]
  ];

  it.each(CASES)('refuses %s', (_, data, field, problem) => {
    const error = formatError(() => parseLandmarkPayload(data));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(problem);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});
