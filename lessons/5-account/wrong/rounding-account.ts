/** Lesson 5 with a deposit that rounds the money to whole yen before adding it: ¥1.5 becomes ¥2, where add() would refuse it. */
import { Account as AccountBase } from '../../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(Math.round(money));
    } finally {
      this.lock.release();
    }
  }
}
