/** The document's "Process" section and its Ping/Pong: the properties, for any implementation of Process. */
import process from 'node:process';
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { counter, subTaskRef } from '../../src/tasks/ping-pong.ts';
import { tagged } from '../failures.ts';
import { claimProperty } from '../property.ts';
import { spawnCost, spawnCostNow } from '../support/bounds.ts';
import { downloadAtOnce, downloads, linesOf, type RunnableClass, type RunnableLike, startAndJoin } from './runnables.ts';

export interface ProcessLike extends RunnableLike {
  readonly pid: number | undefined;
}

/** join waited for every task: a total from start to join is never shorter than the slowest task. */
export function expectJoinWaited(total: number, durations: readonly number[]): void {
  expect(total, 'the total, from start to join').toBeGreaterThanOrEqual(Math.max(...durations));
}

/** Every process printed a pid of its own. */
export function expectOwnPids(reported: readonly (number | undefined)[]): void {
  expect(new Set(reported).size, 'two processes reported the same pid').toBe(reported.length);
  expect(reported, "a process reported its parent's pid").not.toContain(process.pid);
}

/** Each word was printed `limit` times: every process counted on a counter of its own. */
export function expectOwnCounts(lines: readonly string[], words: readonly string[], limit: number): void {
  for (const word of words)
    expect(
      lines.filter((line) => line === word),
      `lines of ${word}`,
    ).toHaveLength(limit);
  expect(lines).toHaveLength(words.length * limit);
}

export const processConcurrent = claimProperty({
  judges: ['Process'],
  claim: 'process.concurrent',
  arbitraries: [downloads],
  numRuns: 10,
  check: (Impl: RunnableClass<ProcessLike>, thisCase) => async (durations: number[]) => {
    const { total, startup, endedBeforeRelease, endedAfterJoin } = await downloadAtOnce(Impl, durations, await thisCase.bound());
    tagged('start.waited', () => expect(endedBeforeRelease, 'a download ended before all had started').toBe(0));
    // join waited for every download: deterministic, whatever the load.
    const slowest = Math.max(...durations);
    tagged('join.returned-early', () => expect(endedAfterJoin, 'downloads ended when join returned').toBe(durations.length));
    expectJoinWaited(total, durations);
    // About the slowest, not the sum. On top of the slowest download, allow twice what this very run
    // took to bring every child to the rendezvous (its start-up, under whatever load there is now), and
    // every child a full start-and-join (measured in this file) for its exit. A margin fixed once per
    // file was not enough: 1 run in 50 failed while other test runs loaded the machine. Nor is a cost
    // measured before the run, when the load rises after the rendezvous (1 run of the whole spec in 20,
    // under npm run test:stress): a run over the margin is judged again with a child's cost measured now,
    // by our own Process, so that only the machine's load, never the judged implementation, can widen it.
    const marginFor = (cost: number) => 2 * startup + durations.length * cost;
    let margin = marginFor(await spawnCost());
    if (total > slowest + margin) margin = marginFor(Math.max(await spawnCost(), await spawnCostNow()));
    expect(total).toBeLessThanOrEqual(slowest + margin);
    const sum = durations.reduce((a, b) => a + b, 0);
    if (sum - slowest > margin) expect(total).toBeLessThan(sum);
  },
});

export const processOwnPid = claimProperty({
  judges: ['Process'],
  claim: 'process.own-pid',
  arbitraries: [downloads],
  numRuns: 10,
  check: (Impl: RunnableClass<ProcessLike>, thisCase) => async (durations: number[]) => {
    const { runners, printed } = await downloadAtOnce(Impl, durations, await thisCase.bound());
    // What each child printed, as in the document's transcript: `start process，process id = [17152].`
    const reported = printed.map((text) => Number(/process id = \[(\d+)\]/.exec(text)?.[1]));
    tagged('process.wrong-pid', () => {
      expect(reported, "the pid each child printed (process id = [...]), against each Process's pid").toEqual(runners.map((runner) => runner.pid));
      expectOwnPids(reported);
    });
  },
});

export const pingPongWords = fc.uniqueArray(fc.constantFrom('Ping', 'Pong', 'Pang', 'Pung'), { minLength: 1, maxLength: 4 });
export const pingPongLimits = fc.integer({ min: 1, max: 12 });

/** Runs the document's `sub_task` once per word, each in its own runner, and returns every line printed. */
export async function pingPong(Impl: RunnableClass, words: readonly string[], limit: number): Promise<string[]> {
  let printed = '';
  const runners = words.map((word) => new Impl(subTaskRef, [word, limit, 1], { onStdout: (chunk: string) => (printed += chunk) }));
  await startAndJoin(runners);
  return linesOf(printed);
}

export const processNoSharedCounter = claimProperty({
  judges: ['Process'],
  claim: 'process.no-shared-counter',
  arbitraries: [pingPongWords, pingPongLimits],
  numRuns: 10,
  check: (Impl: RunnableClass) => async (words: string[], limit: number) => {
    // As it was before the run, rather than 0: spec files share one module graph (vitest.config.ts),
    // and a counter-model that runs its target in this process has moved it for good.
    const before = counter;
    expectOwnCounts(await pingPong(Impl, words, limit), words, limit);
    expect(counter, "the parent's counter").toBe(before);
  },
});
