/** Lesson 4 with `timeoutMs || Infinity`: acquire(0), a try-lock, is taken for "no timeout", and on a held lock waits for ever. */
import { threadId } from 'node:worker_threads';
import { LockTimeoutError } from '../../helpers.ts';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    const waitMs = timeoutMs || Number.POSITIVE_INFINITY;
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, self);
      if (holder === FREE) return;
      if (Atomics.wait(this.cell, 0, holder, waitMs) === 'timed-out') throw new LockTimeoutError(`gave up after ${timeoutMs} ms`);
    }
  }
}
