/** Lesson 4 with an acquire that spins: it tries the cell again and again without ever sleeping in Atomics.wait. */
import { threadId } from 'node:worker_threads';
import { LockTimeoutError } from '../../helpers.ts';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    const deadline = performance.now() + timeoutMs;
    // Spins: tries again and again, never sleeping.
    while (Atomics.compareExchange(this.cell, 0, FREE, self) !== FREE) {
      if (performance.now() >= deadline) throw new LockTimeoutError(`gave up after ${timeoutMs} ms`);
    }
  }
}
