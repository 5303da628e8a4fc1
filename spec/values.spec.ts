/**
 * A value crosses to a child process and back as it crosses to a worker thread: what structured clone
 * carries (undefined, NaN and -0, BigInt, Date, Map, Set, typed arrays, sparse arrays) arrives unchanged,
 * whichever backend runs the task. Plain values cross a process's pipe as JSON, the rest as a clone
 * (src/wire.ts): this property holds the two paths to one result.
 */
import { fc } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonOnlyPool } from '../fixtures/wire.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { projectProperty } from './support/claim-property.ts';
import { expectRejected } from './support/rejects.ts';
import { specify } from './support/specify.ts';
import { echoTask } from './tasks/echo.ts';

/** What structured clone carries unchanged (a null-prototype object, say, arrives with Object's prototype). */
const cloneable = fc.anything({
  key: fc.string().filter((key) => key !== '__proto__'),
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** `[[[…[0]…]]]`, `depth` arrays deep. */
function nested(depth: number): unknown {
  return depth === 0 ? 0 : [nested(depth - 1)];
}

const crossesUnchanged = projectProperty({
  aspect: 'map(echo, items) returns the items, chunked or not',
  arbitraries: [fc.array(cloneable, { maxLength: 8 }), fc.integer({ min: 1, max: 4 })],
  numRuns: 100,
  // Nested deeper than the wire looks before it clones; numbers JSON would change (-0 to 0, NaN and
  // Infinity to null) among the items of a chunk, where the wire checks numbers in its loop.
  examples: [
    [[nested(40)], 1],
    [[1, -0], 2],
    [[1, Number.NaN, Number.NEGATIVE_INFINITY], 3],
  ],
  check: (pool: Pool) => async (items: unknown[], chunksize: number) => {
    expect(await pool.map(echoTask, items, { chunksize })).toStrictEqual(items);
  },
});

describe.each([Pool, ThreadPool])('values cross to a runner and back unchanged (%o)', (Backend) => {
  const pool = new Backend(2);
  afterAll(() => pool.terminate());
  specify(crossesUnchanged, pool);
});

describe('the property can fail', () => {
  it('rejects a pool whose messages cross as JSON whatever they hold (fixtures/wire.ts)', async () => {
    const pool = new JsonOnlyPool(1);
    try {
      await expectRejected(crossesUnchanged, pool, 5_000, 'a pool whose messages cross as JSON whatever they hold');
    } finally {
      await pool.terminate();
    }
  });
});
