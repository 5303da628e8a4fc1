/**
 * A bound kept from outside the test's own event loop. Code that never yields (a join that loops over
 * promises already settled keeps the microtask queue busy for ever) starves every timer of its thread,
 * vitest's test timeout included, so that a bound set in the test cannot fire. A watchdog thread of this
 * process watches a heartbeat that this thread's event loop beats every second. A silence of `starvedMs`
 * alone is not enough to end it: a thread that a loaded machine gives little CPU is silent as long. What
 * the thread used of the CPU in the silence tells them apart (spec/support/watchdog-verdict.ts): it is
 * ended for starving its timers once it has used half the bound's worth with no timer running, and for a
 * silence of eight bounds whatever it used (blocked in Atomics.wait, nothing else ends it). The watchdog
 * says which test, and what it measured, on stderr, and ends the process (SIGKILL: nothing else can
 * interrupt a thread that never yields). vitest then fails the file.
 */
import process from 'node:process';
import { Worker } from 'node:worker_threads';
import { beforeEach } from 'vitest';
import { ownCpuSource } from './watched-cpu.ts';

/**
 * Half of it, in CPU spent with no timer running, is longer than any stretch in which our own spec keeps its
 * main thread from timers: an exploration yields to them between executions (scheduler/exploration.ts),
 * and the longest execution is a few ms.
 * WATCHDOG_STARVED_MS sets another, for the spec of the watchdog itself (spec/tools/watchdog.spec.ts).
 */
export const starvedMs = starvedBound(process.env.WATCHDOG_STARVED_MS);

function starvedBound(told: string | undefined): number {
  if (told === undefined) return 15_000;
  const ms = Number(told);
  if (!Number.isInteger(ms) || ms < 1_000)
    throw new Error(`WATCHDOG_STARVED_MS must be a whole number of milliseconds, 1000 or more; got ${JSON.stringify(told)}`);
  return ms;
}

/** One watchdog per process: the setup files run again for each spec file that shares it. */
const global = globalThis as { watchdog?: Worker };
global.watchdog ??= (() => {
  const beats = new Int32Array(new SharedArrayBuffer(4));
  const started = new Worker(new URL('./watchdog-thread.ts', import.meta.url), {
    workerData: { beats, starvedMs, cpu: ownCpuSource() },
  });
  started.unref();
  setInterval(() => Atomics.add(beats, 0, 1), 1_000).unref();
  return started;
})();
const watchdog = global.watchdog;

beforeEach((context) => {
  watchdog.postMessage(`${context.task.file?.name ?? ''} > ${context.task.name}`);
});
