/** The document's `AddMoneyThread.run`: deposit `money` into the account whose memory we were sent. */
import { Account, type AccountMemory } from '../account.ts';
import { taskRef } from '../runtime/task.ts';

export function addMoney(account: AccountMemory, money: number): void {
  new Account(account).deposit(money);
}

export const addMoneyTask = taskRef<typeof addMoney>(import.meta.url, 'addMoney');
