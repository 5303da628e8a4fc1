/**
 * Why the lock matters, step by step: the model in src/deposit-model.ts explores how deposits can
 * interleave. Exhaustively for up to 3 deposits; beyond that, fast-check generates schedules and
 * shrinks a failing one to the smallest story a reader can follow.
 */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { describeRun, everySchedule, runSchedule } from '../src/deposit-model.ts';

const ones = (count: number) => Array.from({ length: count }, () => 1);

describe('Thread: the interleavings behind the lock (a model)', () => {
  it.each([1, 2, 3])('lock.lost-update: (model) among every schedule of %i deposits of ¥1 without the lock, some lose an update', (count) => {
    const runs = [...everySchedule(ones(count), false)];
    const lost = runs.filter((run) => run.balance < run.expected);
    // (2N)! / 2^N interleavings of read-then-write programs: 1, 6, 90.
    expect(runs).toHaveLength([1, 6, 90][count - 1] as number);
    expect(lost.length > 0).toBe(count > 1);
  });

  it.each([1, 2, 3])('lock.exact-balance: (model) with the lock, not one schedule of %i deposits loses an update', (count) => {
    const runs = [...everySchedule(ones(count), true)];
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run.balance, describeRun(run)).toBe(run.expected);
  });

  const depositCounts = fc.integer({ min: 2, max: 8 });
  const schedules = fc.array(fc.nat({ max: 7 }), { maxLength: 40 });

  it.prop([depositCounts, schedules])('lock.exact-balance: (model) with the lock, every generated schedule of up to 8 deposits leaves the sum', (count, choices) => {
    const run = runSchedule(ones(count), true, choices);
    expect(run.balance).toBe(run.expected);
  });

  it('lock.lost-update: (model) without the lock, the smallest lost update fast-check finds is read, read, write, write', () => {
    const details = fc.check(
      fc.property(depositCounts, schedules, (count, choices) => {
        const run = runSchedule(ones(count), false, choices);
        return run.balance === run.expected;
      }),
      // A fixed seed, so that the story printed is the same on every run. The claim does not rest on it:
      // over seeds 0 to 499, 499 shrink to this very story; one stops at a three-deposit schedule, a
      // local minimum of the shrinker (removing a deposit changes what the remaining choices pick).
      { seed: 42 },
    );
    expect(details.failed).toBe(true);
    const [count, choices] = details.counterexample as [number, number[]];
    const run = runSchedule(ones(count), false, choices);
    console.log(`The smallest lost update, after ${details.numShrinks} shrinks: ${describeRun(run)}`);
    expect(count).toBe(2);
    expect(run.steps.map((each) => each.action)).toEqual(['read', 'read', 'write', 'write']);
    expect(run.balance).toBe(1);
    expect(run.expected).toBe(2);
  });
});
