/**
 * A Chromium performance trace of part of a UI test, summed up: where the
 * page's long main-thread tasks spend their time (our scripts, JupyterLab's,
 * garbage collection, style, layout, paint…), by each event's own time.
 * Opt-in (`CHEXMASK_TRACE=1`): tracing slows the page down, so the figures
 * printed beside it are not comparable with untraced runs.
 */
import { Browser, Page } from '@playwright/test';

/** Whether this run traces (see the module's comment). */
export const TRACING = !!process.env.CHEXMASK_TRACE;

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  ...(process.env.CHEXMASK_TRACE === 'cc' ? ['cc', 'viz', 'gpu'] : [])
];

/** Start tracing the page. */
export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

/** One trace event (the fields used). */
interface IEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time (µs), where the platform gives it. */
  tdur?: number;
  /** Async events' ids (user timing spans). */
  id?: string;
  id2?: { local?: string };
  args?: {
    name?: string;
    type?: string;
    data?: { url?: string; functionName?: string };
  };
}

/**
 * Stop tracing and sum up the renderer main thread's tasks longer than
 * `longMs`: how many, and their time by what ran (each event's own time,
 * without the events nested in it; scripts by whose bundle they are in).
 */
export async function stopTrace(
  browser: Browser,
  longMs = 50
): Promise<string> {
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as
    { traceEvents: IEvent[] } | IEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events
      .filter(
        e =>
          e.ph === 'M' &&
          e.name === 'thread_name' &&
          e.args?.name === 'CrRendererMain'
      )
      .map(e => `${e.pid}:${e.tid}`)
  );
  // Complete events of the main threads; the busiest is the page's.
  const byThread = new Map<string, IEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.dur !== undefined && mains.has(key)) {
      byThread.set(key, [...(byThread.get(key) ?? []), e]);
    }
  }
  const thread = [...byThread.values()].sort((a, b) => b.length - a.length)[0];
  if (!thread) {
    return 'no main-thread events traced';
  }
  thread.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const own = new Map<string, number>();
  const all: Array<{ ms: number; parts: Map<string, number> }> = [];
  let task: { end: number; ms: number; parts: Map<string, number> } | null =
    null;
  // Open events, outermost first; each keeps its own time and script owner.
  const stack: Array<{ e: IEvent; end: number; self: number; what: string }> =
    [];
  // Every main-thread event with its own time, for the spans of ours.
  const finished: Array<{ e: IEvent; self: number; what: string }> = [];
  const close = (upTo: number): void => {
    while (stack.length && stack[stack.length - 1].end <= upTo) {
      const done = stack.pop()!;
      finished.push(done);
      if (task) {
        task.parts.set(
          done.what,
          (task.parts.get(done.what) ?? 0) + done.self / 1000
        );
      }
    }
  };
  for (const e of thread) {
    close(e.ts);
    if (!stack.length) {
      if (task) {
        all.push(task);
      }
      task = null;
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
        task = { end: e.ts + e.dur!, ms: e.dur! / 1000, parts: new Map() };
      }
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.self -= e.dur!;
    }
    stack.push({
      e,
      end: e.ts + e.dur!,
      self: e.dur!,
      what: Private.what(e, parent?.what)
    });
  }
  close(Infinity);
  if (task) {
    all.push(task);
  }
  const tasks = all.filter(t => t.ms > longMs);
  const sumUp = (
    some: Array<{ ms: number; parts: Map<string, number> }>
  ): string => {
    own.clear();
    for (const t of some) {
      for (const [what, ms] of t.parts) {
        own.set(what, (own.get(what) ?? 0) + ms);
      }
    }
    const total = some.reduce((s, t) => s + t.ms, 0);
    return (
      `${some.length} tasks, ${total.toFixed(0)} ms in all, by own time (ms): ` +
      [...own]
        .filter(([, ms]) => ms >= 1)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 16)
        .map(([what, ms]) => `${what} ${ms.toFixed(0)}`)
        .join(', ')
    );
  };
  const ours = all.filter(t => t.parts.has('script ours'));
  // While the main thread waits in a long commit: what the page's other
  // threads do (own time by name), e.g. the compositor pushing layers.
  const commits = thread.filter(e => e.name === 'Commit' && e.dur! > 20000);
  const pid = thread[0].pid;
  const during = new Map<string, number>();
  for (const e of events) {
    if (
      e.ph !== 'X' ||
      e.pid !== pid ||
      mains.has(`${e.pid}:${e.tid}`) ||
      e.dur === undefined
    ) {
      continue;
    }
    for (const c of commits) {
      const overlap =
        Math.min(e.ts + e.dur, c.ts + c.dur!) - Math.max(e.ts, c.ts);
      if (overlap > 0) {
        during.set(e.name, (during.get(e.name) ?? 0) + overlap / 1000);
      }
    }
  }
  const commitParts = [...during]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([what, ms]) => `${what} ${ms.toFixed(0)}`)
    .join(', ');
  const longest = [...tasks]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(
      t => `\n      ${t.ms.toFixed(0)} ms: ` + Private.largest(t.parts, 6, 0)
    )
    .join('');
  return (
    `over ${longMs} ms: ${sumUp(tasks)}; the longest:${longest}` +
    `\n    our longest spans: ${Private.longestSpans(events, thread, finished)}` +
    `\n    tasks running our scripts: ${sumUp(ours)}` +
    `\n    ${commits.length} commits over 20 ms (${commits.reduce((t, c) => t + c.dur! / 1000, 0).toFixed(0)} ms); other threads meanwhile (overlap, ms): ${commitParts}`
  );
}

