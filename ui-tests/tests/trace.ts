/**
 * A Chromium performance trace of part of a UI test, summed up: where the
 * page's long main-thread tasks spend their time (our scripts, JupyterLab's,
 * garbage collection, style, layout, paint…), by each event's own time.
 * Opt-in (`CHEXMASK_TRACE=1`): tracing slows the page down, so the figures
 * printed beside it are not comparable with untraced runs.
 */
import { Browser, Page } from '@playwright/test';
import * as fs from 'fs';

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
  const raw = (page as unknown as { page?: Page }).page ?? page;
  await browser.startTracing(raw, { categories: CATEGORIES });
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

/** Whether this run records a V8 CPU profile (`CHEXMASK_PROFILE=1`; slows the page down too). */
export const PROFILING = !!process.env.CHEXMASK_PROFILE;

/** A CPU profile being recorded (see {@link startProfile}). */
export interface IProfiling {
  /** Stop, write the `.cpuprofile` (open it in Chromium's DevTools) and sum up its longest busy stretch. */
  stop(file: string): Promise<string>;
}

/**
 * Start a V8 CPU profile of the page (100 µs samples), to see which
 * functions a long task runs: the trace tells only whose bundle.
 */
export async function startProfile(page: Page): Promise<IProfiling> {
  // Galata's page fixture wraps the Playwright page, which CDP wants.
  const raw = (page as unknown as { page?: Page }).page ?? page;
  const cdp = await raw.context().newCDPSession(raw);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stop(file: string): Promise<string> {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      fs.writeFileSync(file, JSON.stringify(profile));
      return Private.longestStretch(profile as unknown as IProfile);
    }
  };
}

/** The fields of a V8 CPU profile used here. */
interface IProfile {
  nodes: Array<{
    id: number;
    callFrame: {
      functionName: string;
      url: string;
      lineNumber: number;
      columnNumber: number;
    };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

namespace Private {
  /**
   * The profile's longest stretch of samples without idle (about one task),
   * summed up: its length, then its functions by own time and by total time
   * (`name url:line:column`, minified names as they are).
   */
  export function longestStretch(profile: IProfile): string {
    const byId = new Map(profile.nodes.map(n => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) {
      for (const c of n.children ?? []) {
        parent.set(c, n.id);
      }
    }
    const label = (id: number): string => {
      const f = byId.get(id)!.callFrame;
      const file = f.url.replace(/^.*\//, '');
      return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
    };
    // Stretches between idle samples.
    let best = { from: 0, to: 0, ms: 0 };
    let from = 0;
    let ms = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const name = byId.get(profile.samples[i])!.callFrame.functionName;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      if (name === '(idle)') {
        from = i + 1;
        ms = 0;
        continue;
      }
      ms += dt;
      if (ms > best.ms) {
        best = { from, to: i + 1, ms };
      }
    }
    const own = new Map<string, number>();
    const total = new Map<string, number>();
    for (let i = best.from; i < best.to; i++) {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      let id: number | undefined = profile.samples[i];
      own.set(label(id), (own.get(label(id)) ?? 0) + dt);
      const seen = new Set<string>();
      for (; id !== undefined; id = parent.get(id)) {
        const l = label(id);
        if (!seen.has(l)) {
          seen.add(l);
          total.set(l, (total.get(l) ?? 0) + dt);
        }
      }
    }
    const top = (m: Map<string, number>, n: number): string =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([l, t]) => `\n      ${t.toFixed(1)} ms ${l}`)
        .join('');
    return (
      `longest busy stretch ${best.ms.toFixed(0)} ms; by own time:${top(own, 25)}` +
      `\n    by total time:${top(total, 40)}`
    );
  }
}
