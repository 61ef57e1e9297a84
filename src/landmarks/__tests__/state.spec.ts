/**
 * The landmark plot's state is one object: which landmarks and rows can be
 * hovered follows from the organs and groups shown, derived on demand.
 */
import { ORGANS } from '../../core';
import { fourRowModel } from './four-rows';
import {
  initialPlotState,
  isRowShown,
  landmarkFilter,
  rowFilter
} from '../state';

const model = fourRowModel();

describe('landmark plot state', () => {
  it('lets every landmark and row be hovered at first', () => {
    const state = initialPlotState(false);
    expect(Array.from(landmarkFilter(state.organs))).toEqual(
      new Array(120).fill(1)
    );
    expect(Array.from(rowFilter(model, state.hiddenGroups))).toEqual([
      1, 1, 1, 1
    ]);
  });

  it('derives the landmark filter from the organs shown', () => {
    const heart = ORGANS.findIndex(o => o.key === 'heart');
    const organs = ORGANS.map((_, i) => i !== heart);
    const filter = landmarkFilter(organs);
    for (const [i, organ] of ORGANS.entries()) {
      const slice = Array.from(filter.subarray(organ.start, organ.end));
      expect(slice.every(v => v === (i === heart ? 0 : 1))).toBe(true);
    }
  });

  it('derives the row filter from the groups hidden', () => {
    const state = initialPlotState(false);
    const a = model.groups.findIndex(g => g.name === 'A');
    state.hiddenGroups.add(a);
    expect(Array.from(rowFilter(model, state.hiddenGroups))).toEqual([
      0, 1, 0, 1
    ]);
    expect([0, 1, 2, 3].map(r => isRowShown(model, state, r))).toEqual([
      false,
      true,
      false,
      true
    ]);
  });
});
