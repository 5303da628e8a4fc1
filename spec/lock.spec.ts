/** The document's bank: 100 threads deposit ¥1 each; with the lock the balance is exactly ¥100. */

import { describe, expect, it } from 'vitest';
import { endingThemIfHung, exactBalance, lostUpdate, releaseOnError } from '../claims/properties/lock.ts';
import { Barrier } from '../claims/support/barrier.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { settlesWithin, within } from '../claims/support/settles.ts';
import { arrangedDepositTask, dieHoldingLockTask, unlockedDepositTask } from '../claims/tasks/threads.ts';
import { Account } from '../src/account.ts';
import { Lock, LockTimeoutError } from '../src/lock.ts';
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
  it('a lock whose holder died is not a silent deadlock: acquire with a timeout names the holder', async () => {
    const lock = new Lock();
    const thread = new Thread(dieHoldingLockTask, [lock.buffer]);
    thread.start();
    await expect(within(thread.join(), 'join')).rejects.toThrow(/exited with code 3/);
    // The timed-out acquire's class, name, words and time are the Lock model's (claims/models/lock.ts): here, only that a dead holder's lock is one.
    expect(() => lock.acquire(50)).toThrow(new LockTimeoutError(`Timed out after 50 ms waiting for the lock held by thread ${thread.threadId}`));
  });

  it('a barrier that too few threads reach fails after its timeout, saying how many came, instead of waiting forever', () => {
    expect(() => new Barrier().arrive(2, 30)).toThrow('Barrier: only 1 of 2 arrived within 30 ms');
    expect(() => new Barrier(new SharedArrayBuffer(2))).toThrow('A Barrier needs a SharedArrayBuffer of at least 4 bytes, got [object SharedArrayBuffer]');
  });
});
