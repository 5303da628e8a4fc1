/** Task modules of the tour: the document's tasks, timed with the one clock every process and thread shares. */
import process from 'node:process';
import { threadId } from 'node:worker_threads';
import { Barrier } from '../../claims/support/barrier.ts';
import { Account, type AccountMemory } from '../../src/account.ts';
import { taskRef } from '../../src/runtime/task.ts';
import { download, timeToDownload } from '../../src/tasks/download.ts';
import { UnlockedAccount } from '../../src/unlocked-account.ts';
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
  /** The document's Account, or the same without its lock. */
  readonly locked: boolean;
  readonly money: number;
  /** Every deposit waits here first, so that all of them contend at once. */
  readonly startLine: SharedArrayBuffer;
  readonly parties: number;
  /** A Float64Array's memory: this deposit's moments go to `[index * 3, index * 3 + 3)`. */
  readonly times: SharedArrayBuffer;
  readonly index: number;
}

/** The document's `AddMoneyThread.run`, noting when it asked for the lock, read the balance, and wrote it. */
export function timedDeposit(deposit: TimedDeposit): void {
  new Barrier(deposit.startLine).arrive(deposit.parties);
  const times = new Float64Array(deposit.times, deposit.index * SLOTS_PER_DEPOSIT * 8, SLOTS_PER_DEPOSIT);
  times[0] = now();
  // The account's own deposit, timed around its sleep: the read happens just before, the write just after.
  class TimedAccount extends (deposit.locked ? Account : UnlockedAccount) {
    protected override add(money: number): void {
      super.add(money);
      times[2] = now();
    }
    protected override pause(): void {
      times[1] = now();
      super.pause();
    }
  }
  new TimedAccount(deposit.account).deposit(deposit.money);
}

export const timedDownloadTask = taskRef<typeof timedDownload>(import.meta.url, 'timedDownload');
export const timedDepositTask = taskRef<typeof timedDeposit>(import.meta.url, 'timedDeposit');
