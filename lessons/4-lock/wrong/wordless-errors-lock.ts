/** Lesson 4, with errors that say nothing: a refused release throws an Error with no message. */
import { threadId } from 'node:worker_threads';
import { Lock as Hint } from '../solution.ts';

const FREE = 0;
const self = threadId + 1;

export class Lock extends Hint {
  override release(): void {
    // The right class, and no words: whoever catches it cannot tell what went wrong.
    if (Atomics.compareExchange(this.cell, 0, self, FREE) !== self) throw new Error();
    Atomics.notify(this.cell, 0, 1);
  }
}
