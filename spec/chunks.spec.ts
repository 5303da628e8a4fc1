/**
 * What Python's `map` also takes: a chunksize. Items travel to a runner in chunks, one message each way
 * per chunk; each item's outcome stays its own, and a runner that dies loses its whole chunk, nothing more.
 */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Pool, type PoolMapError, pythonChunksize } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { boundFor, nothingLeft, settlesWithin } from './support/settles.ts';
import { type Act, answersWithTask, missingExportTask, performTask } from './tasks/faults.ts';

const backends = [
  // A signal sent from a worker thread would kill the whole process, this test run included: no 'kill' for threads.
  { name: 'Pool', make: (size: number) => new Pool(size), behaviours: ['succeed', 'succeed', 'throw', 'exit', 'kill'] as const },
  { name: 'ThreadPool', make: (size: number) => new ThreadPool(size), behaviours: ['succeed', 'succeed', 'throw', 'exit'] as const },
];

/** What each item's outcome must be: its own, unless something in its chunk ended the runner. */
function expected(acts: readonly Act[], chunksize: number): ('fulfilled' | 'failed' | 'lost')[] {
  return acts.map((each, index) => {
    const first = index - (index % chunksize);
    const chunk = acts.slice(first, first + chunksize);
    if (chunk.some((other) => other.behaviour === 'exit' || other.behaviour === 'kill')) return 'lost';
    return each.behaviour === 'succeed' ? 'fulfilled' : 'failed';
  });
}

describe.each(backends)('map with a chunksize ($name)', ({ make, behaviours }) => {
  const act: fc.Arbitrary<Act> = fc.record({
    behaviour: fc.constantFrom(...behaviours),
    value: fc.integer({ min: 1, max: 99 }),
    ms: fc.integer({ min: 0, max: 10 }),
  });

  it.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.array(act, { minLength: 1, maxLength: 10 })], { numRuns: 10 })(
    'keeps each item its own outcome, in input order; a runner that dies loses only its own chunk',
    async (size, chunksize, acts) => {
      const pool = make(size);
      try {
        const bound = await boundFor(acts.map((each) => each.ms ?? 0));
        const outcomes = await settlesWithin(pool.map(performTask, acts, { chunksize }), bound, 'map').then(
          (values) => values.map((value) => ({ status: 'fulfilled', value }) as PromiseSettledResult<number>),
          (error: PoolMapError) => error.outcomes as PromiseSettledResult<number>[],
        );
        expect(outcomes).toHaveLength(acts.length);
        for (const [item, fate] of expected(acts, chunksize).entries()) {
          const outcome = outcomes[item] as PromiseSettledResult<number>;
          if (fate === 'fulfilled') {
            expect(outcome).toEqual({ status: 'fulfilled', value: acts[item]?.value });
            continue;
          }
          expect(outcome).toMatchObject({ status: 'rejected', reason: { item } });
          const { message } = (outcome as PromiseRejectedResult).reason as Error;
          if (fate === 'failed') expect(message).toContain(`(item ${item}) failed: download ${acts[item]?.value} failed`);
          // chunksize 1 is plain map: the item is its own chunk, and its own call did not finish.
          else if (chunksize === 1) expect(message).toContain(`(item ${item}) did not finish`);
          else
            expect(message).toMatch(
              new RegExp(`\\(item ${item}\\) was lost with its chunk: perform over items \\d+\\.\\.\\d+ from faults\\.ts did not finish`),
            );
        }
        // Dead runners were replaced: the same pool still maps, in chunks too.
        await expect(
          pool.map(
            performTask,
            [1, 2, 3].map((value) => ({ behaviour: 'succeed', value })),
            { chunksize: 2 },
          ),
        ).resolves.toEqual([1, 2, 3]);
      } finally {
        await pool.terminate();
      }
      await nothingLeft();
    },
  );

  it('a result that cannot be sent back fails its own item, not its chunk', async () => {
    const pool = make(1);
    try {
      const kinds = ['data', 'function', 'throw', 'data'] as const;
      const failure = (await pool.map(answersWithTask, kinds, { chunksize: 4 }).catch((error: unknown) => error)) as PoolMapError;
      expect(failure.outcomes[0]).toEqual({ status: 'fulfilled', value: 'plain data' });
      expect(failure.outcomes[1]).toMatchObject({ status: 'rejected', reason: { item: 1 } });
      expect((failure.errors[0] as Error).message).toMatch(/\(item 1\) failed: the task's result cannot be sent to the parent/);
      expect((failure.errors[1] as Error).message).toContain('(item 2) failed: asked to throw');
      expect(failure.outcomes[3]).toEqual({ status: 'fulfilled', value: 'plain data' });
    } finally {
      await pool.terminate();
    }
  });

  it('a task that cannot be loaded fails every item of every chunk, naming the exports there are', async () => {
    const pool = make(2);
    try {
      const failure = (await pool.map(missingExportTask, [1, 2, 3, 4, 5], { chunksize: 2 }).catch((error: unknown) => error)) as PoolMapError;
      expect(failure.errors).toHaveLength(5);
      for (const [item, error] of failure.errors.entries()) {
        expect(error.message).toMatch(
          new RegExp(`noSuchTask\\(${item + 1}\\) from faults\\.ts \\(item ${item}\\) was lost with its chunk: .*has no exported function named "noSuchTask"`),
        );
      }
    } finally {
      await pool.terminate();
    }
  });
});

describe('Bad input gets a clear error', () => {
  it.prop([fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, 'big', null))])(
    'a chunksize that is not a positive integer or "auto" is refused, naming the value',
    async (chunksize) => {
      const pool = new Pool(1);
      const shown = typeof chunksize === 'string' ? JSON.stringify(chunksize) : String(chunksize);
      await expect(pool.map(performTask, [], { chunksize: chunksize as number })).rejects.toThrow(
        new RangeError(`map chunksize must be a positive integer or 'auto', got ${shown}`),
      );
    },
  );
});

describe("chunksize: 'auto'", () => {
  it("'auto' chunks as Python does, and map still returns every result in input order", async () => {
    const pool = new Pool(2);
    try {
      const acts = Array.from({ length: 20 }, (_, value) => ({ behaviour: 'succeed', value }) as const);
      await expect(pool.map(performTask, acts, { chunksize: 'auto' })).resolves.toEqual(acts.map((each) => each.value));
    } finally {
      await pool.terminate();
    }
  });

  it("'auto' chooses as Python does: divmod(len(items), 4 * size), plus one if there is a remainder", () => {
    expect(pythonChunksize(100_000, 2)).toBe(12_500);
    expect(pythonChunksize(10_000, 2)).toBe(1_250);
    expect(pythonChunksize(10, 2)).toBe(2);
    expect(pythonChunksize(3, 4)).toBe(1);
    expect(pythonChunksize(0, 4)).toBe(1);
  });
});
