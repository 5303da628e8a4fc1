/**
 * Lesson 3 of 5: a counter that threads really share.
 *
 * The claim (thread.shared-memory): threads share memory: Ping and Pong counting on one shared counter
 * print 10 lines together, not 10 each.
 *
 * In Python every thread sees the same global `counter`. A Node worker thread does not: it loads its
 * own copy of every module, so a module-level `let counter = 0` is one counter per thread, as between
 * processes. What threads do share is a SharedArrayBuffer: sent to a worker, it arrives as the same
 * memory, not a copy. Keep the count there, in an Int32Array over it, and change it with one atomic
 * step (`Atomics`), or two threads adding one at once can both read 5 and both write 6.
 *
 * Write `value` and `increment()` below. The judge gives each thread `new SharedCounter(buffer)` on
 * one buffer, and has them count.
 *
 * `npm run learn` judges this file. Stuck? `npm run learn -- --hint`.
 */
import { todo } from '../helpers.ts';

export class SharedCounter {
  /** The memory the count lives in: give it to another thread, and `new SharedCounter(buffer)` there is this counter. */
  readonly buffer: SharedArrayBuffer;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
  }

  /** The count, as every thread sees it. */
  get value(): number {
    return todo('value: the count kept in this.buffer (an Int32Array over it, read with Atomics.load)');
  }

  /** Adds one to the count and returns the count before, in one step that no other thread can split. */
  increment(): number {
    return todo('increment(): add one to the count in this.buffer in one atomic step (Atomics.add), and return the count before');
  }
}
