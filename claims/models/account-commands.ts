/**
 * The account model's commands: each one of the Account's public operations, made from the main thread or
 * from a worker, through the program's own Account or another over the same memory, and the promise it
 * checks. A command that finds the account and the model parting says so with the step's number, the
 * call, the promise, what ours gives and what the account did.
 */
import type * as fc from 'fast-check';
import type { Account, AccountMemory } from '../../src/account.ts';
import { Lock } from '../../src/lock.ts';
import { type Deposited, type Did, did, type Held, type Released, type Via } from '../tasks/account-asks.ts';
import type { ModelThread } from './account-threads.ts';
import { part } from './part.ts';

export type AccountClass = typeof Account;

/** What the contract needs to know of the account to say what it promises next. */
export interface Model {
  balance: number;
  /** The steps taken so far: a failure names its own. */
  step: number;
}

export type Who = 'the main thread' | 'thread A' | 'thread B';

export interface Real {
  readonly Account: AccountClass;
  /** The program's account, made by `new Account()` in the main thread. */
  readonly account: Account;
  readonly threads: { readonly 'thread A': ModelThread; readonly 'thread B': ModelThread };
  readonly boundMs: number;
}

export type AccountCommand = fc.AsyncCommand<Model, Real>;

/** The document's `time.sleep(0.01)`: a deposit takes no less. Its wait and this clock are read a moment apart, hence the half ms. */
const sleptMs = 9.5;

const refusedMoney = (money: number) =>
  `throws RangeError: A deposit must be a whole number of yen (the balance counts ¥1 units), 0 or more; got ${String(money)}`;
const refusedBalance = (money: number) =>
  `throws RangeError: A balance above ¥${Number.MAX_SAFE_INTEGER} would not be exact; the deposit of ¥${money} is refused`;

/** What a deposit of `money` promises on a balance of `balance`: a refusal in words, or that it adds it. */
function promisedFor(balance: number, money: number): Did {
  if (!Number.isSafeInteger(money) || money < 0) return refusedMoney(money);
  return Number.isSafeInteger(balance + money) ? 'returns' : refusedBalance(money);
}

const lockOf = (memory: AccountMemory) => new Lock(memory.lock);
const through = (real: Real, via: Via) => (via === 'its own Account' ? real.account : new real.Account(real.account.memory));
const showVia = (via: Via) => (via === 'its own Account' ? '' : ', through another Account over the same memory');

/** A deposit in the main thread, as a thread's answer says one. */
function depositHere(real: Real, money: number, via: Via): Deposited {
  const start = performance.now();
  const deposited = did(() => through(real, via).deposit(money));
  return { did: deposited, ms: performance.now() - start, holderAfter: lockOf(real.account.memory).holder };
}

async function depositBy(real: Real, who: Who, money: number, via: Via, what: string): Promise<Deposited> {
  if (who === 'the main thread') return depositHere(real, money, via);
  const answer = await real.threads[who].ask({ op: 'deposit', money, via }, what);
  return (answer as { deposited: Deposited }).deposited;
}

/** After any deposit, ended as it ended: the balance is the model's, and the lock is free. */
function judgeDeposit(model: Model, real: Real, call: string, promised: Did, { did: yours, ms, holderAfter }: Deposited): void {
  if (yours !== promised) {
    const promise =
      promised === 'returns' ? 'a deposit of a whole number of yen, 0 or more, returns' : 'a bad deposit is refused, with its own class and words';
    part(model, call, promise, promised, yours, promised === 'returns' ? undefined : 'account.bad-money-accepted');
  }
  const balance = real.account.balance;
  if (balance !== model.balance) {
    const promise = promised === 'returns' ? 'a deposit adds exactly its money' : 'a refused deposit leaves the balance as it was';
    part(model, call, promise, `balance ${model.balance}`, `balance ${balance}`, 'account.deposit-lost');
  }
  if (holderAfter !== undefined) {
    const promise = "the account's lock is free once a deposit has ended, however it ended (released in finally)";
    part(model, call, promise, 'free', `held by thread ${holderAfter}`, 'lock.still-held');
  }
  // The real clock, read in the thread that deposited: no sooner than the sleep, and not seconds for milliseconds
  // (a deposit 1,000 times late outlasts the case's bound, which a loaded machine's 10 ms never nears).
  if (promised === 'returns' && !(ms >= sleptMs && ms <= real.boundMs)) {
    const ours = `between ${sleptMs} and ${Math.round(real.boundMs)} ms`;
    part(model, call, "a deposit sleeps the document's 10 ms between its read and its write", ours, `${ms.toFixed(2)} ms`);
  }
}

export class DepositCommand implements AccountCommand {
  readonly money: number | 'up to MAX_SAFE_INTEGER';
  readonly who: Who;
  readonly via: Via;
  constructor(money: number | 'up to MAX_SAFE_INTEGER', who: Who, via: Via) {
    this.money = money;
    this.who = who;
    this.via = via;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    // To the brim: the largest deposit the balance can take exactly, after which only ¥0 is.
    const money = this.money === 'up to MAX_SAFE_INTEGER' ? Number.MAX_SAFE_INTEGER - model.balance : this.money;
    const call = `deposit(${String(money)}) in ${this.who}${showVia(this.via)}`;
    const promised = promisedFor(model.balance, money);
    const deposited = await depositBy(real, this.who, money, this.via, `Step ${model.step}, ${call}`);
    if (promised === 'returns') model.balance += money;
    judgeDeposit(model, real, call, promised, deposited);
  }
  toString = () => `deposit(${this.money === 'up to MAX_SAFE_INTEGER' ? 'MAX_SAFE_INTEGER - balance' : String(this.money)}) in ${this.who}${showVia(this.via)}`;
}

