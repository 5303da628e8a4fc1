/** What the document leaves out: bad input gets a clear error, and a failing child never hangs join or map. */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { TaskError } from '../src/errors.ts';
import { Pool, PoolMapError } from '../src/pool.ts';
import { Process } from '../src/process.ts';
import { taskRef } from '../src/task.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { Coordinator } from './support/coordinator.ts';
import { boundFor, nothingLeft, settlesWithin } from './support/settles.ts';
import {
  type Act,
  missingExportTask,
  performTask,
  returnsAFunctionTask,
  throwsAfterReturningTask,
  throwsAStringTask,
  throwsLaterTask,
} from './tasks/faults.ts';
import { poolItemTask } from './tasks/rendezvous.ts';

const act: fc.Arbitrary<Act> = fc.record({
  behaviour: fc.constantFrom('succeed', 'succeed', 'throw', 'exit', 'kill'),
  value: fc.integer({ min: 1, max: 99 }),
  ms: fc.integer({ min: 0, max: 30 }),
});

describe('Bad input gets a clear error', () => {
  it.prop([fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY))])(
    'a Pool size that is not a positive integer is refused, naming the value',
    (size) => {
      expect(() => new Pool(size)).toThrow(new RangeError(`Pool size must be a positive integer, got ${String(size)}`));
    },
  );

  it('map on a closed or terminated pool is refused, and so is map without a task or items', async () => {
    const closed = new Pool(1);
    closed.close();
    await expect(closed.map(performTask, [])).rejects.toThrow('Cannot map on a closed pool; make a new one');
    const terminated = new Pool(1);
    await terminated.terminate();
    await expect(terminated.map(performTask, [])).rejects.toThrow('Cannot map on a terminated pool');
    const pool = new Pool(1);
    try {
      await expect(pool.map(undefined as never, [])).rejects.toThrow(/map needs a task reference made by taskRef/);
      await expect(pool.map(performTask, 3 as never)).rejects.toThrow('map needs an iterable of items, got 3');
      await expect(pool.join()).rejects.toThrow('Call close() or terminate() before join()');
      await expect(pool.map(performTask, [])).resolves.toEqual([]);
      pool.close();
      pool.close();
      await pool.join();
    } finally {
      await pool[Symbol.asyncDispose]();
    }
  });

  it('a task module that does not exist, or is not a file: URL, is refused at the door', () => {
    expect(() => taskRef(new URL('./tasks/no-such-module.ts', import.meta.url), 'download')).toThrow(/Task module file:.*no-such-module\.ts does not exist/);
    expect(() => taskRef('./tasks/faults.ts', 'perform')).toThrow(/must be a file: URL/);
    expect(() => taskRef(import.meta.url, 'not a name')).toThrow(/must be the name of an exported function/);
  });

  it('an export that does not exist fails join and map with the names of the exports that do', async () => {
    const child = new Process(missingExportTask, [1]);
    child.start();
    const failure = await child.join().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskError);
    expect((failure as Error).message).toMatch(
      /noSuchTask\(1\) from faults\.ts failed: .*has no exported function named "noSuchTask"; its exported functions are: .*perform/,
    );
    expect(child.exitCode).toBe(1);
    const pool = new Pool(1);
    try {
      await expect(pool.map(missingExportTask, [1])).rejects.toThrow(PoolMapError);
    } finally {
      await pool[Symbol.asyncDispose]();
    }
  });

  it('start twice, join before start, and arguments that cannot be sent are refused', async () => {
    const child = new Process(performTask, [{ behaviour: 'succeed', value: 1 }]);
    await expect(child.join()).rejects.toThrow('can only join a process that was started; call start() first');
    child.start();
    expect(() => child.start()).toThrow('a process can only be started once');
    await child.join();
    const unsendable = new Process(performTask, [{ behaviour: 'succeed', value: () => 1 } as never]);
    unsendable.start();
    await expect(unsendable.join()).rejects.toThrow(/could not be sent to process \d+/);
    expect(() => new Process(performTask, 'x' as never)).toThrow('Process args must be an array, got string');
  });
});

