/** Task modules of the tour: the document's tasks, timed with the one clock every process and thread shares. */
import process from 'node:process';
import { threadId } from 'node:worker_threads';
import { Account, type AccountMemory, sleepBlocking } from '../../src/account.ts';
import { Barrier } from '../../src/barrier.ts';
import { Lock } from '../../src/lock.ts';
import { taskRef } from '../../src/task.ts';
import { download, timeToDownload } from '../../src/tasks/download.ts';
import { now } from './clock.ts';

export interface Span {
  readonly pid: number;
  readonly threadId: number;
  readonly from: number;
  readonly to: number;
}

/** The document's `download_task`, saying when it ran and where: what a pool's timeline is drawn from. */
export async function timedDownload(filename: string): Promise<Span> {
  const from = now();
  await download(filename, timeToDownload());
  return { pid: process.pid, threadId, from, to: now() };
}

/** Three moments per deposit, written where the main thread can read them: a thread returns nothing, as in Python. */
export const SLOTS_PER_DEPOSIT = 3;

export interface TimedDeposit {
  readonly account: AccountMemory;
  readonly money: number;
  /** Every deposit waits here first, so that all of them contend at once. */
  readonly startLine: SharedArrayBuffer;
  readonly parties: number;
  /** A Float64Array's memory: this deposit's moments go to `[index * 3, index * 3 + 3)`. */
  readonly times: SharedArrayBuffer;
  readonly index: number;
}

/** The document's `AddMoneyThread.run`, noting when it asked for the lock, got it, and let it go. */
export function timedDeposit(deposit: TimedDeposit): void {
  new Barrier(deposit.startLine).arrive(deposit.parties);
  const times = new Float64Array(deposit.times, deposit.index * SLOTS_PER_DEPOSIT * 8, SLOTS_PER_DEPOSIT);
  times[0] = now();
  // The moment the lock is let go, so that one thread's bar ends before the next one's begins.
  class TimedLock extends Lock {
    override release(): void {
      times[2] = now();
      super.release();
    }
  }
  const account = Account.attach(deposit.account, {
    lockType: TimedLock,
    // The document's sleep(0.01) between the read and the write; the read happens just before.
    meanwhile() {
      times[1] = now();
      sleepBlocking(10);
    },
  });
  account.deposit(deposit.money);
  // Without a lock, the deposit ends when it returns.
  if (account.lock === undefined) times[2] = now();
}

export const timedDownloadTask = taskRef<typeof timedDownload>(import.meta.url, 'timedDownload');
export const timedDepositTask = taskRef<typeof timedDeposit>(import.meta.url, 'timedDeposit');
