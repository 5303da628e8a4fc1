/**
 * The whole contract of Account, as one model (claims/models/account.ts): ours keeps it, from the main thread
 * and from workers, and each broken account in fixtures/broken-accounts.ts (and two of the claims'
 * counter-models), wrong in one way, is rejected by it, with a message that names the step where it parts
 * from the model.
 */
import { describe, expect, it } from 'vitest';
import { NoFinallyAccount, PlainFieldLockAccount } from '../claims/counter-models/accounts.ts';
import { accountModel, type JudgedAccount } from '../claims/models/account.ts';
import {
  CachedBalanceAccount,
  PlainErrorAccount,
  SecondsAsMsAccount,
  SharedDefaultAccount,
  ZeroingAccount,
  ZeroRefusingAccount,
} from '../fixtures/broken-accounts.ts';
import { Account } from '../src/account.ts';
import { expectRejected, rejectionBound } from './support/rejects.ts';
import { specify } from './support/specify.ts';

/** An Account class, and the same by module and name for the model's workers to load. */
const judged = (AccountType: typeof Account, module: string): JudgedAccount => ({
  Account: AccountType,
  accountClass: { module: new URL(module, import.meta.url).href, name: AccountType.name },
});

describe('The contract of Account as a model', () => {
  specify(accountModel, judged(Account, '../src/account.ts'));
});

const broken = '../fixtures/broken-accounts.ts';
const counterModels = '../claims/counter-models/accounts.ts';

const brokenAccounts: readonly { kind: string; name: string; account: JudgedAccount; why: RegExp }[] = [
  {
    kind: 'an edge of the input',
    name: 'a deposit of ¥0 refused',
    account: judged(ZeroRefusingAccount, broken),
    why: /^Step \d+, after deposit\(0\) in the main thread: a deposit of a whole number of yen, 0 or more, returns\. Ours gives: returns; yours: throws RangeError: Nothing to deposit$/,
  },
  {
    kind: 'a call made twice',
    name: 'a second Account over the same memory zeroing it',
    account: judged(ZeroingAccount, broken),
    why: /^Step \d+, after (deposit|balance)\(?.*: (a deposit adds exactly its money|every Account over the same memory, in any thread, reads the same balance)\. Ours gives: (balance|returns) \d+; yours: (balance|returns) \d+$/,
  },
  {
    kind: 'a call made twice',
    name: 'a refused deposit keeping the lock (released after add, not in finally)',
    account: judged(NoFinallyAccount, counterModels),
    why: /^Step \d+, after deposit\(1\.5\) in the main thread: the account's lock is free once a deposit has ended, however it ended \(released in finally\)\. Ours gives: free; yours: held by thread 0$/,
  },
  {
    kind: 'who calls',
    name: 'a lock in a plain field, which no other thread sees',
    account: judged(PlainFieldLockAccount, counterModels),
    why: /^Step \d+, after deposit\(3\) in the main thread while thread A holds the lock: a deposit waits, asleep, while another thread holds the account's lock.*yours: returned \(returns\) while thread A still held the lock$/,
  },
  {
    kind: 'who calls',
    name: 'a balance read from a field of its own, not from the memory',
    account: judged(CachedBalanceAccount, broken),
    why: /^Step \d+, after deposit\(5\) in the main thread, through another Account over the same memory: a deposit adds exactly its money\. Ours gives: balance 5; yours: balance 0$/,
  },
  {
    kind: 'time',
    name: "the document's sleep of 0.01 s taken as 0.01 ms",
    account: judged(SecondsAsMsAccount, broken),
    // Usually at the first deposit; under load a deposit can be held up 10 ms by the machine, sleep or not,
    // and the next one that is not shows it (step 7, once, with two busy loops a core).
    why: /^Step \d+, after deposit\(\d+\) in [^:]+: a deposit sleeps the document's 10 ms between its read and its write\. Ours gives: between 9\.5 and \d+ ms; yours: \d\.\d+ ms$/,
  },
  {
    kind: 'a default',
    name: 'one memory shared by every new Account()',
    account: judged(SharedDefaultAccount, broken),
    why: /^Step 1, after new Account\(\): a new Account\(\) starts at ¥0, in a balance and a lock of its own\. .*yours: balance returns 0, sharing the program's account's memory$/,
  },
  {
    kind: "an error's identity",
    name: 'bad money refused with a plain Error',
    account: judged(PlainErrorAccount, broken),
    why: /^Step \d+, after deposit\(1\.5\) in the main thread: a bad deposit is refused, with its own class and words\. Ours gives: throws RangeError: .*; yours: throws Error: A deposit must be a whole number of yen/,
  },
];

describe('Every promise of the model can fail: it rejects each broken account at the step where it parts', () => {
  for (const { kind, name, account, why } of brokenAccounts) {
    it(`the account model rejects ${name} (${kind})`, async () => {
      // The program run first every time reaches each broken promise: the first failing case is the one to read.
      expect(await expectRejected(accountModel, account, await rejectionBound(), name, { shrink: false })).toMatch(why);
    });
  }
});
