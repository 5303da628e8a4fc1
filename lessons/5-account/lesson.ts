/** Lesson 5: Account.deposit holds the lock, and releases it in `finally`. */

import { accountModel } from '../../claims/models/account.ts';
import type { AccountCommand } from '../../claims/models/account-commands.ts';
import { exactBalance, releaseOnError } from '../../claims/properties/lock.ts';
import { everyScheduleExactBalance, everyScheduleReleaseOnError } from '../../claims/properties/schedules.ts';
import { byRef, realBank } from '../adapters.ts';
import type { Lesson } from '../lesson.ts';

export const lesson: Lesson = {
  name: 'account',
  title: 'Account.deposit: hold the lock, release it in finally',
  file: '5-account.ts',
  export: 'Account',
  ours: 'src/account.ts',
  checks: [
    {
      claim: 'lock.exact-balance',
      property: everyScheduleExactBalance,
      judged: byRef,
      shown: (amounts: number[]) => `two deposits, of ${amounts.map((each) => `¥${each}`).join(' and ')}`,
    },
    {
      claim: 'lock.release-on-error',
      property: everyScheduleReleaseOnError,
      judged: byRef,
      shown: (planned: { money: number; fail: boolean }[]) =>
        `two deposits: ${planned.map(({ money, fail }) => `¥${money}${fail ? ', which throws halfway' : ''}`).join('; ')}`,
    },
    // The same claims in real threads at full speed, as the document runs them: many deposits at once.
    {
      claim: 'lock.exact-balance',
      property: exactBalance,
      judged: realBank,
      lane: 1,
      shown: (amounts: number[]) => `${amounts.length} threads at once, depositing ${amounts.map((each) => `¥${each}`).join(', ')}`,
    },
    {
      claim: 'lock.release-on-error',
      property: releaseOnError,
      judged: realBank,
      lane: 1,
      shown: (deposits: { money: number; fail: boolean }[], size: number) =>
        `a ThreadPool(${size}) making ${deposits.length} deposits, ${deposits.filter((each) => each.fail).length} of them throwing halfway`,
    },
    // The rest of what ours keeps: the whole contract, as a model (claims/models/account.ts).
    {
      contract:
        "a deposit from any thread adds exactly its money, bad money is refused with add()'s RangeError, and a deposit waits for a lock another thread holds",
      property: accountModel,
      judged: realBank,
      shown: (program: Iterable<AccountCommand>) => `the program: ${[...program].map(String).join('; ')}`,
    },
  ],
  mistakes: [
    {
      id: 'account.deposit-lost',
      mistake: 'A deposit was lost: two deposits read the same balance. Hold this.lock from before add() reads the balance until after it writes it.',
      look: 'deposit',
    },
    {
      id: ['lock.still-held', 'schedule.deadlock'],
      mistake: 'A deposit that threw kept the lock, and the next deposit waited forever: release it in `finally`, so that it is released however add() ends.',
      look: 'deposit',
    },
    {
      id: 'account.error-swallowed',
      mistake:
        'A deposit that threw returned as if it had succeeded: its error must reach the caller. Release the lock in `finally`, and do not catch the error (or throw it again).',
      look: 'deposit',
    },
    {
      id: 'lock.released-unheld',
      mistake:
        'A deposit released the lock twice, or released a lock it had not taken: take it once before the `try`, and release it once, in `finally` alone.',
      look: 'deposit',
    },
    {
      id: 'account.bad-money-accepted',
      mistake:
        "A deposit of bad money (¥1.5, -1, NaN, or one that takes the balance past Number.MAX_SAFE_INTEGER) must be refused as add() refuses it: add()'s RangeError, its class and its words, reaches the caller. Do not round or fix the money, and do not catch add()'s error to throw another.",
      look: 'deposit',
    },
    {
      id: 'account.lock-not-waited',
      mistake:
        "A deposit went ahead while another thread held the account's lock: take this.lock, the lock in the account's memory that every thread shares, and wait for it with acquire(), never a lock of your own.",
      look: 'deposit',
    },
  ],
  hints: [
    "The lock must be held across the whole of add(), its read, its sleep and its write, and let go however add() ends, even when it throws: that is what Python's `with lock:` does.",
    'In deposit(): this.lock.acquire() first, then this.add(money) in a try, and this.lock.release() in its finally. Not in a catch (a deposit that did not throw would keep the lock), and not after the try (one that threw would), and the acquire outside the try: if it threw, there is nothing to release.',
  ],
  taught:
    "A lock makes a read-sleep-write one step to every other thread that takes it too; `finally` is Python's `with lock:`: the lock is released however the block ends, so one failed deposit cannot stop all the others.",
  hangs: 'a deposit that waits for a lock nobody will release',
  legend:
    "Each thread makes one deposit. 'sleeps' and 'wakes' are the document's sleep between reading the balance and writing it; the lock's cell is told as `free (0)`, or as the thread of this story that holds it, its self (Node threadId + 1) in brackets: `thread 2 (13)`.",
};
