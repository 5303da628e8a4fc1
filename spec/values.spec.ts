/**
 * A value crosses to a child process and back as it crosses to a worker thread: what structured clone
 * carries (undefined, NaN and -0, BigInt, Date, Map, Set, typed arrays, sparse arrays) arrives unchanged,
 * whichever backend runs the task. Plain values cross a process's pipe as JSON, the rest as a clone
 * (src/runtime/wire.ts): this property holds the two paths to one result.
 */
import { afterAll, describe, it } from 'vitest';
import { crossesUnchanged } from '../claims/properties/values.ts';
import { JsonOnlyPool } from '../fixtures/wire.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { expectRejected } from './support/rejects.ts';
import { specify } from './support/specify.ts';

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
