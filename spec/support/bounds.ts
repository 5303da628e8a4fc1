import { Process } from '../../src/process.ts';
import { whoAmITask } from '../tasks/rendezvous.ts';

let measured: Promise<number> | undefined;

/** Each spec file measures afresh (spec/support/measure-per-file.ts): the files share one module graph, not one load. */
export function forgetSpawnCost(): void {
  measured = undefined;
}

/**
 * How long starting and joining one trivial child takes here and now: the slowest of three tries,
 * measured once per spec file. The quantitative halves of the process claims allow for this cost,
 * measured under the same load they run in.
 */
export function spawnCost(): Promise<number> {
  measured ??= spawnCostNow();
  return measured;
}

/** The same, measured afresh: the load may have changed since the file measured it. */
export async function spawnCostNow(): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const child = new Process(whoAmITask, [undefined]);
    child.start();
    await child.join();
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

/**
 * The one bound for anything the spec waits for (a rendezvous, a join, a map, a program's end): the
 * tasks' own durations run one after another, plus twenty times what starting a runner costs here and
 * now for each runner, plus five seconds. A correct implementation settles far sooner; one that hangs
 * never does, and fails here, naming what it waited for.
 */
export async function boundFor(durationsMs: readonly number[] = [0]): Promise<number> {
  const work = durationsMs.reduce((a, b) => a + b, 0);
  return work + 20 * Math.max(1, durationsMs.length) * (await spawnCost()) + 5_000;
}
