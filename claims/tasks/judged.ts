/**
 * Judged functions: what each thread does under the scheduler (scheduler/), on named shared memory.
 * Each takes the class it judges by module URL and export name (ours in src/, a broken one in
 * claims/counter-models/, or a learner's) and runs its real code, unchanged. A thread that breaks a promise throws, saying which,
 * and with the failure's id (claims/failures.ts), which crosses to the main thread with it.
 */
import type { Account } from '../../src/account.ts';
import { type Lock, LockNotHeldError } from '../../src/lock.ts';
import type { SharedCounter } from '../../src/shared-counter.ts';
import { failureIds, withId } from '../failures.ts';

/** A class, named by its module's URL and its export's name. */
export interface ClassRef {
  readonly module: string;
  readonly name: string;
}

async function load<T>(ref: ClassRef): Promise<T> {
  return ((await import(ref.module)) as Record<string, T>)[ref.name] as T;
}

export interface BankMemory extends Record<string, SharedArrayBuffer> {
  readonly balance: SharedArrayBuffer;
  readonly lock: SharedArrayBuffer;
}

/** The document's AddMoneyThread: one deposit; with `fail`, it throws between its read and its write. */
export async function deposit(memory: BankMemory, account: ClassRef, money: number, fail = false): Promise<void> {
  const AccountType = await load<typeof Account>(account);
  class Judged extends AccountType {
    protected override pause(): void {
      if (fail) throw new Error(`the deposit of ¥${money} was interrupted`);
      super.pause();
    }
  }
  const interrupted = `the deposit of ¥${money} was interrupted`;
  try {
    new Judged(memory).deposit(money);
  } catch (error) {
    // A failed deposit's own error reaches its caller: not swallowed, not replaced by another (a second release's).
    if (error instanceof LockNotHeldError) throw withId(error, 'lock.released-unheld');
    if (!fail || !(error instanceof Error) || error.message !== interrupted) throw error;
    return;
  }
  if (fail)
    throw withId(
      new Error(`the deposit that threw returned as if it succeeded: its error (${interrupted}) did not reach its caller`),
      'account.error-swallowed',
    );
}

export interface LockMemory extends Record<string, SharedArrayBuffer> {
  readonly lock: SharedArrayBuffer;
  /** How many threads are between acquire and release: never more than one. */
  readonly inside: SharedArrayBuffer;
}

/**
 * Takes the lock, or with a timeout gives up, but only once its time has passed (the lock being held all
 * along): false then. The scheduler's clock is virtual: it moves only when a timeout is let expire.
 */
function acquired(theLock: Lock, timeoutMs: number): boolean {
  const asked = performance.now();
  try {
    theLock.acquire(timeoutMs);
    return true;
  } catch (error) {
    // A timed acquire that gave up by another error: a caller catching LockTimeoutError misses it.
    if ((error as Error).name !== 'LockTimeoutError')
      throw Number.isFinite(timeoutMs) && failureIds(error).length === 0 ? withId(error, 'lock.wrong-timeout-error') : error;
    if (performance.now() - asked < timeoutMs)
      throw withId(new Error(`acquire gave up after ${Math.round(performance.now() - asked)} of its ${timeoutMs} ms`), 'lock.gave-up-early');
    return false;
  }
}

export interface GivingUpMemory extends Record<string, SharedArrayBuffer> {
  readonly lock: SharedArrayBuffer;
  /** 1 once the holder holds the lock. */
  readonly held: SharedArrayBuffer;
  /** 1 once the other thread has given up waiting for it. */
  readonly given: SharedArrayBuffer;
}

/** Takes the lock, and holds it until the other thread has given up waiting for it: held all along. */
export async function holdUntilGivenUp(memory: GivingUpMemory, lock: ClassRef): Promise<void> {
  const theLock = new (await load<typeof Lock>(lock))(memory.lock);
  const held = new Int32Array(memory.held);
  const given = new Int32Array(memory.given);
  theLock.acquire();
  Atomics.store(held, 0, 1);
  Atomics.notify(held, 0);
  while (Atomics.load(given, 0) === 0) Atomics.wait(given, 0, 0);
  theLock.release();
}

/** Once the lock is held, asks for it with a timeout: it must give up, and only once its time has passed. */
export async function giveUp(memory: GivingUpMemory, lock: ClassRef, timeoutMs: number): Promise<void> {
  const theLock = new (await load<typeof Lock>(lock))(memory.lock);
  const held = new Int32Array(memory.held);
  const given = new Int32Array(memory.given);
  while (Atomics.load(held, 0) === 0) Atomics.wait(held, 0, 0);
  try {
    if (acquired(theLock, timeoutMs)) throw new Error(`acquire(${timeoutMs}) returned though another thread held the lock all along`);
  } finally {
    Atomics.store(given, 0, 1);
    Atomics.notify(given, 0);
  }
}

