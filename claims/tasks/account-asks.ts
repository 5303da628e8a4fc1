/**
 * What the account model's main thread and its workers (account-thread.ts) say to each other: the requests,
 * and the answers, which are text made in the thread that acted: an error's class does not survive the
 * crossing (a LockNotHeldError arrives as a plain Error).
 */
import { errorText } from '../models/outcome.ts';

/** Through which object a thread reaches the account: the one it made at its start, or one made for this call. */
export type Via = 'its own Account' | 'another Account over the same memory';

export type Ask =
  | { readonly op: 'deposit'; readonly money: number; readonly via: Via }
  | { readonly op: 'balance'; readonly via: Via }
  /** Take the account's lock, say so, and hold it until a deposit is seen waiting for it, or `stop` is set. */
  | { readonly op: 'hold'; readonly stop: SharedArrayBuffer; readonly boundMs: number };

/** What a call did: `returns`, `returns 5`, `throws RangeError: ...`. */
export type Did = string;

export interface Deposited {
  readonly did: Did;
  /** How long the deposit took, on this thread's clock. */
  readonly ms: number;
  /** Who held the account's lock the moment the deposit returned, as the lock says it. */
  readonly holderAfter: number | undefined;
}

export interface Held {
  readonly holder: number;
}

export interface Released {
  /** A deposit was found asleep on the lock's cell (Atomics.notify woke one): it waited, as promised. */
  readonly waiterSeen: boolean;
  /** The balance just before the release: no deposit may have written while the lock was held. */
  readonly balanceWhileHeld: number;
}

export type Answer = { readonly id: number } & (
  | { readonly deposited: Deposited }
  | { readonly read: Did }
  | { readonly held: Held }
  | { readonly released: Released }
);

/** What a synchronous call did, as the model says what it should. */
export function did(call: () => unknown): Did {
  try {
    const returned = call();
    return returned === undefined ? 'returns' : `returns ${String(returned)}`;
  } catch (error) {
    return `throws ${errorText(error)}`;
  }
}
