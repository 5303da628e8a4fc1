import { Account } from './account.ts';

/** The document's account without its lock: deposits that overlap lose updates. */
export class UnlockedAccount extends Account {
  override deposit(money: number): void {
    this.add(money);
  }
}
