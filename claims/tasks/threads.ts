/** Task modules for the thread specs: deposits whose interleaving the spec arranges, and what gets copied. */
import process from 'node:process';
import { Account, type AccountMemory } from '../../src/account.ts';
import { Lock } from '../../src/lock.ts';
import { taskRef } from '../../src/runtime/task.ts';
import { counter } from '../../src/tasks/ping-pong.ts';
import { UnlockedAccount } from '../../src/unlocked-account.ts';
import { Barrier } from '../support/barrier.ts';
import type { ClassRef } from './judged.ts';

export interface ArrangedDeposit {
  readonly account: AccountMemory;
  readonly money: number;
  /** Every deposit waits here first, so that all of them contend at once. */
  readonly start?: SharedArrayBuffer;
  /** With `overlap`, every deposit waits here between its read and its write. */
  readonly overlap?: SharedArrayBuffer;
  readonly parties: number;
  /** Throw between the read and the write, holding the lock if there is one. */
  readonly fail?: boolean;
}

export class DepositInterrupted extends Error {
  override name = 'DepositInterrupted';
}

/**
 * The deposit task over any Account class (ours, or a broken one from claims/counter-models/), its real `deposit`
 * run unchanged: only the document's sleep between the read and the write is replaced, as arranged.
 */
export function arrangedDepositWith(AccountType: typeof Account): (arranged: ArrangedDeposit) => number {
  return (arranged) => {
    if (arranged.start !== undefined) new Barrier(arranged.start).arrive(arranged.parties);
    const overlap = arranged.overlap === undefined ? undefined : new Barrier(arranged.overlap);
    class Arranged extends AccountType {
      protected override pause(): void {
        if (arranged.fail) throw new DepositInterrupted(`the deposit of ¥${arranged.money} was interrupted`);
        if (overlap === undefined) super.pause();
        else overlap.arrive(arranged.parties);
      }
    }
    const account = new Arranged(arranged.account);
    account.deposit(arranged.money);
    return account.balance;
  };
}

export const arrangedDeposit = arrangedDepositWith(Account);

/** The same deposit over an Account class loaded by module and name in the thread: a learner's (lessons/). */
export async function arrangedDepositOf(arranged: ArrangedDeposit & { readonly accountClass: ClassRef }): Promise<number> {
  const { module, name } = arranged.accountClass;
  const AccountType = ((await import(module)) as Record<string, typeof Account>)[name] as typeof Account;
  return arrangedDepositWith(AccountType)(arranged);
}
export const unlockedDeposit = arrangedDepositWith(UnlockedAccount);

/** Changes the object it was given, and returns it: the caller's object stays as it was, since it was copied. */
export function changeObject(object: { count: number }): { count: number } {
  object.count += 1;
  return object;
}

/** The value of the Ping/Pong module's plain `counter` as this thread sees it. */
export function plainCounter(_item: unknown): number {
  return counter;
}

/** Takes the lock and ends the thread without releasing it, as a thread that crashes would. */
export function dieHoldingLock(lock: SharedArrayBuffer): void {
  new Lock(lock).acquire();
  process.exit(3);
}

export const dieHoldingLockTask = taskRef<typeof dieHoldingLock>(import.meta.url, 'dieHoldingLock');
export const arrangedDepositTask = taskRef<typeof arrangedDeposit>(import.meta.url, 'arrangedDeposit');
export const unlockedDepositTask = taskRef<typeof unlockedDeposit>(import.meta.url, 'unlockedDeposit');
export const arrangedDepositOfTask = taskRef<typeof arrangedDepositOf>(import.meta.url, 'arrangedDepositOf');
export const changeObjectTask = taskRef<typeof changeObject>(import.meta.url, 'changeObject');
export const plainCounterTask = taskRef<typeof plainCounter>(import.meta.url, 'plainCounter');
