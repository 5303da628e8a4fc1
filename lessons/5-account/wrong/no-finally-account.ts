/** Lesson 5, with the lock released after add, not in finally: a deposit that throws keeps the lock. */
import { Account as AccountBase } from '../../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    this.add(money);
    this.lock.release();
  }
}