/** Takes the lock `rounds` times, each time entering and leaving the critical section. */
export async function holdLock(memory: LockMemory, lock: ClassRef, rounds: number, timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
  const theLock = new (await load<typeof Lock>(lock))(memory.lock);
  const inside = new Int32Array(memory.inside);
  for (let round = 0; round < rounds; round++) {
    if (!acquired(theLock, timeoutMs)) continue;
    if (Atomics.add(inside, 0, 1) !== 0) throw withId(new Error('two threads held the lock at once'), 'lock.two-holders');
    Atomics.sub(inside, 0, 1);
    theLock.release();
  }
}

/**
 * Takes the lock once and releases it, with nothing between: what lock.no-lost-wakeup needs, in the
 * fewest steps (holdLock's critical section is mutual exclusion's to check).
 */
export async function takeLock(memory: LockMemory, lock: ClassRef, timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
  const theLock = new (await load<typeof Lock>(lock))(memory.lock);
  if (acquired(theLock, timeoutMs)) theLock.release();
}

/** Takes the lock, trying again whatever acquire throws: abandoned, it never comes back (the scheduler replaces it). */
export async function acquireStubbornly(memory: LockMemory, lock: ClassRef): Promise<void> {
  const theLock = new (await load<typeof Lock>(lock))(memory.lock);
  for (;;) {
    try {
      theLock.acquire();
      return;
    } catch {
      // Tries again.
    }
  }
}

/** Releases a lock it does not hold: that must be refused, leaving the lock to its holder. */
export async function releaseWithoutHolding(memory: LockMemory, lock: ClassRef): Promise<void> {
  const theLock = new (await load<typeof Lock>(lock))(memory.lock);
  try {
    theLock.release();
  } catch {
    return;
  }
  throw withId(new Error('released a lock it did not hold, and nobody stopped it'), 'lock.release-not-refused');
}

export interface CounterMemory extends Record<string, SharedArrayBuffer> {
  readonly counter: SharedArrayBuffer;
  readonly printed: SharedArrayBuffer;
}

/** The document's Ping/Pong on a shared counter: print (count a line) while the ticket taken is below `limit`. */
export async function pingPong(memory: CounterMemory, counter: ClassRef, limit: number): Promise<void> {
  const shared = new (await load<typeof SharedCounter>(counter))(memory.counter);
  const printed = new Int32Array(memory.printed);
  while (shared.increment() < limit) Atomics.add(printed, 0, 1);
}

/** Stores its own number in a shared cell: the last thread to store wins. */
export function storeOwnNumber(memory: { readonly cell: SharedArrayBuffer }, number: number): void {
  Atomics.store(new Int32Array(memory.cell), 0, number);
}

/** Waits on the second cell of `cells` for `timeoutMs`, and stores how the wait ended in the third: 1 woken, 2 timed out. */
export function waitOnSecondCell(memory: { readonly cells: SharedArrayBuffer }, timeoutMs: number): void {
  const cells = new Int32Array(memory.cells);
  Atomics.store(cells, 2, Atomics.wait(cells, 1, 0, timeoutMs) === 'ok' ? 1 : 2);
}

/** Wakes the waiters of cell `index` of `cells`: one waiting on another cell of the same memory sleeps on. */
export function notifyCell(memory: { readonly cells: SharedArrayBuffer }, index: number): void {
  Atomics.notify(new Int32Array(memory.cells), index);
}

/** Sleeps `ms` on memory of its own, as the document's time.sleep does, then stores 1 in `cell`. */
export function sleepAMoment(memory: { readonly cell: SharedArrayBuffer }, ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  Atomics.store(new Int32Array(memory.cell), 0, 1);
}

/** Stores how many arguments it was given besides the memory. */
export function storeArgumentCount(memory: { readonly cell: SharedArrayBuffer }, ...args: unknown[]): void {
  Atomics.store(new Int32Array(memory.cell), 0, args.length);
}

/** Wakes the waiters of cell 1 of `cells`, and stores in cell 0 how many it woke, as Atomics.notify returned it. */
export function notifyAndCount(memory: { readonly cells: SharedArrayBuffer }): void {
  const cells = new Int32Array(memory.cells);
  Atomics.store(cells, 0, Atomics.notify(cells, 1));
}

/** Loads `cell` until it is not 0, which no thread makes it: a livelock, every load a step. */
export function spinOnCell(memory: { readonly cell: SharedArrayBuffer }): void {
  const cell = new Int32Array(memory.cell);
  while (Atomics.load(cell, 0) === 0);
}
