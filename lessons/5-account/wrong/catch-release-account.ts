/** Lesson 5 with the lock released in `catch` and after it: a deposit that throws releases it, then releases it again, and its own error is lost. */
import { Account as AccountBase } from '../../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(money);
    } catch (error) {
      this.lock.release();
      throw error;
    } finally {
      this.lock.release();
    }
  }
}
