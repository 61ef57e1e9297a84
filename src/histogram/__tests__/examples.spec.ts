/**
 * @jest-environment jsdom
 */
/**
 * Example rows of a histogram: parsed with their bins and keys, selected
 * by range, merged (bands of the least common multiple, the smallest keys
 * kept), carried by `mergeHistograms`; and in the view, "Rows just under
 * the threshold" shows that range's rows as tiles.
 */
import {
  createView,
  disposeView,
  renderPayload
} from '../../__tests__/view-harness';
import { histogramWithExamples } from '../../__tests__/hostile-histogram-cases';
import {
  examplesIn,
  IHistogramExamples,
  isNiceWidth,
  mergeExamples
} from '../examples-payload';
import { mergeHistograms } from '../merge';
import { parseHistogramPayload } from '../payload';

const parsed = () => parseHistogramPayload(histogramWithExamples()());

describe('histogram example rows', () => {
  it('parses rows with their bins and keys, in the payload order', () => {
    const examples = parsed().groups[0].examples!;
    expect(examples.bandBins).toBe(10);
    expect(examples.perBand).toBe(2);
    expect(examples.bins).toEqual([520, 610, 470]);
    expect(examples.keys).toEqual([1000, 1001, 1002]);
    expect(examples.items.map(i => i.id)).toEqual([
      'small-0',
      'small-1',
      'small-2'
    ]);
    expect(parsed().groups[1].examples).toBeNull();
  });

  it('selects the rows of a range of fine bins', () => {
    const groups = parsed().groups;
    expect(examplesIn(groups, 470, 530).map(i => i.id)).toEqual([
      'small-0',
      'small-2'
    ]);
    expect(examplesIn(groups, 521, 610)).toEqual([]);
    expect(examplesIn(groups, 610, 611).map(i => i.id)).toEqual(['small-1']);
  });

  it('nice widths are 1, 2 and 5 times powers of ten', () => {
    expect([1, 2, 5, 10, 20, 50, 1e6].every(isNiceWidth)).toBe(true);
    expect([0, 3, 4, 15, 25, 0.5, -10].some(isNiceWidth)).toBe(false);
  });

  it('merges to bands of the lcm, perBand the smaller, smallest keys first', () => {
    const item = parsed().groups[0].examples!.items[0];
    const part = (
      bandBins: number,
      perBand: number,
      rows: Array<[number, number]>
    ): IHistogramExamples => ({
      bandBins,
      perBand,
      items: rows.map(([bin, key]) => ({ ...item, id: `${bin}:${key}` })),
      bins: rows.map(r => r[0]),
      keys: rows.map(r => r[1])
    });
    const a = part(2, 2, [
      [0, 5],
      [1, 9],
      [4, 1]
    ]);
    const b = part(5, 3, [
      [3, 2],
      [6, 0],
      [9, 7]
    ]);
    const m = mergeExamples(a, b)!;
    expect(m.bandBins).toBe(10);
    expect(m.perBand).toBe(2);
    // One band (bins 0–9): keys 0, 1 are the smallest.
    expect(m.items.map(i => i.id)).toEqual(['6:0', '4:1']);
    expect(mergeExamples(a, null)).toBeNull();
  });

  it('mergeHistograms keeps one part’s examples and merges both parts’', () => {
    const whole = parsed();
    const merged = mergeHistograms(whole, whole);
    const ex = merged.groups[0].examples!;
    expect(ex.bandBins).toBe(10);
    // Each row twice, at most 2 per band: bands 47, 52 and 61 each keep both copies.
    expect(ex.bins).toEqual([470, 470, 520, 520, 610, 610]);
    expect(merged.groups[1].examples).toBeNull();
  });
});

describe('histogram view with example rows', () => {
  it('shows the rows just under the threshold as tiles', async () => {
    const under = createView('histogram');
    try {
      const outcome = await renderPayload(under, histogramWithExamples()());
      expect(outcome.state).toBe('painted');
      const node = under.view.node;
      const button = node.querySelector<HTMLButtonElement>(
        '.jp-chexmask-histogram-under'
      )!;
      expect(button).not.toBeNull();
      // Threshold 0.525: the bar-wide range under it holds bin 520 (row small-0).
      const input = node.querySelector<HTMLInputElement>(
        'input.jp-chexmask-threshold-input'
      )!;
      input.value = '0.525';
      input.dispatchEvent(new Event('change'));
      button.click();
      const [from, to] = node.dataset.examplesBand!.split('_').map(Number);
      expect(to).toBe(525);
      expect(from).toBeLessThanOrEqual(520);
      expect(from).toBeGreaterThan(470);
      expect(node.dataset.examples).toBe('1');
      const tiles = node.querySelectorAll(
        '.jp-chexmask-histogram-examples .jp-chexmask-tile'
      );
      expect(tiles.length).toBe(1);
      expect(tiles[0].textContent).toContain('small-0');
    } finally {
      disposeView(under);
    }
  });

  it('has no examples panel without examples', async () => {
    const under = createView('histogram');
    try {
      const payload = histogramWithExamples()();
      delete (payload.groups as Array<Record<string, unknown>>)[0].examples;
      await renderPayload(under, payload);
      expect(
        under.view.node.querySelector('.jp-chexmask-histogram-under')
      ).toBeNull();
    } finally {
      disposeView(under);
    }
  });
});
