/**
 * Lesson 4 of 5: a Lock, made of Atomics.
 *
 * The claims (lock.mutual-exclusion): the lock lets one thread at a time between acquire and release:
 * never two holders at once, and a thread that does not hold it cannot release it. And
 * (lock.no-lost-wakeup): a release always lets a waiting thread in: no thread waits forever for a free
 * lock, and with a timeout, acquire gives up only once its time has passed.
 *
 * Python's `threading.Lock`, in one Int32 of a SharedArrayBuffer: FREE (0), or the holder's `self`.
 * - `Atomics.compareExchange(cell, 0, FREE, self)` sets the cell to `self` only if it is FREE, and
 *   returns what it found, in one step: two threads can never both find it free.
 * - `Atomics.wait(cell, 0, value, timeoutMs)` sleeps while the cell still holds `value`; it returns
 *   'timed-out' if the time passed first.
 * - `Atomics.notify(cell, 0, 1)` wakes one sleeper.
 * Write `acquire()` and `release()` below. The judge runs them in real threads, under every schedule
 * of their Atomics steps that preempts a thread at most twice, and then hammers them at full speed.
 *
 * `npm run learn` judges this file. Stuck? `npm run learn -- --hint`.
 */
import { threadId } from 'node:worker_threads';
import { LockTimeoutError, todo } from '../helpers.ts';

/** The cell's value when no thread holds the lock. */
const FREE = 0;

/** This thread, to the lock: its thread id plus one, so that the main thread (id 0) is not FREE. */
const self = threadId + 1;

export class Lock {
  /** The memory the lock lives in: give it to another thread, and `new Lock(buffer)` there is this lock. */
  readonly buffer: SharedArrayBuffer;
  protected readonly cell: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
    this.cell = new Int32Array(buffer, 0, 1);
  }

  /**
   * Blocks until this thread holds the lock. If it has waited `timeoutMs` and the lock is still held,
   * it gives up: it throws a `LockTimeoutError` (lessons/helpers.ts) instead.
   */
  acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    todo('acquire(): take the lock if it is FREE (compareExchange to self); if another thread holds it, sleep until a release (Atomics.wait), then try again');
  }

  /** Lets the lock go and wakes one thread waiting for it. Only its holder may release it: anyone else gets an error. */
  release(): void {
    todo('release(): if this thread holds the lock, set it FREE and wake one waiting thread (Atomics.notify); if it does not, throw');
  }
}
