/** The document's bank: 100 threads deposit ¥1 each; with the lock the balance is exactly ¥100. */

import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { endingThemIfHung, exactBalance, lostUpdate, releaseOnError } from '../claims/properties/lock.ts';
import { Barrier } from '../claims/support/barrier.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { settlesWithin, within } from '../claims/support/settles.ts';
import { arrangedDepositTask, dieHoldingLockTask, releaseOthersLockTask, unlockedDepositTask } from '../claims/tasks/threads.ts';
import { Account } from '../src/account.ts';
import { Lock, LockNotHeldError, LockTimeoutError } from '../src/lock.ts';
import { SharedCounter } from '../src/shared-counter.ts';
import { addMoneyTask } from '../src/tasks/bank.ts';
import { Thread } from '../src/thread.ts';
import { UnlockedAccount } from '../src/unlocked-account.ts';
import { specify } from './support/specify.ts';

const bank = { Account, deposit: arrangedDepositTask };
const unlockedBank = { Account: UnlockedAccount, deposit: unlockedDepositTask };

describe('Thread: the bank account and its lock', () => {
  specify(exactBalance, bank);

  it("lock.exact-balance: the document's own run: 100 threads each deposit ¥1 and leave exactly ¥100", async () => {
    const account = new Account();
    const threads = Array.from({ length: 100 }, () => new Thread(addMoneyTask, [account.memory, 1]));
    for (const thread of threads) thread.start();
    // Its bound: the deposits' 1 s of sleeps one after another, and the spec's usual allowance for starting runners.
    const joined = Promise.all(threads.map((thread) => thread.join())).then(() => {});
    await endingThemIfHung(threads, settlesWithin(joined, await boundFor([1_000]), '100 deposits in threads, joined'));
    expect(`¥${account.balance}`).toBe('¥100');
  });

  specify(lostUpdate, unlockedBank);
  specify(releaseOnError, bank);
});

describe('Thread: bad input and misuse of the lock get a clear error', () => {
  it('releasing a free lock, releasing twice, and taking it twice are refused', () => {
    // The messages name the thread this test runs on: 0 under `npm test`, another under a runner that
    // runs spec files in worker threads (Stryker's); the id is the thread's own, not a constant.
    const lock = new Lock();
    expect(() => lock.release()).toThrow(`Thread ${threadId} released a lock that is not held (released twice?)`);
    lock.acquire();
    expect(lock.holder).toBe(threadId);
    expect(() => lock.acquire()).toThrow(`Thread ${threadId} already holds this lock; a Lock is not re-entrant`);
    lock.release();
    expect(() => lock.release()).toThrow('released a lock that is not held');
    // Told apart by its class, as Python's `release unlocked lock` is a RuntimeError of its own.
    expect(() => lock.release()).toThrow(LockNotHeldError);
    expect(() => lock.acquire(-1)).toThrow('A lock timeout must be a number of ms, 0 or more, got -1');
    expect(() => new Lock(new ArrayBuffer(4) as unknown as SharedArrayBuffer)).toThrow(/needs a SharedArrayBuffer/);
  });

  it('a thread cannot release a lock another thread holds', async () => {
    const lock = new Lock();
    lock.acquire();
    const thread = new Thread(releaseOthersLockTask, [lock.buffer]);
    thread.start();
    await expect(thread.join()).rejects.toThrow(new RegExp(`Thread ${thread.threadId} cannot release a lock held by thread ${threadId}`));
    lock.release();
  });

  it('a lock whose holder died is not a silent deadlock: acquire with a timeout names the holder', async () => {
    const lock = new Lock();
    const thread = new Thread(dieHoldingLockTask, [lock.buffer]);
    thread.start();
    await expect(within(thread.join(), 'join')).rejects.toThrow(/exited with code 3/);
    expect(() => lock.acquire(50)).toThrow(new LockTimeoutError(`Timed out after 50 ms waiting for the lock held by thread ${thread.threadId}`));
    // Its identity, not only its words: the class and the name a caller tells it by.
    const timedOut = (() => {
      try {
        lock.acquire(0);
      } catch (error) {
        return error;
      }
    })();
    expect(timedOut).toBeInstanceOf(LockTimeoutError);
    expect((timedOut as Error).name).toBe('LockTimeoutError');
    expect((timedOut as Error).message).toBe(`Timed out after 0 ms waiting for the lock held by thread ${thread.threadId}`);
    // acquire(0) on a free lock is a try-lock: it takes it at once.
    const free = new Lock();
    free.acquire(0);
    expect(free.holder).toBe(threadId);
    free.release();
  });

  // The Account's own bad input (money, memory) is its model's: claims/models/account.ts.
  it('a SharedCounter needs shared memory of 4 bytes', () => {
    expect(() => new SharedCounter(new SharedArrayBuffer(2))).toThrow(
      'A SharedCounter needs a SharedArrayBuffer of at least 4 bytes, got [object SharedArrayBuffer]',
    );
  });

  it('a barrier that too few threads reach fails after its timeout, saying how many came, instead of waiting forever', () => {
    expect(() => new Barrier().arrive(2, 30)).toThrow('Barrier: only 1 of 2 arrived within 30 ms');
    expect(() => new Barrier(new SharedArrayBuffer(2))).toThrow('A Barrier needs a SharedArrayBuffer of at least 4 bytes, got [object SharedArrayBuffer]');
  });
});
