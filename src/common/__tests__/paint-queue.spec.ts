/**
 * Yielding to the page between slices of a view's build: the browser's
 * scheduler where it has one (`yield`, else `postTask` at user-visible
 * priority), else a task of its own; never within the current task.
 */
import { yieldToPage } from '../paint-queue';

type Scheduler = Record<string, unknown>;

/** Run `body` with `globalThis.scheduler` set to `scheduler` (or absent). */
async function withScheduler(
  scheduler: Scheduler | undefined,
  body: () => Promise<void>
): Promise<void> {
  const global = globalThis as { scheduler?: Scheduler };
  const before = global.scheduler;
  if (scheduler) {
    global.scheduler = scheduler;
  } else {
    delete global.scheduler;
  }
  try {
    await body();
  } finally {
    if (before) {
      global.scheduler = before;
    } else {
      delete global.scheduler;
    }
  }
}

/** Let every pending microtask run (but no task). */
async function microtasks(): Promise<void> {
  for (let k = 0; k < 10; k++) {
    await Promise.resolve();
  }
}

describe('yieldToPage', () => {
  it('uses scheduler.yield where the browser has it', async () => {
    const calls: string[] = [];
    await withScheduler(
      {
        yield: () => {
          calls.push('yield');
          return Promise.resolve();
        },
        postTask: () => {
          calls.push('postTask');
          return Promise.resolve();
        }
      },
      () => yieldToPage()
    );
    expect(calls).toEqual(['yield']);
  });

  it('else posts a task at user-visible priority', async () => {
    const priorities: unknown[] = [];
    await withScheduler(
      {
        postTask: (task: () => void, options: { priority: string }) => {
          priorities.push(options.priority);
          task();
          return Promise.resolve();
        }
      },
      () => yieldToPage()
    );
    expect(priorities).toEqual(['user-visible']);
  });

  it('else resumes in a later task, in the order asked', async () => {
    await withScheduler(undefined, async () => {
      const resumed: number[] = [];
      const all = [1, 2, 3].map(k =>
        yieldToPage().then(() => {
          resumed.push(k);
        })
      );
      await microtasks();
      expect(resumed).toEqual([]);
      await Promise.all(all);
      expect(resumed).toEqual([1, 2, 3]);
    });
  });
});
