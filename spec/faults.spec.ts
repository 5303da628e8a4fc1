/**
 * What the document leaves out: a failing task never hangs join or map, and never loses another task's
 * result. Each property runs over both backends, processes and threads, as Python's Pool and ThreadPool share one contract.
 */
import { describe, expect, it } from 'vitest';
import { type Backend, joinSettles, mapSettles } from '../claims/properties/faults.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { Coordinator } from '../claims/support/coordinator.ts';
import { outcomesOf } from '../claims/support/outcomes.ts';
import { nothingLeft, settlesWithin, within } from '../claims/support/settles.ts';
import {
  exhaustsMemoryTask,
  missingExportTask,
  performTask,
  returnsAFunctionTask,
  throwsAfterReturningTask,
  throwsAStringTask,
  throwsLaterTask,
  waitsForeverTask,
} from '../claims/tasks/faults.ts';
import { poolItemTask } from '../claims/tasks/rendezvous.ts';
import { brokenImplementations } from '../fixtures/liveness.ts';
import { Pool } from '../src/pool.ts';
import { Process } from '../src/process.ts';
import { taskRef } from '../src/runtime/task.ts';
import { Thread } from '../src/thread.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { expectRejected } from './support/rejects.ts';
import { specify } from './support/specify.ts';

const backends = [
  { name: 'processes', Runnable: Process, Pool, ended: 'process \\d+', canBeKilled: true },
  { name: 'threads', Runnable: Thread, Pool: ThreadPool, ended: 'thread \\d+ of process \\d+', canBeKilled: false },
] satisfies (Backend & { readonly name: string })[];

describe.each(backends)("A failing task never hangs join or map, and never loses another task's result ($name)", (backend) => {
  const { Runnable, Pool, ended } = backend;
  specify(joinSettles, backend);
  specify(mapSettles, backend);

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
    const runnable = new Runnable(taskRef(new URL('../fixtures/tasks/broken-at-load.ts', import.meta.url), 'neverRuns'), []);
    runnable.start();
    await expect(runnable.join()).rejects.toThrow(/neverRuns\(\) from broken-at-load\.ts failed: this module is broken at load/);
  });

  it('a thrown value that is not an Error, and a module with no function to run, still fail clearly', async () => {
    const thrower = new Runnable(throwsAStringTask, []);
    thrower.start();
    await expect(thrower.join()).rejects.toThrow('throwsAString() from faults.ts failed: a non-Error value was thrown: a string, not an Error');
    const empty = new Runnable(taskRef<() => void>(new URL('../fixtures/tasks/no-functions.ts', import.meta.url), 'nothingToRun'), []);
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
      await within(pool.terminate(), 'terminate');
      expect((await within(mapped, 'map')).errors.map((error) => error.message)).toEqual([
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
    await expect(within(pool.map(performTask, [{ behaviour: 'succeed', value: 5 }]), 'map')).resolves.toEqual([5]);
    pool.close();
    // A close() that leaves its idle runners running would hold this join for ever.
    await within(pool.join(), 'join after close');
    await nothingLeft();
  });
});

describe('A thread that exceeds its memory limit', () => {
  it('ends alone, and join says why; the process goes on', async () => {
    const thread = new Thread(exhaustsMemoryTask, [], { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    thread.start();
    await expect(within(thread.join(), 'join')).rejects.toThrow(/did not finish: thread \d+ of process \d+ exited with code 1: .*memory limit/);
  });
});

describe('A hang says what still runs', () => {
  it('a bound exceeded names each child this process started that still runs then, or says none does', async () => {
    const never = new Promise<never>(() => {});
    await expect(settlesWithin(never, 50, 'a wait')).rejects.toThrow(/^a wait did not settle within 50 ms; nothing this process started still runs$/);
    const child = new Process(waitsForeverTask, []);
    child.start();
    try {
      await expect(settlesWithin(never, 50, 'a wait')).rejects.toThrow(new RegExp(`; still running: process ${child.pid}$`));
    } finally {
      await within(child.terminate(), 'terminate');
      await expect(within(child.join(), 'join')).rejects.toThrow(/killed by SIGKILL/);
    }
  });
});

describe('The spec never hangs: a runner whose death goes unseen fails the fault properties in bounded time', () => {
  const boundMs = 2_000;
  // Both properties, for both backends, side by side: each waits out its bound.
  it.concurrent.each(backends)('join and map reject it ($name)', async (backend) => {
    const broken = (await import(brokenImplementations('death-unseen'))) as typeof import('../fixtures/liveness.ts');
    const impl = { ...backend, Runnable: backend.canBeKilled ? broken.Process : broken.Thread, Pool: backend.canBeKilled ? broken.Pool : broken.ThreadPool };
    const once = { shrink: false };
    const [join, map] = await Promise.all([
      expectRejected(joinSettles, impl, boundMs, 'a runner whose death goes unseen', once),
      expectRejected(mapSettles, impl, boundMs, 'a runner whose death goes unseen', once),
    ]);
    // The runner has died: a hang on nothing left running, and said so.
    expect(join).toMatch(/did not settle within 2000 ms; (nothing this process started still runs|still running: )/);
    expect(map).toMatch(/did not settle within 2000 ms; (nothing this process started still runs|still running: )/);
  });
});
