/** Lesson 4 with a release that lets a free lock be released again in silence, "since it is free anyway": a second release is not refused. */
import { threadId } from 'node:worker_threads';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override release(): void {
    const found = Atomics.compareExchange(this.cell, 0, self, FREE);
    if (found !== self && found !== FREE) throw new Error('not the holder');
    Atomics.notify(this.cell, 0, 1);
  }
}
