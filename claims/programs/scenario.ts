/**
 * What a program a user might write does with a pool, or with processes or threads: start work, maybe
 * wait for it, keep the main thread busy while answers arrive, then end it in one of the ways the API
 * offers, or forget it. `user-program.ts` runs a scenario on its own, as the liveness property needs.
 */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from '../../src/pool.ts';
import type { Process } from '../../src/process.ts';
import { stillAlive } from '../../src/runtime/alive.ts';
import { descendantsOf } from '../support/process-table.ts';
import { type Act, performTask } from '../tasks/faults.ts';

export interface Implementations {
  readonly Pool: new (size: number) => Pool;
  readonly ThreadPool: new (size: number) => Pool;
  readonly Process: new (target: typeof performTask, args: [Act]) => Process<[Act]>;
  readonly Thread: new (target: typeof performTask, args: [Act]) => Process<[Act]> | { start(): void; join(): Promise<void>; terminate(): Promise<void> };
}

export type Backend = 'Pool' | 'ThreadPool' | 'Process' | 'Thread';
/** How the program ends its pool (or its processes and threads); 'nothing' forgets them. */
export type Ending = 'terminate' | 'close-join' | 'await-using' | 'join' | 'nothing';

export interface Scenario {
  readonly backend: Backend;
  readonly size: number;
  readonly chunksize: number;
  /** Map one trivial task first, so that the pool's runners are started and idle. */
  readonly warm: boolean;
  readonly acts: readonly Act[];
  readonly ending: Ending;
  /** End once every task has settled, or while they run (`delayMs` after they were started). */
  readonly when: 'settled' | 'running';
  readonly delayMs: number;
  /** Keep the main thread busy this long before ending, while answers arrive. */
  readonly busyMs: number;
}

export const lastLine = 'the end';

/** What this program started that is still running: every worker it tracks, every process below it. */
function stillRunning(): string[] {
  return [...stillAlive(), ...(descendantsOf()?.map(({ pid }) => `process ${pid}`) ?? [])];
}

/**
 * The main thread is busy on purpose, as in a long computation: answers arrive meanwhile, and wait. It is
 * blocked, not spinning: to the event loop the two are the same (nothing runs until it returns), but a
 * spin took a core from the programs and children running beside it (liveness.spec alone: about 3 s of CPU).
 */
function busy(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function dispose(pool: Pool): Promise<void> {
  // `await using` is syntax from Node 24 on; on Node 22 the same call is made by hand.
  if (Number(process.versions.node.split('.')[0]) >= 24) await (await import('./await-using.ts')).disposeByUsing(pool);
  else await pool[Symbol.asyncDispose]();
}

async function withPool(impl: Implementations, scenario: Scenario): Promise<void> {
  const pool = new impl[scenario.backend as 'Pool' | 'ThreadPool'](scenario.size);
  if (scenario.warm) await pool.map(performTask, [{ behaviour: 'succeed', value: 0, ms: 0 }]);
  const mapped = pool.map(performTask, scenario.acts, { chunksize: scenario.chunksize });
  mapped.catch(() => {});
  if (scenario.when === 'settled') await mapped.catch(() => {});
  else await sleep(scenario.delayMs);
  busy(scenario.busyMs);
  if (scenario.ending === 'terminate') await pool.terminate();
  if (scenario.ending === 'await-using') await dispose(pool);
  if (scenario.ending === 'close-join') {
    pool.close();
    await pool.join();
    // Python's join waits for the workers to exit: so must ours.
    const left = stillRunning();
    if (left.length > 0) console.log(`still running after join: ${left.join(', ')}`);
  }
}

async function withRunnables(impl: Implementations, scenario: Scenario): Promise<void> {
  const runnables = scenario.acts.map((act) => new impl[scenario.backend as 'Process' | 'Thread'](performTask, [act]));
  for (const runnable of runnables) runnable.start();
  const joined = () => Promise.all(runnables.map((runnable) => runnable.join().catch(() => {})));
  if (scenario.when === 'settled') await joined();
  else await sleep(scenario.delayMs);
  busy(scenario.busyMs);
  if (scenario.ending === 'terminate') await Promise.all(runnables.map((runnable) => runnable.terminate()));
  if (scenario.ending === 'join') await joined();
}

/** Runs the scenario with the given implementations, then prints the last line. */
export async function runScenario(impl: Implementations, scenario: Scenario): Promise<void> {
  if (scenario.backend === 'Pool' || scenario.backend === 'ThreadPool') await withPool(impl, scenario);
  else await withRunnables(impl, scenario);
  console.log(lastLine);
}
