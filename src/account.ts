import { Lock } from './lock.ts';

/** The shared memory an Account lives in: send it to a worker, and `new Account(memory)` there is the same account. */
export interface AccountMemory {
  readonly balance: SharedArrayBuffer;
  readonly lock: SharedArrayBuffer;
}

/** Blocks this thread, as Python's `time.sleep` blocks a thread. */
export function sleepBlocking(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The document's bank account: a balance in whole yen (¥) and a lock, both in shared memory, so that
 * every thread given the memory sees the same account. `deposit` reads the balance, sleeps 10 ms and
 * writes the new balance, holding the lock throughout and releasing it in `finally`.
 */
export class Account {
  readonly memory: AccountMemory;
  readonly lock: Lock;
  readonly #balance: BigInt64Array;

  constructor(memory: AccountMemory = { balance: new SharedArrayBuffer(8), lock: new SharedArrayBuffer(4) }) {
    // Without a lock of its memory's, Lock would make one of its own: an account that excludes no one.
    if (!(memory?.balance instanceof SharedArrayBuffer) || memory.balance.byteLength < 8 || !(memory.lock instanceof SharedArrayBuffer)) {
      throw new TypeError('An Account needs the `memory` of an Account: a balance in a SharedArrayBuffer of 8 bytes, and a lock');
    }
    this.memory = memory;
    this.lock = new Lock(memory.lock);
    this.#balance = new BigInt64Array(memory.balance, 0, 1);
  }

  get balance(): number {
    return Number(Atomics.load(this.#balance, 0));
  }

  deposit(money: number): void {
    this.lock.acquire();
    try {
      this.add(money);
    } finally {
      this.lock.release();
    }
  }

  /** The document's three steps: `new_balance = balance + money; sleep(0.01); balance = new_balance`. */
  protected add(money: number): void {
    if (!Number.isSafeInteger(money) || money < 0) {
      throw new RangeError(`A deposit must be a whole number of yen (the balance counts ¥1 units), 0 or more; got ${String(money)}`);
    }
    const newBalance = this.balance + money;
    if (!Number.isSafeInteger(newBalance))
      throw new RangeError(`A balance above ¥${Number.MAX_SAFE_INTEGER} would not be exact; the deposit of ¥${money} is refused`);
    this.pause();
    Atomics.store(this.#balance, 0, BigInt(newBalance));
  }

  /** The document's `time.sleep(0.01)`, between the read and the write. */
  protected pause(): void {
    sleepBlocking(10);
  }
}
