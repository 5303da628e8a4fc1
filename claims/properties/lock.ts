/** The document's bank account: the properties, for any Account and the deposit task that goes with it. */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import type { Account } from '../../src/account.ts';
import type { TaskRef } from '../../src/runtime/task.ts';
import { Thread } from '../../src/thread.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
import { claimProperty } from '../property.ts';
import { outcomesOf } from '../support/outcomes.ts';
import { settlesWithin, within } from '../support/settles.ts';
import type { ClassRef } from '../tasks/judged.ts';
import { type ArrangedDeposit, arrangedDepositOfTask } from '../tasks/threads.ts';
import { startAndJoin } from './runnables.ts';

/**
 * An Account class for the parent, and the task that deposits into one of that class in a worker: ours
 * with its own task, or any class by module and name (`accountClass`, a learner's) with the task that loads it.
 */
export type Bank =
  | { readonly Account: typeof Account; readonly deposit: TaskRef<[ArrangedDeposit], number> }
  | { readonly Account: typeof Account; readonly accountClass: ClassRef };

/** What a deposit's thread is given, and the task it runs. */
function depositOf(bank: Bank, arranged: ArrangedDeposit): [TaskRef<[ArrangedDeposit], number>, ArrangedDeposit] {
  if ('deposit' in bank) return [bank.deposit, arranged];
  return [arrangedDepositOfTask as TaskRef<[ArrangedDeposit], number>, { ...arranged, accountClass: bank.accountClass } as ArrangedDeposit];
}

const sum = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);

/**
 * One thread per amount, as the document's AddMoneyThread, started in order and joined, on a new
 * account. Every deposit meets the others at a barrier: at its `start`, or between its read and its
 * write (`overlap`).
 */
async function depositInThreads(bank: Bank, amounts: readonly number[], meet: 'start' | 'overlap'): Promise<Account> {
  const account = new bank.Account();
  const barrier = new SharedArrayBuffer(4);
  const deposits: ArrangedDeposit[] = amounts.map((money) => ({ account: account.memory, money, [meet]: barrier, parties: amounts.length }));
  const threads = deposits.map((deposit) => {
    const [task, arranged] = depositOf(bank, deposit);
    return new Thread(task, [arranged]);
  });
  // A lock that lets a waiter sleep for ever (a release that never notifies) fails at the bound, not at vitest's timeout.
  await endingThemIfHung(threads, within(startAndJoin(threads), `${threads.length} deposits in threads, joined`));
  return account;
}

/** `joined`, or, if it failed, the threads ended first: a thread asleep for ever is not left behind. */
export async function endingThemIfHung(threads: readonly Thread[], joined: Promise<void>): Promise<void> {
  try {
    await joined;
  } catch (error) {
    await Promise.all(threads.map((thread) => thread.terminate()));
    throw error;
  }
}

export const exactBalance = claimProperty({
  judges: ['Account'],
  claim: 'lock.exact-balance',
  arbitraries: [fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 16 })],
  numRuns: 8,
  check: (bank: Bank) => async (amounts: number[]) => {
    // All deposits pass a start barrier together, so they contend for the lock at once; each then
    // holds it across the document's 10 ms sleep, so a lock that excludes no one lets them overlap.
    const account = await depositInThreads(bank, amounts, 'start');
    expect(account.balance, 'the balance').toBe(sum(amounts));
    expect(account.lock.holder, 'the lock holder afterwards').toBeUndefined();
  },
});

export const lostUpdate = claimProperty({
  judges: ['UnlockedAccount'],
  claim: 'lock.lost-update',
  arbitraries: [fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 8 })],
  numRuns: 8,
  check: (bank: Bank) => async (amounts: number[]) => {
    // The overlap is arranged, not hoped for: every deposit reads the balance, then waits at a
    // barrier until all have read, and only then writes. So every one of them read ¥0, and each write
    // overwrites the others: the balance is the last writer's amount, never the sum. With the
    // document's 10 ms sleep instead, the race is merely very likely.
    const account = await depositInThreads(bank, amounts, 'overlap');
    expect(account.balance, 'the balance').toBeLessThan(sum(amounts));
    expect(amounts).toContain(account.balance);
  },
});

export const releaseOnError = claimProperty({
  judges: ['Account'],
  claim: 'lock.release-on-error',
  arbitraries: [
    fc.array(fc.record({ money: fc.integer({ min: 0, max: 1000 }), fail: fc.boolean() }), { minLength: 1, maxLength: 10 }),
    fc.integer({ min: 1, max: 4 }),
  ],
  numRuns: 10,
  check: (bank: Bank, thisCase) => async (deposits: { money: number; fail: boolean }[], size: number) => {
    const account = new bank.Account();
    const pool = thisCase.defer(new ThreadPool(size), (pool) => pool.terminate(), 'terminating the pool');
    // A deposit that throws does so between its read and its write, while it holds the lock. A lock
    // kept by mistake stops every later deposit: the bound turns that into a failure, not a hang.
    // The deposits run one after another on the pool's `size` threads: those are the runners started.
    const bound = await thisCase.bound(
      deposits.map(() => 10),
      size,
    );
    const [task] = depositOf(bank, { account: account.memory, money: 0, parties: 1 });
    const arranged = deposits.map(({ money, fail }) => depositOf(bank, { account: account.memory, money, fail, parties: 1 })[1]);
    // Only the map's own failure says which deposits failed; anything else (a hang) is the verdict.
    const { errors } = await outcomesOf(settlesWithin(pool.map(task, arranged), bound, 'the deposits'));
    const causes = errors.map((error) => (error.cause as Error).message);
    expect(causes, 'why deposits failed').toEqual(deposits.filter((each) => each.fail).map((each) => `the deposit of ¥${each.money} was interrupted`));
    expect(account.lock.holder, 'the lock holder afterwards').toBeUndefined();
    const succeeded = sum(deposits.filter((each) => !each.fail).map((each) => each.money));
    expect(account.balance, 'the balance').toBe(succeeded);
    await settlesWithin(pool.map(task, [depositOf(bank, { account: account.memory, money: 1, parties: 1 })[1]]), bound, 'a later deposit');
    expect(account.balance).toBe(succeeded + 1);
  },
});
