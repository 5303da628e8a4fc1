import { threadId } from 'node:worker_threads';
import { SharedInt32 } from './runtime/shared-int32.ts';

const FREE = 0;

/** Who we are to a lock: our thread's id plus one, so that the main thread (id 0) is not mistaken for "free". */
const self = threadId + 1;

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

/** A release of a lock nobody holds: released twice, or never taken. Python's `RuntimeError: release unlocked lock`. */
export class LockNotHeldError extends Error {
  override name = 'LockNotHeldError';
}

/**
 * Python's `threading.Lock`, for worker threads: one Int32 in a SharedArrayBuffer holding 0 when free,
 * or its holder's thread id + 1. Taking it is one compare-and-exchange, so two threads can never both
 * see it free and both take it; a thread that finds it taken sleeps in `Atomics.wait` until `release`
 * notifies it. Unlike Python's Lock it knows its holder: releasing a lock you do not hold is an error.
 */
export class Lock extends SharedInt32 {
  /** The thread id of the holder, or `undefined` when the lock is free. */
  get holder(): number | undefined {
    const state = Atomics.load(this.cell, 0);
    return state === FREE ? undefined : state - 1;
  }

  /**
   * Blocks until this thread holds the lock. A holder that died never releases it: `timeoutMs` turns
   * that wait into a LockTimeoutError naming the holder, instead of a deadlock.
   */
  acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    if (!(timeoutMs >= 0)) throw new RangeError(`A lock timeout must be a number of ms, 0 or more, got ${String(timeoutMs)}`);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, self);
      if (holder === FREE) return;
      if (holder === self) throw new Error(`Thread ${threadId} already holds this lock; a Lock is not re-entrant`);
      const left = deadline - performance.now();
      if (left <= 0) throw new LockTimeoutError(`Timed out after ${timeoutMs} ms waiting for the lock held by thread ${holder - 1}`);
      // Sleeps only while the state is still `holder`: a release in between wakes us at once.
      Atomics.wait(this.cell, 0, holder, left);
    }
  }

  release(): void {
    const holder = Atomics.compareExchange(this.cell, 0, self, FREE);
    if (holder === FREE) throw new LockNotHeldError(`Thread ${threadId} released a lock that is not held (released twice?)`);
    if (holder !== self) throw new Error(`Thread ${threadId} cannot release a lock held by thread ${holder - 1}`);
    Atomics.notify(this.cell, 0, 1);
  }
}
