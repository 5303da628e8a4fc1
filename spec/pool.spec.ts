/** The document's "using Pool": `Pool()` then `pool.map(download_task, files)`, which "naturally waits". */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type MakePool, poolWaits, steerMap } from '../claims/properties/pool.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { performTask } from '../claims/tasks/faults.ts';
import { anotherPerformTask } from '../fixtures/tasks/another-module.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { specify } from './support/specify.ts';

// Python has both, multiprocessing.Pool and multiprocessing.pool.ThreadPool, with one contract.
const backends: { name: string; make: MakePool }[] = [
  { name: 'Pool', make: (size) => new Pool(size) },
  { name: 'ThreadPool', make: (size) => new ThreadPool(size) },
];

describe.each(backends)('using Pool ($name)', ({ name, make }) => {
  specify(poolWaits, make, { backend: name });

  it('a runner that has run a task of one module runs the task of the same name from another module when asked', async () => {
    const pool = make(1);
    try {
      await expect(pool.map(performTask, [{ behaviour: 'succeed', value: 1 }])).resolves.toEqual([1]);
      await expect(pool.map(anotherPerformTask, [1])).resolves.toEqual(['the perform of another module']);
      await expect(pool.map(performTask, [{ behaviour: 'succeed', value: 2 }])).resolves.toEqual([2]);
    } finally {
      await pool[Symbol.asyncDispose]();
    }
  });

  it(`pool.waits: ${name}() defaults to one runner per available CPU, and runs that many at once`, async () => {
    const pool = make();
    try {
      expect(pool.size).toBe(availableParallelism());
      const { maxLive } = await steerMap(pool, pool.size + 1, await boundFor());
      expect(maxLive).toBe(pool.size);
    } finally {
      await pool[Symbol.asyncDispose]();
    }
  });
});
