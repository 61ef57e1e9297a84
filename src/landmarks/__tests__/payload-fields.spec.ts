/**
 * Field names of errors in a landmark payload's underlay row: a column is
 * named under the row (`rows[0].row.Heart`), and the row itself is
 * `rows[0].row`, not `rows[0].row.row`.
 */
import { parseLandmarkPayload } from '../payload';
import { formatError } from '../../__tests__/format-error';

const LANDMARKS = new Array<number>(240).fill(1);

function withRow(row: unknown) {
  return { version: 1, rows: [{ landmarks: LANDMARKS, row }] };
}

describe('landmark payload: errors of the underlay row', () => {
  it.each([
    [
      'text',
      'Heart,1 1',
      'rows[0].row',
      /must be an object keyed by column name/
    ],
    ['an array', [['Heart', '1 1']], 'rows[0].row', /got an array/],
    [
      'without masks or landmarks',
      { Heart: '' },
      'rows[0].row',
      /neither masks/
    ],
    ['with a bad column', { Heart: '0 1' }, 'rows[0].row.Heart', /1-based/]
  ])('names a row that is %s', (_name, row, field, message) => {
    const error = formatError(() => parseLandmarkPayload(withRow(row)));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});
