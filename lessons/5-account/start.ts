/**
 * Lesson 5 of 5: Account.deposit, with the lock.
 *
 * The claims (lock.exact-balance): with the lock, any number of threads depositing any amounts leave
 * exactly the sum: 100 threads depositing ¥1 leave ¥100. And (lock.release-on-error): the lock is
 * released in finally: after deposits that throw, it is free, later deposits proceed, and the balance
 * is the sum of the deposits that succeeded.
 *
 * The document's deposit reads the balance, sleeps, and writes the balance plus the money: `add(money)`
 * below does exactly that. Two threads that deposit at once can both read ¥0 and both write their own
 * amount: one deposit is lost. Python's answer is `with lock:`, which takes the lock, and releases it
 * however the block ends, even when it throws. Rewrite `deposit()` so that it holds `this.lock` (a Lock
 * like the one you wrote, shared by every thread given this account's memory) around `add`.
 *
 * The judge runs deposits in real threads, under every schedule of their Atomics steps that preempts
 * a thread at most twice; in some, `add` throws halfway.
 *
 * And the contract our Account keeps, which the judge holds yours to as well: a deposit of bad money
 * (¥1.5, -1, NaN, or one that takes the balance past Number.MAX_SAFE_INTEGER) is refused by add()'s
 * RangeError, which reaches the caller as it is; and a deposit, from the main thread or a worker, waits
 * while another thread holds this.lock, then completes.
 *
 * `npm run learn` judges this file. Stuck? `npm run learn -- --hint`.
 */
import { Account as AccountBase } from '../../src/account.ts';

export class Account extends AccountBase {
  /** Adds `money` to the balance. As it stands, this is the document's deposit without its lock. */
  override deposit(money: number): void {
    this.add(money);
  }
}
