/** The document's bank: 100 threads deposit ¥1 each; with the lock the balance is exactly ¥100. */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Account } from '../src/account.ts';
import { Lock, LockTimeoutError } from '../src/lock.ts';
import { PoolMapError } from '../src/pool.ts';
import { Thread } from '../src/thread.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { addMoneyTask } from '../src/tasks/bank.ts';
import { title } from './claims.ts';
import { type ArrangedDeposit, arrangedDepositTask, dieHoldingLockTask, releaseOthersLockTask } from './tasks/threads.ts';

/** One thread per deposit, as the document's AddMoneyThread, started in order and joined. */
async function depositInThreads(deposits: readonly ArrangedDeposit[]): Promise<void> {
  const threads = deposits.map((deposit) => new Thread(arrangedDepositTask, [deposit]));
  for (const thread of threads) thread.start();
  await Promise.all(threads.map((thread) => thread.join()));
}

const sum = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);

describe('Thread: the bank account and its lock', () => {
  it.prop([fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 16 })], { numRuns: 8 })(
    title('lock.exact-balance'),
    async (amounts) => {
      const account = new Account();
      // All deposits pass a start barrier together, so they contend for the lock at once.
      const start = new SharedArrayBuffer(4);
      await depositInThreads(amounts.map((money) => ({ account: account.memory, money, start, parties: amounts.length })));
      expect(account.balance).toBe(sum(amounts));
      expect(account.lock?.holder).toBeUndefined();
    },
  );

  it('lock.exact-balance: the document\'s own run: 100 threads each deposit ¥1 and leave exactly ¥100', async () => {
    const account = new Account();
    const threads = Array.from({ length: 100 }, () => new Thread(addMoneyTask, [account.memory, 1]));
    for (const thread of threads) thread.start();
    for (const thread of threads) await thread.join();
    expect(`¥${account.balance}`).toBe('¥100');
  });

  it.prop([fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 8 })], { numRuns: 8 })(
    title('lock.lost-update'),
    async (amounts) => {
      const account = new Account({ locked: false });
      // The overlap is arranged, not hoped for: every deposit reads the balance, then waits at this
      // barrier until all have read, and only then writes. So every one of them read ¥0, and each write
      // overwrites the others: the balance is the last writer's amount, never the sum. With the
      // document's 10 ms sleep instead, the race is merely very likely.
      const overlap = new SharedArrayBuffer(4);
      await depositInThreads(amounts.map((money) => ({ account: account.memory, money, overlap, parties: amounts.length })));
      expect(account.balance).toBeLessThan(sum(amounts));
      expect(amounts).toContain(account.balance);
    },
  );

  it.prop([fc.array(fc.record({ money: fc.integer({ min: 0, max: 1000 }), fail: fc.boolean() }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 })], {
    numRuns: 10,
  })(title('lock.release-on-error'), async (deposits, size) => {
    const account = new Account();
    await using pool = new ThreadPool(size);
    // A deposit that throws does so between its read and its write, while it holds the lock. A lock
    // kept by mistake would stop every later deposit: the bound turns that into a failure, not a hang.
    const lockTimeoutMs = 10_000;
    const outcome = await pool.map(arrangedDepositTask, deposits.map(({ money, fail }) => ({ account: account.memory, money, fail, parties: 1, lockTimeoutMs }))).then(
      () => [],
      (error: PoolMapError) => error.errors,
    );
    expect(outcome.map((error) => (error.cause as Error).name)).toEqual(deposits.filter((each) => each.fail).map(() => 'DepositInterrupted'));
    expect(account.lock?.holder).toBeUndefined();
    const succeeded = sum(deposits.filter((each) => !each.fail).map((each) => each.money));
    expect(account.balance).toBe(succeeded);
    Account.attach(account.memory, { lockTimeoutMs, meanwhile: () => {} }).deposit(1);
    expect(account.balance).toBe(succeeded + 1);
  });
});

describe('Thread: bad input and misuse of the lock get a clear error', () => {
  it.prop([fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53))])(
    'a deposit must be a whole number of yen, 0 or more',
    (money) => {
      const account = new Account({ meanwhile: () => {} });
      expect(() => account.deposit(money)).toThrow(`A deposit must be a whole number of yen (the balance counts ¥1 units), 0 or more; got ${String(money)}`);
      expect(account.lock?.holder).toBeUndefined();
    },
  );

  it('releasing a free lock, releasing twice, and taking it twice are refused', () => {
    const lock = new Lock();
    expect(() => lock.release()).toThrow('Thread 0 released a lock that is not held (released twice?)');
    lock.acquire();
    expect(lock.holder).toBe(0);
    expect(() => lock.acquire()).toThrow('Thread 0 already holds this lock; a Lock is not re-entrant');
    lock.release();
    expect(() => lock.release()).toThrow('released a lock that is not held');
    expect(() => lock.acquire(-1)).toThrow('A lock timeout must be a number of ms, 0 or more, got -1');
    expect(() => new Lock(new ArrayBuffer(4) as unknown as SharedArrayBuffer)).toThrow(/needs a SharedArrayBuffer/);
  });

  it('a thread cannot release a lock another thread holds', async () => {
    const lock = new Lock();
    lock.acquire();
    const thread = new Thread(releaseOthersLockTask, [lock.buffer]);
    thread.start();
    await expect(thread.join()).rejects.toThrow(/Thread \d+ cannot release a lock held by thread 0/);
    lock.release();
  });

  it('a lock whose holder died is not a silent deadlock: acquire with a timeout names the holder', async () => {
    const lock = new Lock();
    const thread = new Thread(dieHoldingLockTask, [lock.buffer]);
    thread.start();
    await expect(thread.join()).rejects.toThrow(/exited with code 3/);
    expect(() => lock.acquire(50)).toThrow(new LockTimeoutError(`Timed out after 50 ms waiting for the lock held by thread ${thread.threadId}`));
  });

  it('joining a thread that was never started is refused', async () => {
    const thread = new Thread(addMoneyTask, [new Account().memory, 1]);
    await expect(thread.join()).rejects.toThrow('can only join a thread that was started; call start() first');
  });
});
