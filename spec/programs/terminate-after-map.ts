/**
 * A program, run on its own (not under vitest, whose own handles keep any program alive): it terminates
 * its pools in the very microtask in which their map resolves, then prints "terminated". A pool that let
 * go of its runners too early would let Node exit first, with "unsettled top-level await" and code 13.
 */
import { Pool } from '../../src/pool.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
import { performTask } from '../tasks/faults.ts';

for (const pool of [new Pool(1), new ThreadPool(1)]) {
  await pool.map(performTask, [{ behaviour: 'succeed', value: 1 }]).then(() => pool.terminate());
}
console.log('terminated');