describe("A failing task never hangs join or map, and never loses another task's result", () => {
  it.prop([act], { numRuns: 12 })("join settles with the task's error, its stack and cause, or how its process ended", async (each) => {
    const child = new Process(performTask, [each]);
    child.start();
    const failure = await settlesWithin(child.join(), await boundFor([each.ms ?? 0]), 'join').then(
      () => undefined,
      (error: unknown) => error as TaskError,
    );
    if (each.behaviour === 'succeed') {
      expect(failure).toBeUndefined();
      expect(child.exitCode).toBe(0);
      return;
    }
    expect(failure).toBeInstanceOf(TaskError);
    expect(failure?.call).toContain('perform(');
    if (each.behaviour === 'throw') {
      // The child's own error, as Python re-raises it: its name, message, stack and cause.
      expect(failure?.message).toContain(`failed: download ${each.value} failed`);
      const cause = failure?.cause as Error;
      expect(cause.name).toBe('DownloadFailed');
      expect(cause.stack).toContain('faults.ts');
      expect((cause.cause as Error).message).toBe('connection reset');
      expect(child.exitCode).toBe(1);
    } else if (each.behaviour === 'exit') {
      expect(failure?.message).toMatch(new RegExp(`did not finish: process \\d+ exited with code ${each.value}`));
      expect(child.exitCode).toBe(each.value);
    } else {
      expect(failure?.message).toMatch(/did not finish: process \d+ was killed by SIGKILL/);
      expect(child.exitCode).toBeNull();
    }
  });

  it.prop([fc.integer({ min: 1, max: 3 }), fc.array(act, { minLength: 1, maxLength: 8 })], { numRuns: 10 })(
    'map settles once every task has ended, keeps every outcome in order, and the pool goes on working',
    async (size, acts) => {
      const pool = new Pool(size);
      try {
        const bound = await boundFor(acts.map((each) => each.ms ?? 0));
        const outcome = await settlesWithin(pool.map(performTask, acts), bound, 'map').then(
          (values) => ({ values }),
          (error: unknown) => ({ error: error as PoolMapError }),
        );
        const failing = acts.filter((each) => each.behaviour !== 'succeed').length;
        if (failing === 0) {
          expect(outcome).toEqual({ values: acts.map((each) => each.value) });
        } else {
          expect('error' in outcome && outcome.error).toBeInstanceOf(PoolMapError);
          const { outcomes, errors } = (outcome as { error: PoolMapError }).error;
          expect(errors).toHaveLength(failing);
          acts.forEach((each, item) => {
            const settled = outcomes[item];
            if (each.behaviour === 'succeed') expect(settled).toEqual({ status: 'fulfilled', value: each.value });
            else expect(settled).toMatchObject({ status: 'rejected', reason: { item } });
          });
        }
        // Dead runners were replaced: the same pool still maps.
        await expect(pool.map(performTask, [{ behaviour: 'succeed', value: 7 }])).resolves.toEqual([7]);
      } finally {
        await pool.terminate();
      }
      await nothingLeft();
    },
  );

  it('a thrown value that is not an Error, and a module with no function to run, still fail clearly', async () => {
    const child = new Process(throwsAStringTask, []);
    child.start();
    await expect(child.join()).rejects.toThrow('throwsAString() from faults.ts failed: a non-Error value was thrown: a string, not an Error');
    const empty = new Process(taskRef<() => void>(new URL('./tasks/no-functions.ts', import.meta.url), 'nothingToRun'), []);
    empty.start();
    await expect(empty.join()).rejects.toThrow(/has no exported function named "nothingToRun"; its exported functions are: \(none\)/);
  });

  it('an error thrown after the task returned ends its process with code 1, as in Python, without failing the task', async () => {
    const child = new Process(throwsAfterReturningTask, []);
    child.start();
    await child.join();
    expect(child.exitCode).toBe(1);
  });

  it("a result that cannot be sent back, or an error thrown outside the task's promise, fails that task", async () => {
    const pool = new Pool(1);
    try {
      const unsendable = (await pool.map(returnsAFunctionTask, [1]).catch((error: PoolMapError) => error.errors[0])) as Error;
      expect(unsendable.message).toMatch(/the task's result cannot be sent to the parent/);
      const child = new Process(throwsLaterTask, ['thrown from a timer']);
      child.start();
      await expect(child.join()).rejects.toThrow(/failed: thrown from a timer/);
    } finally {
      await pool[Symbol.asyncDispose]();
    }
  });

  it.each([
    { name: 'Pool', make: () => new Pool(1) },
    { name: 'ThreadPool', make: () => new ThreadPool(1) },
  ])('terminate during a map settles that map with an error, never leaves it pending ($name)', async ({ make }) => {
    const coordinator = await Coordinator.open();
    try {
      const pool = make();
      const items = ['held', 'queued'].map((id) => ({ address: coordinator.address, id }));
      const mapped = pool.map(poolItemTask, items).catch((error: unknown) => error as PoolMapError);
      await coordinator.until(() => coordinator.live.has('held'), 'the first task to start', 10_000);
      await pool.terminate();
      const failure = await mapped;
      expect(failure).toBeInstanceOf(PoolMapError);
      expect((failure as PoolMapError).errors.map((error) => error.message)).toEqual([
        expect.stringMatching(/\(item 0\) did not finish: (process \d+ was killed by SIGKILL|thread \d+ of process \d+ was killed by terminate\(\))/),
        expect.stringMatching(/\(item 1\) never ran: the pool was terminated/),
      ]);
      await expect(pool.map(poolItemTask, items)).rejects.toThrow('Cannot map on a terminated pool; make a new one');
    } finally {
      await coordinator.close();
    }
    await nothingLeft();
  });

  it('close, then join, lets every runner finish its work and leave', async () => {
    const closing = new Pool(2);
    await expect(closing.map(performTask, [{ behaviour: 'succeed', value: 5 }])).resolves.toEqual([5]);
    closing.close();
    await closing.join();
    await nothingLeft();
  });
});
