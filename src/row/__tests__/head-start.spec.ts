/**
 * Head starts (decode and first paint started when a payload is checked):
 * the bitmap goes to the view that takes it with the same key, and is
 * closed when dropped, taken with another key, or not taken in time; at most
 * MAX_WAITING wait page-wide, and each one taken, dropped or let go frees
 * its place.
 */
import { HeadStart } from '../head-start';
import type { IDecodedAndPainted, IDecodedRow } from '../off-thread';

/** A bitmap that says whether it was closed. */
function bitmap(): ImageBitmap & { closed: boolean } {
  const b = {
    closed: false,
    close() {
      b.closed = true;
    }
  };
  return b as unknown as ImageBitmap & { closed: boolean };
}

/** A decode settled by the test. */
function decode(): {
  start: () => Promise<IDecodedAndPainted>;
  settle: (masks: ImageBitmap | null) => Promise<void>;
  fail: (error: Error) => Promise<void>;
  decoded: IDecodedRow;
} {
  let resolve!: (v: IDecodedAndPainted) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<IDecodedAndPainted>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const decoded = {
    runs: {},
    key: 1,
    measurements: new Promise(() => undefined)
  } as unknown as IDecodedRow;
  return {
    start: () => promise,
    decoded,
    settle: async masks => {
      resolve({ decoded, masks });
      await promise;
      await Promise.resolve();
    },
    fail: async error => {
      reject(error);
      await promise.catch(() => undefined);
      await Promise.resolve();
    }
  };
}

describe('HeadStart', () => {
  afterEach(() => {
    jest.useRealTimers();
    expect(HeadStart.waiting).toBe(0);
  });

  it('hands the bitmap to the paint of the same key, with the runs on arrival', async () => {
    const d = decode();
    const runs: IDecodedRow[] = [];
    const head = HeadStart.start('k', d.start, r => runs.push(r))!;
    expect(HeadStart.waiting).toBe(1);
    const masks = bitmap();
    await d.settle(masks);
    expect(runs).toEqual([d.decoded]);
    const taken = await head.take('k');
    expect(taken!.masks).toBe(masks);
    expect(masks.closed).toBe(false);
    head.drop(); // done already: the bitmap is the taker's
    expect(masks.closed).toBe(false);
  });

  it('can be taken before the worker answers, and the bitmap is not closed', async () => {
    const d = decode();
    const head = HeadStart.start('k', d.start, () => undefined)!;
    const taking = head.take('k')!;
    expect(HeadStart.waiting).toBe(0);
    const masks = bitmap();
    await d.settle(masks);
    expect((await taking).masks).toBe(masks);
    expect(masks.closed).toBe(false);
  });

  it('closes the bitmap when taken with another key, or dropped', async () => {
    const a = decode();
    const head = HeadStart.start('k', a.start, () => undefined)!;
    const masks = bitmap();
    await a.settle(masks);
    expect(head.take('other')).toBeNull();
    expect(masks.closed).toBe(true);

    const b = decode();
    const runs: IDecodedRow[] = [];
    const dropped = HeadStart.start('k', b.start, r => runs.push(r))!;
    dropped.drop();
    const late = bitmap();
    await b.settle(late);
    expect(late.closed).toBe(true);
    expect(runs).toEqual([]);
    expect(dropped.take('k')).toBeNull();
  });

  it('lets a bitmap go when not taken in time, keeping the runs', async () => {
    jest.useFakeTimers();
    const d = decode();
    const runs: IDecodedRow[] = [];
    const head = HeadStart.start('k', d.start, r => runs.push(r))!;
    const masks = bitmap();
    await d.settle(masks);
    jest.advanceTimersByTime(HeadStart.KEEP_MS - 1);
    expect(masks.closed).toBe(false);
    jest.advanceTimersByTime(1);
    expect(masks.closed).toBe(true);
    expect(HeadStart.waiting).toBe(0);
    expect(runs).toEqual([d.decoded]);
    expect(head.take('k')).toBeNull();
  });

  it('starts at most MAX_WAITING at a time', async () => {
    const decodes = Array.from({ length: HeadStart.MAX_WAITING + 1 }, decode);
    const heads = decodes.map(d =>
      HeadStart.start('k', d.start, () => undefined)
    );
    expect(heads.filter(h => h === null)).toHaveLength(1);
    expect(heads[heads.length - 1]).toBeNull();
    heads[0]!.drop();
    const again = decode();
    const next = HeadStart.start('k', again.start, () => undefined);
    expect(next).not.toBeNull();
    for (const h of [...heads, next]) {
      h?.drop();
    }
  });

  it('passes a failed decode to the taker, and forgets it when dropped', async () => {
    const a = decode();
    const head = HeadStart.start('k', a.start, () => undefined)!;
    await a.fail(new Error('bad row'));
    await expect(head.take('k')).rejects.toThrow('bad row');
    const b = decode();
    HeadStart.start('k', b.start, () => undefined)!.drop();
    await b.fail(new Error('ignored'));
  });
});
