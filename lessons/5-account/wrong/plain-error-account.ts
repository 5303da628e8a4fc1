/** Lesson 5 with a deposit that catches add()'s error and throws a plain Error of its words, as `catch (error)` gives an `unknown`: the RangeError's class is lost. */
import { Account as AccountBase } from '../../../src/account.ts';

export class Account extends AccountBase {
  override deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(money);
    } catch (error) {
      throw new Error((error as Error).message);
    } finally {
      this.lock.release();
    }
  }
}
