/** Lesson 4 with the thread id itself in the cell, not id + 1: the main thread's id is 0, FREE, so the lock it takes still looks free. */
import { threadId } from 'node:worker_threads';
import { LockTimeoutError } from '../../helpers.ts';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;

export class Lock extends Hint {
  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, threadId);
      if (holder === FREE) return;
      if (Atomics.wait(this.cell, 0, holder, timeoutMs) === 'timed-out') throw new LockTimeoutError(`gave up after ${timeoutMs} ms`);
    }
  }

  override release(): void {
    if (Atomics.compareExchange(this.cell, 0, threadId, FREE) !== threadId) throw new Error('not the holder');
    Atomics.notify(this.cell, 0, 1);
  }
}
