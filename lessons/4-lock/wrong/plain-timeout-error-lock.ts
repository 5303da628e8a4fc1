/** Lesson 4 with a timeout told by a plain Error: the words say it timed out, but a caller catching LockTimeoutError misses it. */
import { threadId } from 'node:worker_threads';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, self);
      if (holder === FREE) return;
      if (Atomics.wait(this.cell, 0, holder, timeoutMs) === 'timed-out') throw new Error(`timed out after ${timeoutMs} ms`);
    }
  }
}
