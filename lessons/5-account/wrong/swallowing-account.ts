/** Lesson 5 with a deposit that swallows its error: the lock is released, but the caller never learns that the deposit failed. */
import { Account as AccountBase } from '../../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(money);
    } catch {
      // Swallowed: the deposit returns as if it had succeeded.
    } finally {
      this.lock.release();
    }
  }
}
