/**
 * A failure's id (claims/failures.ts) is what a lesson tells a learner's mistake by: it must reach the
 * judge whatever wraps the error (an assertion's, fast-check's, a hang's bound), and cross from a judged
 * thread, as data beside its words, which stay as a reader sees them.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureIds, KnownFailure, tagged } from '../claims/failures.ts';
import { mutualExclusion } from '../claims/properties/schedules.ts';
import { explored } from '../claims/support/every-schedule.ts';
import { BoundExceeded, settlesWithin } from '../claims/support/settles.ts';

describe('A failure carries its id to the judge', () => {
  it('a tagged assertion keeps its message, and carries the id and what it judged', () => {
    const judged = new KnownFailure('runner.reused-after-end', 'Runner 1 has ended');
    let thrown: unknown;
    try {
      tagged('map.succeeded-item-failed', () => expect(1, 'item 0, whose task succeeded').toBe(2), judged);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toMatch(/^item 0, whose task succeeded: expected 1 to be 2/);
    expect(failureIds(thrown)).toEqual(['map.succeeded-item-failed', 'runner.reused-after-end']);
    expect(Object.keys(thrown as object)).not.toContain('failureId');
  });

  it('through causes and gathered errors, as fast-check wraps a property', async () => {
    const inner = new KnownFailure('runner.reused-after-end', 'Runner 1 has ended');
    const outer = new KnownFailure('map.errors-name-no-item', "map's errors that name no item", { cause: new AggregateError([new Error('other'), inner]) });
    expect(failureIds(outer)).toEqual(['map.errors-name-no-item', 'runner.reused-after-end']);
    const failing = fc.asyncProperty(fc.constant(0), async () => {
      throw outer;
    });
    const wrapped = await fc.assert(failing, { numRuns: 1 }).catch((error: unknown) => error);
    expect(failureIds(wrapped)).toEqual(['map.errors-name-no-item', 'runner.reused-after-end']);
  });

  it("a hang's bound carries the id it is given, and none unless given", async () => {
    const hung = await settlesWithin(new Promise(() => {}), 10, 'map', 'map.never-settled').catch((error: unknown) => error);
    expect(hung).toBeInstanceOf(BoundExceeded);
    expect(failureIds(hung)).toEqual(['map.never-settled']);
    expect(failureIds(await settlesWithin(new Promise(() => {}), 10, 'map').catch((error: unknown) => error))).toEqual([]);
  });

  it("a judged thread's error crosses to the scheduler as data: its words as a reader sees them, and its id", async () => {
    const checkThenSet = { module: new URL('../claims/counter-models/locks.ts', import.meta.url).href, name: 'CheckThenSetLock' };
    const found = await explored(mutualExclusion.setup(checkThenSet, { holders: 2, rounds: 1, timeoutMs: undefined }));
    expect(found?.failureId).toBe('lock.two-holders');
    const failed = found?.execution.errors.find((error) => error !== undefined);
    expect(failed).toEqual({ text: 'Error: two threads held the lock at once', failureId: 'lock.two-holders' });
    expect(found?.fault).toMatch(/^thread \d: Error: two threads held the lock at once$/);
  });
});
