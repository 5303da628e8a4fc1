/** Our answer to lesson 5, shown whole by `npm run learn -- --solution` (lessons/hint.ts): the meta-spec pastes it in place of a learner's file and judges it. */
import { Account as AccountBase } from '../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(money);
    } finally {
      this.lock.release();
    }
  }
}
