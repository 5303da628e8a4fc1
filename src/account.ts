import { Lock } from './lock.ts';

/** The memory an Account lives in: send this to a worker, and `Account.attach` it there. */
export interface AccountMemory {
  readonly balance: SharedArrayBuffer;
  /** `null` for an account that deposits without a lock. */
  readonly lock: SharedArrayBuffer | null;
}

/** What an Account needs of a lock: ours (`Lock`), or another made over the same shared memory. */
export interface LockLike {
  readonly holder: number | undefined;
  acquire(timeoutMs?: number): void;
  release(): void;
}

export interface AccountOptions {
  /** The document's Account locks; `false` shows what happens without. */
  readonly locked?: boolean;
  /** The lock to build over the account's lock memory: `Lock` unless you bring your own. */
  readonly lockType?: new (
    buffer: SharedArrayBuffer,
  ) => LockLike;
  /** What happens between reading the balance and writing it: the document's `sleep(0.01)` by default. */
  readonly meanwhile?: () => void;
  /** How long a deposit waits for the lock before failing (forever by default, as in the document). */
  readonly lockTimeoutMs?: number;
}

/** The largest balance in yen that stays an exact integer in a JavaScript number. */
const MAX_YEN = Number.MAX_SAFE_INTEGER;

/** Blocks this thread, as Python's `time.sleep` blocks a thread. */
export function sleepBlocking(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The document's bank account. Its balance counts whole yen (¥) and lives in a SharedArrayBuffer, so
 * every thread that attaches it sees the same balance. `deposit` does what the document's does: read
 * the balance, sleep 10 ms, write the new balance, holding the lock throughout and releasing it in
 * `finally`, so that it is released even when the deposit throws.
 */
export class Account {
  readonly memory: AccountMemory;
  readonly #balance: BigInt64Array;
  readonly #lock: LockLike | undefined;
  /** What happens between the read and the write. */
  protected readonly meanwhile: () => void;
  protected readonly lockTimeoutMs: number;

  /** A new account at ¥0; with `memory`, the account living there (made in another thread). */
  constructor(options: AccountOptions & { readonly memory?: AccountMemory } = {}) {
    const memory = options.memory ?? {
      balance: new SharedArrayBuffer(8),
      lock: options.locked === false ? null : new SharedArrayBuffer(4),
    };
    if (!(memory.balance instanceof SharedArrayBuffer) || memory.balance.byteLength < 8) {
      throw new TypeError('An Account needs the `memory` of an Account: a balance in a SharedArrayBuffer of 8 bytes');
    }
    this.memory = memory;
    this.#balance = new BigInt64Array(memory.balance, 0, 1);
    const LockType = options.lockType ?? Lock;
    this.#lock = memory.lock === null ? undefined : new LockType(memory.lock);
    this.meanwhile = options.meanwhile ?? (() => sleepBlocking(10));
    this.lockTimeoutMs = options.lockTimeoutMs ?? Number.POSITIVE_INFINITY;
  }

  /** The same account, in another thread: `Account.attach(memory)` with the memory it was sent. */
  static attach<A extends Account>(
    this: new (
      options: AccountOptions & { memory: AccountMemory },
    ) => A,
    memory: AccountMemory,
    options: Omit<AccountOptions, 'locked'> = {},
  ): A {
    return new this({ ...options, memory });
  }

  get balance(): number {
    return Number(Atomics.load(this.#balance, 0));
  }

  /** The lock guarding deposits, or `undefined` for an account without one. */
  get lock(): LockLike | undefined {
    return this.#lock;
  }

  deposit(money: number): void {
    if (!Number.isSafeInteger(money) || money < 0) {
      throw new RangeError(`A deposit must be a whole number of yen (the balance counts ¥1 units), 0 or more; got ${String(money)}`);
    }
    if (this.#lock === undefined) {
      this.readSleepWrite(money);
      return;
    }
    this.#lock.acquire(this.lockTimeoutMs);
    try {
      this.readSleepWrite(money);
    } finally {
      this.#lock.release();
    }
  }

  /** The document's three steps, `new_balance = balance + money; sleep(0.01); balance = new_balance`. */
  protected readSleepWrite(money: number): void {
    const newBalance = this.balance + money;
    if (newBalance > MAX_YEN) throw new RangeError(`A balance above ¥${MAX_YEN} would not be exact; the deposit of ¥${money} is refused`);
    this.meanwhile();
    Atomics.store(this.#balance, 0, BigInt(newBalance));
  }
}
