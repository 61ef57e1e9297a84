/**
 * @jest-environment jsdom
 */
/**
 * The histogram view in jsdom, through its real `renderModel`: the table's
 * kept counts at thresholds set by keyboard and typed, on both sides,
 * equal direct counts of the values; hiding a group; the CSV of the drawn
 * bins; the alt text.
 */
import {
  createView,
  disposeView,
  IViewUnderTest,
  renderPayload
} from '../../__tests__/view-harness';
import { histogramOf } from '../../__tests__/valid-payloads';
import { HistogramView } from '../view';

const VALUES: Record<string, number[]> = {
  AP: [0.52, 0.61, 0.5, 0.47, 0.55, 0.58, 0.5],
  PA: [0.41, 0.45, 0.5, 0.49, 0.438, 0.39]
};

/** The kept cell of a group's row. */
function kept(under: IViewUnderTest, group: string): string {
  return (
    under.view.node.querySelector(`tr[data-group="${group}"] td:nth-of-type(3)`)
      ?.textContent ?? ''
  );
}

function direct(group: string, t: number, side: 'above' | 'below'): string {
  return String(
    VALUES[group].filter(v => (side === 'above' ? v >= t : v < t)).length
  );
}

describe('histogram view', () => {
  let under: IViewUnderTest;

  beforeEach(async () => {
    under = createView('histogram');
    const outcome = await renderPayload(under, histogramOf(VALUES, -3));
    expect(outcome.state).toBe('painted');
  });

  afterEach(() => disposeView(under));

  it('keeps what direct counts keep as the threshold moves, on both sides', () => {
    const node = under.view.node;
    expect(node.dataset.threshold).toBe('0.500');
    for (const g of ['AP', 'PA']) {
      expect(kept(under, g)).toBe(direct(g, 0.5, 'above'));
    }
    const handle = node.querySelector('.jp-chexmask-threshold-handle')!;
    for (let i = 0; i < 3; i++) {
      handle.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })
      );
    }
    expect(node.dataset.threshold).toBe('0.503');
    handle.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'ArrowLeft',
        shiftKey: true,
        bubbles: true
      })
    );
    expect(node.dataset.threshold).toBe('0.493');
    for (const g of ['AP', 'PA']) {
      expect(kept(under, g)).toBe(direct(g, 0.493, 'above'));
    }
    const keep = node.querySelector<HTMLSelectElement>(
      'select[aria-label="Keep"]'
    )!;
    keep.value = 'below';
    keep.dispatchEvent(new Event('change'));
    expect(node.dataset.keep).toBe('below');
    const input = node.querySelector<HTMLInputElement>(
      'input.jp-chexmask-threshold-input'
    )!;
    input.value = '0.5';
    input.dispatchEvent(new Event('change'));
    expect(node.dataset.threshold).toBe('0.500');
    for (const g of ['AP', 'PA']) {
      expect(kept(under, g)).toBe(direct(g, 0.5, 'below'));
    }
    expect(node.querySelector('thead')!.textContent).toContain(
      'Kept (CTR < 0.500)'
    );
  });

  it('hides a group, exports the drawn bins as CSV and says it all in alt text', async () => {
    const node = under.view.node;
    expect(
      node.querySelectorAll('path.jp-chexmask-histogram-bars').length
    ).toBe(2);
    const toggle = node.querySelector<HTMLInputElement>(
      'input.jp-chexmask-group-toggle[data-group="PA"]'
    )!;
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    expect(
      Array.from(node.querySelectorAll('path.jp-chexmask-histogram-bars'), p =>
        p.getAttribute('data-group')
      )
    ).toEqual(['AP']);
    const view = under.view as HistogramView;
    const csv = (await (
      view as unknown as { csvDocument(): Promise<string> }
    ).csvDocument())!.split('\r\n');
    expect(csv[0]).toBe('lower,upper,AP');
    const rows = csv.slice(1, -1).map(line => line.split(','));
    // Each drawn bin is a nice width, and the counts add up to AP's values.
    expect(rows.reduce((n, r) => n + Number(r[2]), 0)).toBe(VALUES.AP.length);
    for (const [lower, upper] of rows) {
      expect(Number(upper) - Number(lower)).toBeCloseTo(0.005, 12);
    }
    const alt = (view as unknown as { altText(): string }).altText();
    expect(alt).toBe(
      'Histogram of CTR by View Position, keeping CTR ≥ 0.500: AP 7 rows, 6 kept (85.7%); PA 6 rows, 1 kept (16.7%).'
    );
  });
});
