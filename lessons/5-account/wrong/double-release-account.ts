/** Lesson 5 with the lock released in `try` and again in `finally`: the second release, of a lock no longer held, throws. */
import { Account as AccountBase } from '../../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(money);
      this.lock.release();
    } finally {
      this.lock.release();
    }
  }
}
