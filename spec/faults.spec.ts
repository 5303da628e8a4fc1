/**
 * What the document leaves out: a failing task never hangs join or map, and never loses another task's
 * result. Each property runs over both backends, processes and threads, as Python's Pool and ThreadPool share one contract.
 */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { TaskError } from '../src/errors.ts';
import { Pool } from '../src/pool.ts';
import { Process } from '../src/process.ts';
import { taskRef } from '../src/task.ts';
import { Thread } from '../src/thread.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { boundFor } from './support/bounds.ts';
import { Coordinator } from './support/coordinator.ts';
import { outcomesOf } from './support/outcomes.ts';
import { nothingLeft, settlesWithin } from './support/settles.ts';
import {
  type Act,
  type Behaviour,
  exhaustsMemoryTask,
  missingExportTask,
  performTask,
  returnsAFunctionTask,
  throwsAfterReturningTask,
  throwsAStringTask,
  throwsLaterTask,
} from './tasks/faults.ts';
import { poolItemTask } from './tasks/rendezvous.ts';

const backends = [
  { name: 'processes', Runnable: Process, Pool, ended: 'process \\d+', behaviours: ['succeed', 'succeed', 'throw', 'exit', 'kill'] as Behaviour[] },
  // No 'kill' for threads: a signal sent from a worker thread would kill the whole process, this test run included.
  {
    name: 'threads',
    Runnable: Thread,
    Pool: ThreadPool,
    ended: 'thread \\d+ of process \\d+',
    behaviours: ['succeed', 'succeed', 'throw', 'exit'] as Behaviour[],
  },
];

const actOf = (behaviours: Behaviour[]): fc.Arbitrary<Act> =>
  fc.record({ behaviour: fc.constantFrom(...behaviours), value: fc.integer({ min: 1, max: 99 }), ms: fc.integer({ min: 0, max: 30 }) });

