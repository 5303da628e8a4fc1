/** Lesson 4 with the timeout read as Python's acquire(timeout=), in seconds: Atomics.wait is given timeoutMs × 1,000 ms. */
import { threadId } from 'node:worker_threads';
import { LockTimeoutError } from '../../helpers.ts';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, self);
      if (holder === FREE) return;
      if (Atomics.wait(this.cell, 0, holder, timeoutMs * 1000) === 'timed-out') throw new LockTimeoutError(`gave up after ${timeoutMs} s`);
    }
  }
}
