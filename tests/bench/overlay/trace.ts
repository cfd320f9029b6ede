/**
 * Reads a Chromium trace (DevTools' timeline, the V8 CPU profiler, user timing) for
 * the overlay benchmark: the content script's share of the page's main thread between consecutive
 * step marks, and the long tasks. Content scripts run on the page's main thread in their own world,
 * so their work shows up there under the extension's script URL. Per main-thread task, the script's
 * CPU time is the task's thread time times the share of the task's profile samples that have the
 * script on the stack: samples catch everything it runs (promise continuations included), thread
 * time leaves out the time the thread was descheduled, which wall-clock samples would count.
 */
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time; `dur` is wall time. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly id?: string;
  readonly args?: { readonly data?: ProfileData };
}

interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { readonly url?: string };
}

interface ProfileData {
  readonly startTime?: number;
  readonly cpuProfile?: { readonly nodes?: readonly ProfileNode[]; readonly samples?: number[] };
  readonly timeDeltas?: readonly number[];
}

interface Sample {
  readonly ts: number;
  /** Wall time until the next sample. */
  readonly us: number;
  readonly ours: boolean;
}

export interface StepWindow {
  readonly label: string;
  /** The content script's CPU time on the main thread in the window. */
  readonly scriptMs: number;
}

export interface LongTask {
  readonly durationMs: number;
  /** The content script's CPU time inside the task. */
  readonly scriptMs: number;
}

export interface TraceAnalysis {
  readonly steps: readonly StepWindow[];
  readonly longTasks: readonly LongTask[];
  /** Share of the script's samples that fell inside a task (the rest could not be weighed). */
  readonly coverage: number;
}

const LONG_TASK_US = 50_000;
/** A main-thread task, as DevTools' performance panel records it. */
const TASK = 'RunTask';

/** The page's CPU profile samples, each marked when the script is on its stack. */
function pageSamples(events: readonly TraceEvent[], pid: number, scriptUrl: string): Sample[] {
  const samples: Sample[] = [];
  const nodes = new Map<string, ProfileNode>();
  const clocks = new Map<string, number>();
  const isOurs = (profile: string, id: number): boolean => {
    for (let node = nodes.get(`${profile}:${id}`); node;) {
      if ((node.callFrame.url ?? '').endsWith(scriptUrl)) return true;
      node = node.parent === undefined ? undefined : nodes.get(`${profile}:${node.parent}`);
    }
    return false;
  };
  for (const event of events) {
    if (event.pid !== pid) continue;
    const profile = event.id ?? '';
    if (event.name === 'Profile') clocks.set(profile, event.args?.data?.startTime ?? event.ts);
    if (event.name !== 'ProfileChunk') continue;
    const data = event.args?.data;
    // Nodes arrive incrementally and their ids are per profile.
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(`${profile}:${node.id}`, node);
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    let clock = clocks.get(profile) ?? event.ts;
    ids.forEach((id, index) => {
      clock += deltas[index] ?? 0;
      // V8 occasionally records a sample out of order (a negative delta): it weighs nothing.
      const us = Math.max(0, deltas[index + 1] ?? 0);
      samples.push({ ts: clock, us, ours: isOurs(profile, id) });
    });
    clocks.set(profile, clock);
  }
  return samples.sort((a, b) => a.ts - b.ts);
}

/** Outermost spans only: a task nested in one already kept adds nothing. */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  const kept: TraceEvent[] = [];
  let end = -Infinity;
  for (const event of [...events].sort((a, b) => a.ts - b.ts)) {
    if (event.ts < end) continue;
    kept.push(event);
    end = event.ts + (event.dur ?? 0);
  }
  return kept;
}

/** The first sample at or after `ts` (samples are sorted). */
function firstAtOrAfter(samples: readonly Sample[], ts: number): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (samples[middle]!.ts < ts) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function analyzeTrace(
  trace: { readonly traceEvents: readonly unknown[] },
  { scriptUrl, stepMark }: { readonly scriptUrl: string; readonly stepMark: string },
): TraceAnalysis {
  const events = trace.traceEvents as readonly TraceEvent[];
  // Marks are named `<stepMark>:<label>`, on the page's main thread.
  const prefix = `${stepMark}:`;
  const marks = events.filter((event) => event.name.startsWith(prefix)).sort((a, b) => a.ts - b.ts);
  const first = marks[0];
  if (!first) throw new Error('The trace holds no step marks');
  const samples = pageSamples(events, first.pid, scriptUrl);
  const tasks = outermost(
    events.filter(
      (event) =>
        event.name === TASK &&
        event.ph === 'X' &&
        event.pid === first.pid &&
        event.tid === first.tid,
    ),
  ).map((task) => {
    const start = firstAtOrAfter(samples, task.ts);
    const stop = firstAtOrAfter(samples, task.ts + (task.dur ?? 0));
    let all = 0;
    let ours = 0;
    for (const sample of samples.slice(start, stop)) {
      all += sample.us;
      if (sample.ours) ours += sample.us;
    }
    const cpu = task.tdur ?? task.dur ?? 0;
    return { task, ourUs: all === 0 ? 0 : (cpu * ours) / all, ourSampledUs: ours };
  });

  const ourSampled = samples.reduce((sum, sample) => (sample.ours ? sum + sample.us : sum), 0);
  const weighed = tasks.reduce((sum, entry) => sum + entry.ourSampledUs, 0);
  const ourUsBetween = (from: number, to: number) =>
    tasks.reduce(
      (sum, { task, ourUs }) => (task.ts >= from && task.ts < to ? sum + ourUs : sum),
      0,
    );

  return {
    steps: marks.slice(0, -1).map((mark, index) => ({
      label: mark.name.slice(prefix.length),
      scriptMs: ourUsBetween(mark.ts, marks[index + 1]!.ts) / 1000,
    })),
    longTasks: tasks
      .filter(({ task }) => (task.dur ?? 0) > LONG_TASK_US && task.ts >= first.ts)
      .map(({ task, ourUs }) => ({ durationMs: (task.dur ?? 0) / 1000, scriptMs: ourUs / 1000 })),
    coverage: ourSampled === 0 ? 1 : weighed / ourSampled,
  };
}
