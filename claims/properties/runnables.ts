/** What the properties need of a Runnable (a Process or a Thread), and the document's two-downloads program run on one. */
import * as fc from 'fast-check';
import type { TaskRef } from '../../src/runtime/task.ts';
import { Coordinator } from '../support/coordinator.ts';
import { downloadAtRendezvousTask } from '../tasks/rendezvous.ts';

export interface RunnableLike {
  start(): void;
  join(): Promise<void>;
}

export interface RunnableOptions {
  readonly onStdout?: (chunk: string) => void;
}

/** `Process`, `Thread`, or a broken imitation of either. */
export type RunnableClass<R extends RunnableLike = RunnableLike> = new <Args extends unknown[]>(
  target: TaskRef<Args>,
  args: Args,
  options?: RunnableOptions,
) => R;

/** What a counter-model that changes one method of Process or Thread extends. */
// biome-ignore lint/suspicious/noExplicitAny: a mixin's base must take any[]
export type RunnableBase = new (...args: any[]) => RunnableLike;

/** The document's `uniform(1, 10)` seconds, at 10 ms a second: short enough to run many times. */
export const downloads = fc.array(fc.integer({ min: 10, max: 100 }), { minLength: 2, maxLength: 4 });

export function linesOf(printed: string): string[] {
  return printed.split('\n').filter((line) => line !== '');
}

/** Starts every runner in order, as the document does, then joins them in order. */
export async function startAndJoin(runners: readonly RunnableLike[]): Promise<void> {
  for (const runner of runners) runner.start();
  for (const runner of runners) await runner.join();
}

/**
 * The document's program: one runner per download, started one after another, then joined. Each
 * download meets the others at a coordinator first: the spec lets them go only once all have said
 * "started" while none has ended, which proves they all ran at the same time. A runtime that runs them
 * one by one never brings them all there, and fails at the bound instead of hanging.
 */
async function runDownloads<R extends RunnableLike>(Impl: RunnableClass<R>, durations: readonly number[], boundMs: number) {
  const coordinator = await Coordinator.open();
  try {
    const printed = durations.map(() => '');
    const began = performance.now();
    const runners = durations.map(
      (ms, i) => new Impl(downloadAtRendezvousTask, [coordinator.address, `file${i + 1}`, ms], { onStdout: (chunk: string) => (printed[i] += chunk) }),
    );
    for (const runner of runners) runner.start();
    await coordinator.until(() => coordinator.live.size === durations.length, `all ${durations.length} downloads to start`, boundMs, 'start.waited');
    const startup = performance.now() - began;
    const endedBeforeRelease = coordinator.count('ended');
    coordinator.releaseAll();
    for (const runner of runners) await runner.join();
    return { runners, printed, total: performance.now() - began, startup, endedBeforeRelease, endedAfterJoin: coordinator.count('ended') };
  } finally {
    await coordinator.close();
  }
}

type Downloads<R extends RunnableLike> = Awaited<ReturnType<typeof runDownloads<R>>>;

/** A class whose runs of the document's program properties share (`sharingRuns`): each run, by its durations, and who took it. */
interface Sharing {
  readonly by: number;
  readonly runs: Map<string, { readonly run: Promise<Downloads<RunnableLike>>; readonly takenBy: Set<object> }>;
}

/** By each property's own handle on a class (see `sharingRuns`): the class, and the runs shared on it. */
const sharings = new Map<object, { readonly target: object; readonly sharing: Sharing }>();

/**
 * Lets `by` properties that run the document's program on `Impl` share each run of it on the same durations,
 * as the lessons' judge does for process.concurrent and process.own-pid: they draw the same cases (one
 * arbitrary, the judge's one seed), side by side, and each asserts its own of what a run shows. Each still
 * judges a real run of every case it is given, never one run twice; the children are started once, not once
 * for each. Call it once for each property: it returns that property's own handle on the class (`Impl`
 * itself, as `new` sees it). npm test shares them too (spec/process.spec.ts, thread.spec.ts); `forgetSharedRuns`
 * ends the sharing, with a judging.
 */
export function sharingRuns<C extends object>(Impl: C, by: number): C {
  const handle = new Proxy(Impl, {});
  const sharing = [...sharings.values()].find(({ target }) => target === Impl)?.sharing ?? { by, runs: new Map() };
  sharings.set(handle, { target: Impl, sharing });
  return handle;
}

export function forgetSharedRuns(): void {
  sharings.clear();
}

export async function downloadAtOnce<R extends RunnableLike>(Impl: RunnableClass<R>, durations: readonly number[], boundMs: number): Promise<Downloads<R>> {
  const sharing = sharings.get(Impl)?.sharing;
  if (sharing === undefined) return runDownloads(Impl, durations, boundMs);
  const key = durations.join(',');
  const known = sharing.runs.get(key);
  if (known !== undefined && !known.takenBy.has(Impl)) {
    known.takenBy.add(Impl);
    if (known.takenBy.size === sharing.by) sharing.runs.delete(key);
    return known.run as Promise<Downloads<R>>;
  }
  const run = runDownloads(Impl, durations, boundMs);
  sharing.runs.set(key, { run, takenBy: new Set([Impl]) });
  return run;
}