describe.each(backends)("A failing task never hangs join or map, and never loses another task's result ($name)", ({ Runnable, Pool, ended, behaviours }) => {
  it.prop([actOf(behaviours)], { numRuns: 12 })("join settles with the task's error, its stack and cause, or how its runner ended", async (act) => {
    const runnable = new Runnable(performTask, [act]);
    runnable.start();
    const failure = await settlesWithin(runnable.join(), await boundFor([act.ms ?? 0]), 'join').then(
      () => undefined,
      (error: unknown) => error as TaskError,
    );
    if (act.behaviour === 'succeed') {
      expect(failure).toBeUndefined();
      expect(runnable.exitCode).toBe(0);
      return;
    }
    expect(failure).toBeInstanceOf(TaskError);
    expect(failure?.call).toContain('perform(');
    if (act.behaviour === 'throw') {
      // The child's own error, as Python re-raises it: its name, message, stack and cause.
      expect(failure?.message).toContain(`failed: download ${act.value} failed`);
      const cause = failure?.cause as Error;
      expect(cause.name).toBe('DownloadFailed');
      expect(cause.stack).toContain('faults.ts');
      expect((cause.cause as Error).message).toBe('connection reset');
      expect(runnable.exitCode).toBe(1);
    } else if (act.behaviour === 'exit') {
      expect(failure?.message).toMatch(new RegExp(`did not finish: ${ended} exited with code ${act.value}`));
      expect(runnable.exitCode).toBe(act.value);
    } else {
      expect(failure?.message).toMatch(new RegExp(`did not finish: ${ended} was killed by SIGKILL`));
      expect(runnable.exitCode).toBeNull();
    }
  });

  it.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.array(actOf(behaviours), { minLength: 1, maxLength: 10 })], { numRuns: 12 })(
    'map settles once every task has ended, each item keeps its own outcome in input order, and a runner that dies fails only its own chunk',
    async (size, chunksize, acts) => {
      const pool = new Pool(size);
      try {
        const bound = await boundFor(acts.map((each) => each.ms ?? 0));
        const { values, errors } = await outcomesOf(settlesWithin(pool.map(performTask, acts, { chunksize }), bound, 'map'));
        expect(values).toHaveLength(acts.length);
        for (const [item, act] of acts.entries()) {
          const first = item - (item % chunksize);
          const diedInChunk = acts.slice(first, first + chunksize).some((other) => other.behaviour === 'exit' || other.behaviour === 'kill');
          const error = errors.find((each) => each.item === item);
          if (diedInChunk) expect(error?.message).toMatch(new RegExp(`\\(item ${item}\\) did not finish: ${ended} (exited with code|was killed)`));
          else if (act.behaviour === 'throw') expect(error?.message).toContain(`(item ${item}) failed: download ${act.value} failed`);
          else expect({ value: values[item], error }).toEqual({ value: act.value, error: undefined });
        }
        // Dead runners were replaced: the same pool still maps, in chunks too.
        const again = [1, 2, 3].map((value) => ({ behaviour: 'succeed', value }) as const);
        await expect(pool.map(performTask, again, { chunksize: 2 })).resolves.toEqual([1, 2, 3]);
      } finally {
        await pool.terminate();
      }
      await nothingLeft();
    },
  );

  it('an export that does not exist fails join and every item of map, naming the exports that do', async () => {
    const runnable = new Runnable(missingExportTask, [1]);
    runnable.start();
    await expect(runnable.join()).rejects.toThrow(
      /noSuchTask\(1\) from faults\.ts failed: .*has no exported function named "noSuchTask"; its exported functions are: .*perform/,
    );
    expect(runnable.exitCode).toBe(1);
    const pool = new Pool(2);
    try {
      const { errors } = await outcomesOf(pool.map(missingExportTask, [1, 2, 3, 4, 5], { chunksize: 2 }));
      expect(errors.map((error) => error.item)).toEqual([0, 1, 2, 3, 4]);
      for (const error of errors) expect(error.message).toMatch(/noSuchTask\(\d\) from faults\.ts \(item \d\) failed: .*has no exported function/);
    } finally {
      await pool.terminate();
    }
  });

  it('a task module that throws at load fails join with that error', async () => {
    const runnable = new Runnable(taskRef(new URL('./tasks/broken-at-load.ts', import.meta.url), 'neverRuns'), []);
    runnable.start();
    await expect(runnable.join()).rejects.toThrow(/neverRuns\(\) from broken-at-load\.ts failed: this module is broken at load/);
  });

  it('a thrown value that is not an Error, and a module with no function to run, still fail clearly', async () => {
    const thrower = new Runnable(throwsAStringTask, []);
    thrower.start();
    await expect(thrower.join()).rejects.toThrow('throwsAString() from faults.ts failed: a non-Error value was thrown: a string, not an Error');
    const empty = new Runnable(taskRef<() => void>(new URL('./tasks/no-functions.ts', import.meta.url), 'nothingToRun'), []);
    empty.start();
    await expect(empty.join()).rejects.toThrow(/has no exported function named "nothingToRun"; its exported functions are: \(none\)/);
  });

  it('an error thrown after the task returned ends its runner with code 1, as in Python, without failing the task', async () => {
    const runnable = new Runnable(throwsAfterReturningTask, []);
    runnable.start();
    await runnable.join();
    expect(runnable.exitCode).toBe(1);
  });

  it("a result that cannot be sent back, or an error thrown outside the task's promise, fails that task", async () => {
    const pool = new Pool(1);
    try {
      const { errors } = await outcomesOf(pool.map(returnsAFunctionTask, [1]));
      expect(errors[0]?.message).toMatch(/\(item 0\) failed: the task's result cannot be sent to the parent/);
      const runnable = new Runnable(throwsLaterTask, ['thrown from a timer']);
      runnable.start();
      await expect(runnable.join()).rejects.toThrow(/failed: thrown from a timer/);
    } finally {
      await pool.terminate();
    }
  });

  it('terminate during a map settles that map with an error, never leaves it pending', async () => {
    const coordinator = await Coordinator.open();
    try {
      const pool = new Pool(1);
      const items = ['held', 'queued'].map((id) => ({ address: coordinator.address, id }));
      const mapped = outcomesOf(pool.map(poolItemTask, items));
      await coordinator.until(() => coordinator.live.has('held'), 'the first task to start', await boundFor());
      await pool.terminate();
      expect((await mapped).errors.map((error) => error.message)).toEqual([
        expect.stringMatching(new RegExp(`\\(item 0\\) did not finish: ${ended} was killed by (SIGKILL|terminate\\(\\))`)),
        expect.stringMatching(/\(item 1\) never ran: the pool was terminated/),
      ]);
      await expect(pool.map(poolItemTask, items)).rejects.toThrow('Cannot map on a terminated pool; make a new one');
    } finally {
      await coordinator.close();
    }
    await nothingLeft();
  });

  it('close, then join, lets every runner finish its work and leave', async () => {
    const pool = new Pool(2);
    await expect(pool.map(performTask, [{ behaviour: 'succeed', value: 5 }])).resolves.toEqual([5]);
    pool.close();
    await pool.join();
    await nothingLeft();
  });
});

describe('A thread that exceeds its memory limit', () => {
  it('ends alone, and join says why; the process goes on', async () => {
    const thread = new Thread(exhaustsMemoryTask, [], { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    thread.start();
    await expect(thread.join()).rejects.toThrow(/did not finish: thread \d+ of process \d+ exited with code 1: .*memory limit/);
  });
});
