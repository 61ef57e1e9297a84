/**
 * Latest-only work: while one run is in flight, later inputs replace the
 * one waiting, the last input always runs, and busy/idle are told once.
 */
import { LatestOnly } from '../latest-only';

/** A run that settles when the test says so. */
function controlled() {
  const started: number[] = [];
  const finish: Array<() => void> = [];
  const run = (input: number) =>
    new Promise<void>(resolve => {
      started.push(input);
      finish.push(resolve);
    });
  return { started, finish, run };
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('LatestOnly', () => {
  it('runs the first input at once and only the last of those that waited', async () => {
    const { started, finish, run } = controlled();
    const busy: boolean[] = [];
    const latest = new LatestOnly(run, b => busy.push(b));
    latest.request(1);
    latest.request(2);
    latest.request(3);
    latest.request(4);
    expect(started).toEqual([1]);
    expect(latest.busy).toBe(true);
    finish[0]();
    await flush();
    expect(started).toEqual([1, 4]);
    finish[1]();
    await flush();
    expect(started).toEqual([1, 4]);
    expect(latest.busy).toBe(false);
    expect(busy).toEqual([true, false]);
  });

  it('keeps going after a failed run', async () => {
    const runs: number[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const latest = new LatestOnly(async (n: number) => {
      runs.push(n);
      if (n === 1) {
        throw new Error('boom');
      }
    });
    latest.request(1);
    latest.request(2);
    await flush();
    expect(runs).toEqual([1, 2]);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('starts nothing once disposed', async () => {
    const { started, finish, run } = controlled();
    const latest = new LatestOnly(run);
    latest.request(1);
    latest.request(2);
    latest.dispose();
    finish[0]();
    await flush();
    latest.request(3);
    expect(started).toEqual([1]);
  });
});
