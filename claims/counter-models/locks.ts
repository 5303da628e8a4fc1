/**
 * Locks and a counter a careless author might write, each broken in one way that real threads almost
 * never show: the window is a few instructions wide. The scheduler (scheduler/) finds each one
 * under some schedule, and tells the story.
 */
import { threadId } from 'node:worker_threads';
import { Account } from '../../src/account.ts';
import { Lock, LockTimeoutError } from '../../src/lock.ts';
import { SharedCounter } from '../../src/shared-counter.ts';

const FREE = 0;
const self = threadId + 1;

/** Checks that the lock is free, then sets it: two threads can both find it free before either sets it. */
export class CheckThenSetLock extends Lock {
  override acquire(): void {
    for (let state = Atomics.load(this.cell, 0); ; state = Atomics.load(this.cell, 0)) {
      if (state === FREE) {
        Atomics.store(this.cell, 0, self);
        return;
      }
      Atomics.wait(this.cell, 0, state);
    }
  }
}

/** Releases without notifying: a thread asleep in acquire sleeps forever. */
export class SilentReleaseLock extends Lock {
  override release(): void {
    Atomics.compareExchange(this.cell, 0, self, FREE);
  }
}

/**
 * Gives up one step too late: `<` where its deadline check needs `<=`. Once the time is exactly up, it
 * waits again, for no time, and again: a thread that loops without ever getting on.
 */
export class LateDeadlineLock extends Lock {
  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, self);
      if (holder === FREE) return;
      const left = deadline - performance.now();
      if (left < 0) throw new LockTimeoutError(`Timed out after ${timeoutMs} ms waiting for the lock held by thread ${holder - 1}`);
      Atomics.wait(this.cell, 0, holder, left);
    }
  }
}

/** Lets anyone release it, holder or not: a thread that releases by mistake lets a second one in. */
export class AnyoneReleasesLock extends Lock {
  override release(): void {
    Atomics.store(this.cell, 0, FREE);
    Atomics.notify(this.cell, 0, 1);
  }
}

/** Increments by a load and then a store: two threads can load the same value, and one increment is lost. */
export class LoadThenStoreCounter extends SharedCounter {
  override increment(): number {
    const value = Atomics.load(this.cell, 0);
    Atomics.store(this.cell, 0, value + 1);
    return value;
  }
}

/** Reads the balance before it takes the lock: the lock then guards a stale read. */
export class ReadBeforeLockAccount extends Account {
  override deposit(money: number): void {
    const seen = this.balance;
    this.lock.acquire();
    try {
      this.pause();
      Atomics.store(new BigInt64Array(this.memory.balance, 0, 1), 0, BigInt(seen + money));
    } finally {
      this.lock.release();
    }
  }
}

/** Looks at the lock a random number of times before taking it: its steps differ from run to run, so no schedule replays. */
export class CoinTossLock extends Lock {
  override acquire(timeoutMs?: number): void {
    while (Math.random() < 0.5) Atomics.load(this.cell, 0);
    super.acquire(timeoutMs);
  }
}
