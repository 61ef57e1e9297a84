/**
 * The gallery's selection, sort, filter and focus logic, and its exports
 * (ids, pandas filter, CSV), on parsed payloads.
 */
import { parseGalleryPayload } from '../payload';
import { GalleryItem } from '../tile-payload';
import { csvText, idsText, pandasFilter } from '../exports';
import {
  initialGalleryState,
  moveFocus,
  select,
  selectAllShown,
  selectedItems,
  shownItems
} from '../state';
import { galleryPayload, galleryRow, smallGallery } from './fixtures';
import { smallRow } from '../../__tests__/valid-payloads';

/** Five rows of two datasets; row 3 has no score. */
function payload() {
  const rows = [
    ['Path', 'a/p1/s1/v.jpg', '0.8'],
    ['Path', 'a/p2/s1/v.jpg', '0.6'],
    ['dicom_id', 'm-1', '0.9'],
    ['dicom_id', 'm-2', ''],
    ['Path', 'a/p"3/s1/v,1.jpg', '0.7']
  ].map(([column, id, mean]) => {
    const record: Record<string, unknown> = { ...smallRow(), [column]: id };
    delete record.image_id;
    record['Dice RCA (Mean)'] = mean;
    record['Dice RCA (Max)'] = '0.95';
    return galleryRow(record, 8);
  });
  return parseGalleryPayload(galleryPayload(rows));
}

const ids = (items: GalleryItem[]) => items.map(i => i.id);

describe('sort and filter', () => {
  it('keeps the payload order, sorts stably with missing values last', () => {
    const p = payload();
    const s = initialGalleryState(p);
    expect(ids(shownItems(p, s))).toEqual(ids(p.items));
    s.sortBy = 'Dice RCA (Mean)';
    expect(ids(shownItems(p, s))).toEqual([
      'a/p2/s1/v.jpg',
      'a/p"3/s1/v,1.jpg',
      'a/p1/s1/v.jpg',
      'm-1',
      'm-2'
    ]);
    s.ascending = false;
    expect(ids(shownItems(p, s))).toEqual([
      'm-1',
      'a/p1/s1/v.jpg',
      'a/p"3/s1/v,1.jpg',
      'a/p2/s1/v.jpg',
      'm-2'
    ]);
    s.sortBy = 'Dice RCA (Max)'; // all equal: the payload's order
    expect(ids(shownItems(p, s))).toEqual(ids(p.items));
  });

  it('filters by dataset and by an inclusive range (rows without a value leave)', () => {
    const p = payload();
    const s = initialGalleryState(p);
    s.hiddenDatasets = new Set(['MIMIC-CXR-JPG']);
    expect(ids(shownItems(p, s))).toEqual([
      'a/p1/s1/v.jpg',
      'a/p2/s1/v.jpg',
      'a/p"3/s1/v,1.jpg'
    ]);
    s.hiddenDatasets = new Set();
    s.rangeMin = 0.7;
    expect(ids(shownItems(p, s))).toEqual([
      'a/p1/s1/v.jpg',
      'm-1',
      'a/p"3/s1/v,1.jpg'
    ]);
    s.rangeMax = 0.8;
    expect(ids(shownItems(p, s))).toEqual([
      'a/p1/s1/v.jpg',
      'a/p"3/s1/v,1.jpg'
    ]);
  });
});

describe('selection', () => {
  it('click selects one, Ctrl-click toggles, Shift-click adds the range from the anchor', () => {
    const p = payload();
    const s = initialGalleryState(p);
    const shown = shownItems(p, s);
    select(s, shown, 1, 'only');
    expect([...s.selected]).toEqual([1]);
    select(s, shown, 3, 'range');
    expect([...s.selected].sort()).toEqual([1, 2, 3]);
    select(s, shown, 2, 'toggle');
    expect([...s.selected].sort()).toEqual([1, 3]);
    select(s, shown, 0, 'range'); // anchor is 2 now
    expect([...s.selected].sort()).toEqual([0, 1, 2, 3]);
    select(s, shown, 9, 'only'); // outside: nothing
    expect(s.selected.size).toBe(4);
  });

  it('a range follows the order shown, not the payload order', () => {
    const p = payload();
    const s = initialGalleryState(p);
    s.sortBy = 'Dice RCA (Mean)';
    const shown = shownItems(p, s); // indices 1, 4, 0, 2, 3
    select(s, shown, 0, 'only');
    select(s, shown, 2, 'range');
    expect([...s.selected].sort()).toEqual([0, 1, 4]);
  });

  it('select all shown adds the filtered rows; hidden selected rows are exported after', () => {
    const p = payload();
    const s = initialGalleryState(p);
    select(s, shownItems(p, s), 3, 'only'); // m-2
    s.hiddenDatasets = new Set(['MIMIC-CXR-JPG']);
    const shown = shownItems(p, s);
    selectAllShown(s, shown);
    expect(ids(selectedItems(p, s, shown))).toEqual([
      'a/p1/s1/v.jpg',
      'a/p2/s1/v.jpg',
      'a/p"3/s1/v,1.jpg',
      'm-2'
    ]);
  });

  it('arrow keys move by one and by a row, clamped; Home and End', () => {
    expect(moveFocus(5, 'ArrowRight', 4, 10, 2)).toBe(6);
    expect(moveFocus(5, 'ArrowDown', 4, 10, 2)).toBe(9);
    expect(moveFocus(9, 'ArrowDown', 4, 10, 2)).toBe(9);
    expect(moveFocus(1, 'ArrowUp', 4, 10, 2)).toBe(0);
    expect(moveFocus(0, 'PageDown', 4, 10, 2)).toBe(8);
    expect(moveFocus(3, 'End', 4, 10, 2)).toBe(9);
    expect(moveFocus(3, 'Home', 4, 10, 2)).toBe(0);
    expect(moveFocus(3, 'x', 4, 10, 2)).toBeNull();
  });
});

describe('exports', () => {
  const p = payload();

  it('ids, one per line', () => {
    expect(idsText(p.items.slice(0, 3))).toBe(
      'a/p1/s1/v.jpg\na/p2/s1/v.jpg\nm-1'
    );
  });

  it('a pandas filter per id column, with Python string literals', () => {
    expect(pandasFilter([p.items[0], p.items[4], p.items[2]])).toBe(
      'df[df["Path"].isin(["a/p1/s1/v.jpg", "a/p\\"3/s1/v,1.jpg"])]\n' +
        'df[df["dicom_id"].isin(["m-1"])]'
    );
    expect(pandasFilter([])).toBe('df.iloc[0:0]');
  });

  it('a CSV of ids, datasets and scores, quoted where it must be', () => {
    expect(csvText([p.items[4], p.items[3]], p.columns)).toBe(
      'id,id_column,dataset,Dice RCA (Mean),Dice RCA (Max),error\r\n' +
        '"a/p""3/s1/v,1.jpg",Path,CheXpert,0.7,0.95,\r\n' +
        'm-2,dicom_id,MIMIC-CXR-JPG,,0.95,\r\n'
    );
  });

  it("an error row's CSV line says why", () => {
    const g = smallGallery();
    (g.rows as Array<Record<string, unknown>>)[0].height = -1;
    const parsed = parseGalleryPayload(g);
    expect(csvText([parsed.items[0]], parsed.columns)).toContain(
      ',"rows[0].height: must be a whole number of pixels from 1 to 100000000, got -1"\r\n'
    );
  });
});
