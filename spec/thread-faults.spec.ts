/** Threads fail as processes do, and must not hang either: a thrown error, an exit, a module that cannot load. */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { TaskError } from '../src/errors.ts';
import type { PoolMapError } from '../src/pool.ts';
import { taskRef } from '../src/task.ts';
import { Thread } from '../src/thread.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { boundFor, nothingLeft, settlesWithin } from './support/settles.ts';
import { type Act, exhaustsMemoryTask, performTask, waitsForeverTask } from './tasks/faults.ts';

// Not 'kill': a signal sent from a worker thread would kill the whole process, this test run included.
const act: fc.Arbitrary<Act> = fc.record({
  behaviour: fc.constantFrom('succeed', 'succeed', 'throw', 'exit'),
  value: fc.integer({ min: 1, max: 99 }),
  ms: fc.integer({ min: 0, max: 30 }),
});

describe('A failing thread never hangs join or map', () => {
  it.prop([act], { numRuns: 12 })("join settles with the task's error and stack, or how its thread ended", async (each) => {
    const thread = new Thread(performTask, [each]);
    thread.start();
    const failure = await settlesWithin(thread.join(), await boundFor([each.ms ?? 0]), 'join').then(
      () => undefined,
      (error: unknown) => error as TaskError,
    );
    if (each.behaviour === 'succeed') {
      expect(failure).toBeUndefined();
      return;
    }
    expect(failure).toBeInstanceOf(TaskError);
    if (each.behaviour === 'throw') {
      expect(failure?.message).toContain(`failed: download ${each.value} failed`);
      expect(((failure as TaskError).cause as Error).stack).toContain('faults.ts');
    } else {
      expect(failure?.message).toMatch(new RegExp(`did not finish: thread ${thread.threadId} of process \\d+ exited with code ${each.value}`));
    }
  });

  it.prop([fc.integer({ min: 1, max: 3 }), fc.array(act, { minLength: 1, maxLength: 8 })], { numRuns: 10 })(
    'ThreadPool.map keeps every outcome in order, and the pool replaces a thread that exited',
    async (size, acts) => {
      const pool = new ThreadPool(size);
      try {
        const bound = await boundFor(acts.map((each) => each.ms ?? 0));
        const outcomes = await settlesWithin(pool.map(performTask, acts), bound, 'map').then(
          (values) => values.map((value) => ({ status: 'fulfilled', value })),
          (error: PoolMapError) => error.outcomes,
        );
        acts.forEach((each, item) => {
          if (each.behaviour === 'succeed') expect(outcomes[item]).toEqual({ status: 'fulfilled', value: each.value });
          else expect(outcomes[item]).toMatchObject({ status: 'rejected', reason: { item } });
        });
        await expect(pool.map(performTask, [{ behaviour: 'succeed', value: 7 }])).resolves.toEqual([7]);
      } finally {
        await pool.terminate();
      }
      await nothingLeft();
    },
  );

  it('a thread that exceeds its memory limit ends alone, and join says why; the process goes on', async () => {
    const thread = new Thread(exhaustsMemoryTask, [], { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    thread.start();
    await expect(thread.join()).rejects.toThrow(/did not finish: thread \d+ of process \d+ exited with code 1: .*memory limit/);
  });

  it('a Thread needs a task reference and an array of arguments', () => {
    expect(() => new Thread(undefined as never)).toThrow('A Thread target must be a task reference made by taskRef(moduleUrl, exportName), got undefined');
    expect(() => new Thread(waitsForeverTask, {} as never)).toThrow('Thread args must be an array, got object');
  });

  it('a task module that throws at load fails join with that error', async () => {
    const thread = new Thread(taskRef(new URL('./tasks/broken-at-load.ts', import.meta.url), 'neverRuns'), []);
    thread.start();
    await expect(thread.join()).rejects.toThrow(/neverRuns\(\) from broken-at-load\.ts failed: this module is broken at load/);
  });

  it.prop([fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }))])('a ThreadPool size that is not a positive integer is refused', (size) => {
    expect(() => new ThreadPool(size)).toThrow(`ThreadPool size must be a positive integer, got ${String(size)}`);
  });
});
