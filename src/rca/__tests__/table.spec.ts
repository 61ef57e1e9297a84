/**
 * @jest-environment jsdom
 */
/**
 * The RCA table warns about scores outside [0, 1]: the kernel counts them
 * but they are not binned, so without the warning they would vanish from
 * the histogram and from every share without a word.
 */
// First: defines the globals Lumino needs when '../common' imports it.
import '../../__tests__/browser-stubs';
import { RcaTable } from '../table';
import { IRcaSummary } from '../summary';

function summary(name: string, outOfRange: number): IRcaSummary {
  return {
    name,
    rows: 10,
    missing: 0,
    outOfRange,
    kept: 5,
    keptShare: 0.5,
    mean: 0.7,
    median: 0.7,
    p5: 0.5,
    swapped: 0
  };
}

describe('RCA table', () => {
  it('shows out-of-range scores per dataset and hides the note when none', () => {
    const table = new RcaTable(
      ['A', '<img src=x onerror=alert(1)>'],
      new Map()
    );
    const foot = table.node.querySelector('tfoot')!;
    table.update(
      [summary('A', 0), summary('<img src=x onerror=alert(1)>', 0)],
      0.7,
      'Mean'
    );
    expect(foot.hidden).toBe(true);
    table.update(
      [summary('A', 3), summary('<img src=x onerror=alert(1)>', 1)],
      0.7,
      'Mean'
    );
    expect(foot.hidden).toBe(false);
    const warnings = Array.from(
      foot.querySelectorAll('.jp-chexmask-warning')
    ).map(li => li.textContent);
    expect(warnings).toEqual([
      '⚠ A: 3 Dice RCA (Mean) value(s) outside [0, 1] are not valid scores and are not counted',
      '⚠ <img src=x onerror=alert(1)>: 1 Dice RCA (Mean) value(s) outside [0, 1] are not valid scores and are not counted'
    ]);
    expect(table.node.querySelector('img')).toBeNull();
    table.update(
      [summary('A', 0), summary('<img src=x onerror=alert(1)>', 0)],
      0.7,
      'Max'
    );
    expect(foot.hidden).toBe(true);
  });
});
