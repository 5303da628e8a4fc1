/** Lesson 5 as its hint shows it (lessons/5-account/lesson.ts reads it from here): the meta-spec judges it, so a hint never teaches a mistake. */
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
