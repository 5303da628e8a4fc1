/** Bad input gets a clear error, naming what was wrong and what is allowed: for pools of processes and of threads alike. */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { performTask } from '../claims/tasks/faults.ts';
import { Pool, PoolMapError } from '../src/pool.ts';
import { taskRef } from '../src/runtime/task.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { prop } from './support/prop.ts';

// Process and Thread: their model (claims/models/process.ts) states what they refuse.
const backends = [{ Pool }, { Pool: ThreadPool }];

describe.each(backends)('Bad input gets a clear error ($Pool.name)', ({ Pool }) => {
  prop([fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY))])(
    'a pool size that is not a positive integer is refused, naming the value',
    (size) => {
      expect(() => new Pool(size)).toThrow(new RangeError(`${Pool.name} size must be a positive integer, got ${String(size)}`));
    },
  );

  prop([fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, 'big', null))])(
    'a chunksize that is not a positive integer or "auto" is refused, naming the value',
    async (chunksize) => {
      const pool = new Pool(1);
      const shown = typeof chunksize === 'string' ? JSON.stringify(chunksize) : String(chunksize);
      await expect(pool.map(performTask, [], { chunksize: chunksize as number })).rejects.toThrow(
        new RangeError(`map chunksize must be a positive integer or 'auto', got ${shown}`),
      );
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
      await pool.terminate();
    }
  });

  /** A thrown value that cannot even be printed. */
  const unprintable = {
    toString: () => {
      throw new Error('no');
    },
  };
  /** Items that are bad in ways only reading or sending them shows. */
  const badItems = fc.oneof(
    // An iterable that throws part-way, whatever it throws (a value whose toString throws too).
    fc.record({
      kind: fc.constant('throws' as const),
      before: fc.nat({ max: 4 }),
      thrown: fc.oneof(
        fc.string().map((message) => new Error(message)),
        fc.anything(),
        fc.constant(unprintable),
      ),
    }),
    // Items that cannot be sent to a runner (a function), among items that can.
    fc.record({ kind: fc.constant('unclonable' as const), before: fc.nat({ max: 4 }), after: fc.nat({ max: 4 }) }),
    // An iterable whose source changes while it is read: what was read is what runs.
    fc.record({ kind: fc.constant('changing' as const), length: fc.integer({ min: 1, max: 5 }) }),
  );
  type BadItems = typeof badItems extends fc.Arbitrary<infer T> ? T : never;

  // Each way a thrown value is told, every run: an Error, another value, and one that cannot even be printed.
  const examples: [BadItems, 1 | 2 | 'auto'][] = [
    [{ kind: 'throws', before: 1, thrown: new Error('the source went away') }, 1],
    [{ kind: 'throws', before: 0, thrown: 42 }, 1],
    [{ kind: 'throws', before: 2, thrown: unprintable }, 1],
  ];
  prop([badItems, fc.constantFrom<1 | 2 | 'auto'>(1, 2, 'auto')], { numRuns: 6, examples })(
    'items that throw while read, cannot be sent, or change while read: map returns a promise, and it rejects with a clear error or runs what was read',
    async (bad, chunksize) => {
      // Not `await using`: Node 22 does not parse it.
      const pool = new Pool(2);
      try {
        const values = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ behaviour: 'succeed' as const, value: from + i }));
        if (bad.kind === 'throws') {
          const items = (function* () {
            yield* values(bad.before);
            throw bad.thrown;
          })();
          let mapped: Promise<unknown> | undefined;
          expect(() => {
            mapped = pool.map(performTask, items, { chunksize });
          }, 'map does not throw').not.toThrow();
          await expect(mapped).rejects.toThrow(new RegExp(`^map could not read its items: reading item ${bad.before} threw `));
          return;
        }
        if (bad.kind === 'unclonable') {
          const items = [...values(bad.before), { behaviour: 'succeed', value: () => 1 } as never, ...values(bad.after, bad.before + 1)];
          const error = (await pool.map(performTask, items, { chunksize }).catch((rejected: unknown) => rejected)) as PoolMapError;
          expect(error).toBeInstanceOf(PoolMapError);
          expect(error.errors.map((each) => each.item)).toContain(bad.before);
          // Every item that could be sent, and was not in a chunk with the one that could not, kept its value.
          const sent = chunksize === 1 ? [...Array(items.length).keys()].filter((item) => item !== bad.before) : [];
          for (const item of sent) expect(error.values[item]).toBe(item);
          return;
        }
        const source = values(bad.length);
        const changing = {
          *[Symbol.iterator]() {
            for (let i = 0; i < source.length; i++) {
              yield source[i];
              // Each item read replaces the next with another, and the source grows by none.
              if (i + 1 < source.length) source[i + 1] = { behaviour: 'succeed', value: 100 + i };
            }
          },
        };
        const expected = [0, ...Array.from({ length: bad.length - 1 }, (_, i) => 100 + i)];
        await expect(pool.map(performTask, changing, { chunksize })).resolves.toEqual(expected);
      } finally {
        await pool.terminate();
      }
    },
  );
});

describe('Bad input gets a clear error (task references)', () => {
  it('a task module that does not exist, or is not a file: URL, is refused at the door', () => {
    expect(() => taskRef(new URL('./tasks/no-such-module.ts', import.meta.url), 'download')).toThrow(/Task module file:.*no-such-module\.ts does not exist/);
    expect(() => taskRef('./tasks/faults.ts', 'perform')).toThrow(/must be a file: URL/);
    expect(() => taskRef(import.meta.url, 'not a name')).toThrow(/must be the name of an exported function/);
  });
});
