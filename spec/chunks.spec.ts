/**
 * What Python's `map` also takes: a chunksize. Items travel to a runner in chunks, one message each way
 * per chunk, and each item's outcome stays its own (spec/faults.spec.ts proves it for every kind of failure).
 */
import { describe, expect, it } from 'vitest';
import { outcomesOf } from '../claims/support/outcomes.ts';
import { answersWithTask, performTask } from '../claims/tasks/faults.ts';
import { Pool, pythonChunksize } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';

describe.each([Pool, ThreadPool])('map with a chunksize (%o)', (Pool) => {
  it('a result that cannot be sent back fails its own item, not its chunk', async () => {
    const pool = new Pool(1);
    try {
      const { values, errors } = await outcomesOf(pool.map(answersWithTask, ['data', 'function', 'throw', 'data'] as const, { chunksize: 4 }));
      expect(values[0]).toBe('plain data');
      expect(values[3]).toBe('plain data');
      expect(errors.map((error) => error.item)).toEqual([1, 2]);
      expect(errors[0]?.message).toMatch(/\(item 1\) failed: the task's result cannot be sent to the parent/);
      expect(errors[1]?.message).toContain('(item 2) failed: asked to throw');
    } finally {
      await pool.terminate();
    }
  });

  it("'auto' chunks as Python does, and map still returns every result in input order", async () => {
    const pool = new Pool(2);
    try {
      const acts = Array.from({ length: 20 }, (_, value) => ({ behaviour: 'succeed', value }) as const);
      await expect(pool.map(performTask, acts, { chunksize: 'auto' })).resolves.toEqual(acts.map((each) => each.value));
    } finally {
      await pool.terminate();
    }
  });

  it('takes any iterable, as Python does, and the items as they were when map was called', async () => {
    const pool = new Pool(1);
    try {
      const act = (value: number) => ({ behaviour: 'succeed', value }) as const;
      function* generated() {
        for (let value = 0; value < 5; value++) yield act(value);
      }
      await expect(pool.map(performTask, generated(), { chunksize: 2 })).resolves.toEqual([0, 1, 2, 3, 4]);
      // An array is not copied, but its chunks are taken before map returns: what the caller changes after is not run.
      const acts = [act(1), act(2), act(3), act(4)];
      const mapped = pool.map(performTask, acts, { chunksize: 1 });
      acts[3] = act(99);
      acts.length = 2;
      await expect(mapped).resolves.toEqual([1, 2, 3, 4]);
    } finally {
      await pool.terminate();
    }
  });
});

describe("chunksize: 'auto'", () => {
  it("'auto' chooses as Python does: divmod(len(items), 4 * size), plus one if there is a remainder", () => {
    expect(pythonChunksize(100_000, 2)).toBe(12_500);
    expect(pythonChunksize(10_000, 2)).toBe(1_250);
    expect(pythonChunksize(10, 2)).toBe(2);
    expect(pythonChunksize(3, 4)).toBe(1);
    expect(pythonChunksize(0, 4)).toBe(1);
  });
});
