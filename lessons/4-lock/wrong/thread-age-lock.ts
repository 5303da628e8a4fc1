/** Lesson 4 with a deadline on a clock of its own: performance.now() compared with timeoutMs is the thread's age, not the time since acquire() was called. */
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
      if (performance.now() >= timeoutMs) throw new LockTimeoutError(`gave up after ${timeoutMs} ms`);
      Atomics.wait(this.cell, 0, holder, timeoutMs - performance.now());
    }
  }
}
