/**
 * Atomics.wait and Atomics.notify as the scheduler models them: a thread that waits joins its cell's
 * waiters; a notify marks as many of them woken as it may, in the order they began waiting; a waiter goes
 * on once woken, or, when it has a timeout, once the schedule lets that timeout expire (time is virtual).
 */
import type { Request } from './layout.ts';

export interface Waiter {
  readonly thread: number;
  readonly address: number;
  readonly index: number;
  /** The virtual time it began waiting at. */
  readonly since: number;
  readonly timeout: number;
  notified: boolean;
}

export class Waiters {
  readonly #all: Waiter[] = [];

  of(thread: number): Waiter | undefined {
    return this.#all.find((each) => each.thread === thread);
  }

  /** Whether a waiter's next step, the end of its wait, may be taken now. */
  static canGoOn(waiter: Waiter): boolean {
    return waiter.notified || Number.isFinite(waiter.timeout);
  }

  /** `thread` went to sleep in the wait it asked for, at virtual time `since`. */
  start(thread: number, { address, index, arg2 }: Request, since: number): void {
    this.#all.push({ thread, address, index, since, timeout: arg2, notified: false });
  }

  /** `thread`'s wait ends: it is no waiter any more. */
  end(thread: number): Waiter {
    return this.#all.splice(
      this.#all.findIndex((each) => each.thread === thread),
      1,
    )[0] as Waiter;
  }

  /** Wakes at most `count` of the cell's waiters not yet woken: which threads (from 0). */
  notify({ address, index, arg1: count }: Request): number[] {
    const woken = this.#all.filter((each) => each.address === address && each.index === index && !each.notified).slice(0, count);
    for (const waiter of woken) waiter.notified = true;
    return woken.map((waiter) => waiter.thread);
  }
}