namespace Private {
  /**
   * The `count` largest parts of a time (ms), as "what ms", with `digits`
   * decimals; parts that would print as 0 are left out.
   */
  export function largest(
    parts: Map<string, number>,
    count: number,
    digits: number
  ): string {
    return [...parts]
      .filter(([, ms]) => ms >= 0.5 * 10 ** -digits)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([what, ms]) => `${what} ${ms.toFixed(digits)}`)
      .join(', ');
  }

  /**
   * Our longest `chexmask:` spans of the performance timeline (user timing
   * events), each with what ran inside it on the main thread by own time,
   * and how much of its wall time the thread was running at all (its
   * tasks' thread time: much less means the thread was descheduled).
   */
  export function longestSpans(
    events: IEvent[],
    thread: IEvent[],
    finished: Array<{ e: IEvent; self: number; what: string }>,
    count = 5
  ): string {
    const pid = thread[0].pid;
    const spans: Array<{ name: string; start: number; end: number }> = [];
    const open = new Map<string, number>();
    for (const e of events) {
      if (e.pid !== pid || !e.name.startsWith('chexmask:')) {
        continue;
      }
      const id = `${e.name}:${e.id ?? e.id2?.local ?? ''}`;
      if (e.ph === 'b') {
        open.set(id, e.ts);
      } else if (e.ph === 'e' && open.has(id)) {
        spans.push({ name: e.name, start: open.get(id)!, end: e.ts });
        open.delete(id);
      } else if (e.ph === 'X' && e.dur !== undefined) {
        spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur });
      }
    }
    const tasks = thread.filter(
      e => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'
    );
    return spans
      .sort((a, b) => b.end - b.start - (a.end - a.start))
      .slice(0, count)
      .map(span => {
        const parts = new Map<string, number>();
        for (const f of finished) {
          if (f.e.ts >= span.start && f.e.ts < span.end) {
            parts.set(f.what, (parts.get(f.what) ?? 0) + f.self / 1000);
          }
        }
        const task = tasks.find(
          t => t.ts <= span.start && t.ts + t.dur! >= span.end
        );
        const cpu = task?.tdur;
        return (
          `\n      ${span.name} ${((span.end - span.start) / 1000).toFixed(1)} ms` +
          (task
            ? ` (its task ${(task.dur! / 1000).toFixed(1)} ms wall, ${cpu === undefined ? '?' : (cpu / 1000).toFixed(1)} ms thread time)`
            : '') +
          ': ' +
          largest(parts, 8, 1)
        );
      })
      .join('');
  }

  /**
   * What an event's own time counts as: scripts by whose bundle they are in
   * (a nested event without its own script keeps its parent's), the rest by
   * the event's name.
   */
  export function what(e: IEvent, parent: string | undefined): string {
    const url = e.args?.data?.url;
    if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') {
      if (url) {
        return /chexmask/.test(url) ? 'script ours' : 'script lab';
      }
      return parent?.startsWith('script') ? parent : 'script ?';
    }
    if (/GC/.test(e.name)) {
      return `GC ${e.name}${e.args?.type ? ` (${e.args.type})` : ''}`;
    }
    if (
      parent?.startsWith('script') &&
      !/Layout|Style|Paint|Layer|Composit|Decode|Raster/.test(e.name)
    ) {
      // V8's own events inside a script (compile, run microtasks…).
      return parent;
    }
    return e.name;
  }
}
