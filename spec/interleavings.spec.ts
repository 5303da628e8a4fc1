/**
 * Why the lock matters, step by step: the model in src/deposit-model.ts explores how deposits can
 * interleave. Exhaustively for up to 3 deposits; beyond that, fast-check generates schedules and
 * shrinks a failing one to the smallest story a reader can follow.
 */
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { describeRun, everySchedule, runSchedule, withLock, withoutLock } from '../src/deposit-model.ts';
import { modelExactBalance, ones } from './properties/model.ts';
import { specify } from './support/specify.ts';

describe('Thread: the interleavings behind the lock (a model)', () => {
  it.each([1, 2, 3])('lock.lost-update: (model) among every schedule of %i deposits of ¥1 without the lock, some lose an update', (count) => {
    const runs = [...everySchedule(ones(count), withoutLock)];
    const lost = runs.filter((run) => run.balance < run.expected);
    // (2N)! / 2^N interleavings of read-then-write programs: 1, 6, 90.
    expect(runs).toHaveLength([1, 6, 90][count - 1] as number);
    expect(lost.length > 0).toBe(count > 1);
  });

  it.each([1, 2, 3])('lock.exact-balance: (model) with the lock, not one schedule of %i deposits loses an update', (count) => {
    const runs = [...everySchedule(ones(count), withLock)];
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run.balance, describeRun(run)).toBe(run.expected);
  });

  specify(modelExactBalance, withLock);

  it('lock.lost-update: (model) without the lock, the smallest lost update fast-check finds is read, read, write, write', () => {
    const details = fc.check(
      fc.property(...modelExactBalance.arbitraries, (count, choices) => {
        const run = runSchedule(ones(count), withoutLock, choices);
        return run.balance === run.expected;
      }),
      // A fixed seed, so that the story printed is the same on every run. The claim does not rest on it:
      // over seeds 0 to 499, 499 shrink to this very story; one stops at a three-deposit schedule, a
      // local minimum of the shrinker (removing a deposit changes what the remaining choices pick).
      { seed: 42 },
    );
    expect(details.failed).toBe(true);
    const [count, choices] = details.counterexample as [number, number[]];
    const run = runSchedule(ones(count), withoutLock, choices);
    console.log(`The smallest lost update, after ${details.numShrinks} shrinks: ${describeRun(run)}`);
    expect(count).toBe(2);
    expect(run.steps.map((each) => each.action)).toEqual(['read', 'read', 'write', 'write']);
    expect(run.balance).toBe(1);
    expect(run.expected).toBe(2);
  });
});
