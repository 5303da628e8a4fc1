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
export async function downloadAtOnce<R extends RunnableLike>(Impl: RunnableClass<R>, durations: readonly number[], boundMs: number) {
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
