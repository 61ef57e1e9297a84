/**
 * What each control of a landmark plot changes in its state, and what it
 * leaves the plot to redraw.
 */
import { ORGANS } from '../../core';
import { fourRowModel } from './four-rows';
import {
  colorRowsBy,
  controlHandlers,
  IPlotRedraw,
  showGroup,
  showLayer,
  showOrgan
} from '../control-changes';
import { contourContent, initialPlotState } from '../state';

const model = fourRowModel();
const groupA = model.groups.findIndex(g => g.name === 'A');

describe('landmark plot control changes', () => {
  it('repaints the masks for an organ, and only that organ goes', () => {
    const state = initialPlotState(true);
    const heart = ORGANS.findIndex(o => o.key === 'heart');
    expect(showOrgan(state, 'heart', false)).toEqual({
      masks: 'paint',
      stats: false,
      contours: true,
      shapes: true
    });
    expect(state.organs).toEqual(ORGANS.map((_, i) => i !== heart));
    expect(contourContent(model, state).initial).toBe(false);
  });

  it('drops the pin and hovers on a hidden group, and recomputes', () => {
    const state = initialPlotState(false);
    state.pinned = 2; // group A
    state.pointerRow = 1; // group B
    state.listHover = 3;
    const redraw = showGroup(model, state, groupA, false);
    expect(redraw.stats).toBe(true);
    expect(redraw.masks).toBeNull();
    expect(state.pinned).toBeNull();
    expect(state.pointerRow).toBe(1);
    expect(state.listHover).toBeNull();
    const cloud = contourContent(model, state).cloud!;
    expect(cloud.groups.flatMap(g => Array.from(g.rows)).sort()).toEqual([
      1, 3
    ]);
    showGroup(model, state, groupA, true);
    expect(state.hiddenGroups.size).toBe(0);
  });

  it('redraws just the layer switched', () => {
    const state = initialPlotState(true);
    const only = (key: Parameters<typeof showLayer>[1]): IPlotRedraw =>
      showLayer(state, key, false);
    expect(only('masks')).toEqual({
      masks: 'draw',
      stats: false,
      contours: false,
      shapes: false
    });
    expect(only('contours')).toEqual({
      masks: null,
      stats: false,
      contours: true,
      shapes: false
    });
    expect(only('ellipses').shapes).toBe(true);
    expect(state.layers.masks || state.layers.contours).toBe(false);
    expect(contourContent(model, state).cloud).toBeNull();
  });

  it('shows the colouring before redrawing it', () => {
    const state = initialPlotState(false);
    const calls: string[] = [];
    const handlers = controlHandlers(model, state, {
      redraw: r => calls.push(`redraw ${r.contours} ${state.colorBy}`),
      showColorBy: mode => calls.push(`show ${mode}`)
    });
    handlers.colorBy('sigma');
    expect(calls).toEqual(['show sigma', 'redraw true sigma']);
    expect(colorRowsBy(state, 'group').shapes).toBe(true);
    expect(state.colorBy).toBe('group');
  });
});
