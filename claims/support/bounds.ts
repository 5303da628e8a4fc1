import { Process } from '../../src/process.ts';
import { whoAmITask } from '../tasks/rendezvous.ts';

let measured: Promise<number> | undefined;

/** Each spec file measures afresh, and starts unhung (spec/support/measure-per-file.ts): the files share one module graph, not one load. */
export function forgetSpawnCost(): void {
  measured = undefined;
  hungBefore = undefined;
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

/** The test of this spec file that failed by a hang, if one did (see `boundFor`). */
let hungBefore: string | undefined;

/** Called by spec/support/no-leaks.ts after a test that failed by a hang: the file's later bounds are shortened. */
export function noteHang(test: string): void {
  hungBefore ??= test;
}

/** Why this file's bounds are shortened, if they are: said with every hang that followed. */
export function shortenedBecause(): string | undefined {
  return hungBefore === undefined ? undefined : `the bound is shortened: "${hungBefore}" hung before, in this spec file`;
}

/**
 * The one bound for anything the spec waits for (a rendezvous, a join, a map, a program's end): the
 * tasks' own durations run one after another, plus twenty times what starting a runner costs here and
 * now for each runner (one per task unless told), plus five seconds. A correct implementation settles
 * far sooner; one that hangs never does, and fails here, naming what it waited for.
 *
 * Once a test of the file has failed by a hang, the run has failed, and the file's later waits are most
 * likely the same hang: each is then given four times the cost per runner and one second, not twenty and
 * five, so that a broken implementation fails the file within a minute rather than a bound per test.
 */
export async function boundFor(durationsMs: readonly number[] = [0], runners = Math.max(1, durationsMs.length)): Promise<number> {
  if (hungBefore !== undefined) return shortBoundFor(durationsMs, runners);
  const work = durationsMs.reduce((a, b) => a + b, 0);
  return work + 20 * runners * (await spawnCost()) + 5_000;
}

/** The shortened bound (`boundFor` once its file has hung): the tasks' durations, four times the cost per runner, and a second. */
export async function shortBoundFor(durationsMs: readonly number[] = [0], runners = Math.max(1, durationsMs.length)): Promise<number> {
  const work = durationsMs.reduce((a, b) => a + b, 0);
  return work + 4 * runners * (await spawnCost()) + 1_000;
}
