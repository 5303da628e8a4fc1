/** Lesson 4, with a release that never wakes anyone: a thread asleep in acquire sleeps forever. */
import { threadId } from 'node:worker_threads';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override release(): void {
    if (Atomics.compareExchange(this.cell, 0, self, FREE) !== self) throw new Error('not the holder');
    // No Atomics.notify: a thread asleep in acquire() waits for a wake-up that never comes.
  }
}
