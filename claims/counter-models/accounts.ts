/** Accounts a careless author might write, with the deposit task that runs one in a worker. */

import { Account } from '../../src/account.ts';
import { taskRef } from '../../src/runtime/task.ts';
import { Barrier } from '../support/barrier.ts';
import { type ArrangedDeposit, arrangedDepositWith } from '../tasks/threads.ts';

/**
 * A lock in a plain field, as one would write it for a single thread. Every thread that makes the
 * account from its memory has a field of its own, so it excludes no one: in Node, only a SharedArrayBuffer is shared.
 */
export class PlainFieldLockAccount extends Account {
  #locked = false;

  override deposit(money: number): void {
    if (this.#locked) throw new Error('Another deposit holds this account');
    this.#locked = true;
    try {
      this.add(money);
    } finally {
      this.#locked = false;
    }
  }
}

/** Releases the lock after the deposit, but not in `finally`: a deposit that throws keeps it forever. */
export class NoFinallyAccount extends Account {
  override deposit(money: number): void {
    this.lock.acquire();
    this.add(money);
    this.lock.release();
  }
}

/** Adds atomically, in one step: right in itself, but then "without the lock" no update is ever lost. */
export class AtomicAddAccount extends Account {
  override deposit(money: number): void {
    this.pause();
    Atomics.add(new BigInt64Array(this.memory.balance, 0, 1), 0, BigInt(money));
  }
}

/**
 * The plain-field lock's deposit, its overlap arranged rather than hoped for: after the start barrier, each
 * waits between its read and its write until every deposit has read (the start barrier's cell counts on,
 * to twice the parties). With the document's sleep alone the overlap was only likely, and a run without the
 * sleep (a mutant that removes it, docs/mutation.md) passed or failed by luck.
 */
export function plainFieldLockDeposit({ account, money, start, parties }: ArrangedDeposit): number {
  const barrier = start === undefined ? undefined : new Barrier(start);
  barrier?.arrive(parties);
  class Overlapping extends PlainFieldLockAccount {
    protected override pause(): void {
      if (barrier === undefined) super.pause();
      else barrier.arrive(2 * parties);
    }
  }
  const overlapping = new Overlapping(account);
  overlapping.deposit(money);
  return overlapping.balance;
}

export const noFinallyDeposit = arrangedDepositWith(NoFinallyAccount);
export const atomicAddDeposit = arrangedDepositWith(AtomicAddAccount);

export const plainFieldLockDepositTask = taskRef<typeof plainFieldLockDeposit>(import.meta.url, 'plainFieldLockDeposit');
export const noFinallyDepositTask = taskRef<typeof noFinallyDeposit>(import.meta.url, 'noFinallyDeposit');
export const atomicAddDepositTask = taskRef<typeof atomicAddDeposit>(import.meta.url, 'atomicAddDeposit');