export class BalanceCommand implements AccountCommand {
  readonly who: Who;
  readonly via: Via;
  constructor(who: Who, via: Via) {
    this.who = who;
    this.via = via;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const yours =
      this.who === 'the main thread'
        ? did(() => through(real, this.via).balance)
        : ((await real.threads[this.who].ask({ op: 'balance', via: this.via }, `Step ${model.step}, ${this}`)) as { read: Did }).read;
    const promise = 'every Account over the same memory, in any thread, reads the same balance';
    if (yours !== `returns ${model.balance}`) part(model, String(this), promise, `returns ${model.balance}`, yours, 'account.deposit-lost');
  }
  toString = () => `balance in ${this.who}${showVia(this.via)}`;
}

/**
 * A deposit made while another thread holds the account's lock: it must wait, asleep, and complete once the
 * lock is released. The holder lets go only once it has found the deposit asleep on the lock (a state, not a
 * time), so a deposit that returns while the holder still holds it did not wait.
 */
export class ContendedDepositCommand implements AccountCommand {
  readonly money: number;
  readonly holder: 'thread A' | 'thread B';
  readonly depositor: Who;
  constructor(money: number, holder: 'thread A' | 'thread B', depositor: Who) {
    this.money = money;
    this.holder = holder;
    this.depositor = depositor;
  }
  // Only a deposit the balance can take: a refused one may be refused before or after it waits.
  check = (model: Readonly<Model>) => Number.isSafeInteger(model.balance + this.money);
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const call = String(this);
    const what = `Step ${model.step}, ${call}`;
    const holding = real.threads[this.holder];
    const stop = new SharedArrayBuffer(4);
    const request = holding.send({ op: 'hold', stop, boundMs: real.boundMs });
    const { holder } = ((await holding.answer(request, `${what}: taking the lock`)) as { held: Held }).held;
    const deposited = await depositBy(real, this.depositor, this.money, 'its own Account', what);
    Atomics.store(new Int32Array(stop), 0, 1);
    Atomics.notify(new Int32Array(stop), 0);
    const { waiterSeen, balanceWhileHeld } = ((await holding.answer(request, `${what}: releasing the lock`)) as { released: Released }).released;
    const promise = "a deposit waits, asleep, while another thread holds the account's lock, and completes once it is released";
    if (deposited.holderAfter === holder)
      part(model, call, promise, 'waits', `returned (${deposited.did}) while ${this.holder} still held the lock`, 'account.lock-not-waited');
    if (balanceWhileHeld !== model.balance)
      part(model, call, promise, `balance ${model.balance} while the lock is held`, `balance ${balanceWhileHeld}`, 'account.lock-not-waited');
    if (!waiterSeen && deposited.did === 'returns')
      part(model, call, promise, 'waits asleep on the lock (Atomics.wait)', 'was never found asleep on it', 'account.lock-not-waited');
    model.balance += this.money;
    judgeDeposit(model, real, call, 'returns', deposited);
  }
  toString = () => `deposit(${this.money}) in ${this.depositor} while ${this.holder} holds the lock`;
}

export class NewAccountCommand implements AccountCommand {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    let fresh = real.account;
    const made = did(() => {
      fresh = new real.Account();
    });
    if (made !== 'returns') part(model, String(this), 'an Account needs no argument: its memory is its own', 'returns', made);
    const own = fresh.memory.balance !== real.account.memory.balance && fresh.memory.lock !== real.account.memory.lock;
    const yours = `balance ${did(() => fresh.balance)}, ${own ? 'in memory of its own' : "sharing the program's account's memory"}`;
    const ours = 'balance returns 0, in memory of its own';
    if (yours !== ours) part(model, String(this), 'a new Account() starts at ¥0, in a balance and a lock of its own', ours, yours);
  }
  toString = () => 'new Account()';
}

export type BadMemory = 'null' | 'a balance in an ArrayBuffer' | 'a balance of 4 bytes' | 'no lock';

const badMemories: Record<BadMemory, () => unknown> = {
  null: () => null,
  'a balance in an ArrayBuffer': () => ({ balance: new ArrayBuffer(8), lock: new SharedArrayBuffer(4) }),
  'a balance of 4 bytes': () => ({ balance: new SharedArrayBuffer(4), lock: new SharedArrayBuffer(4) }),
  'no lock': () => ({ balance: new SharedArrayBuffer(8) }),
};

const notMemory = 'throws TypeError: An Account needs the `memory` of an Account: a balance in a SharedArrayBuffer of 8 bytes, and a lock';

export class BadMemoryCommand implements AccountCommand {
  readonly memory: BadMemory;
  constructor(memory: BadMemory) {
    this.memory = memory;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const ours = notMemory;
    const yours = did(() => {
      new real.Account(badMemories[this.memory]() as AccountMemory);
    });
    if (yours !== ours) part(model, String(this), "memory that is not an Account's is refused with a TypeError saying so", ours, yours);
  }
  toString = () => `new Account(${this.memory === 'null' ? 'null' : `memory with ${this.memory}`})`;
}
