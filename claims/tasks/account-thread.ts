/**
 * A thread of the account model (claims/models/account.ts), started once per case: it makes the judged
 * Account over the case's memory, then does what the model asks, one message at a time, and answers with
 * what happened in the model's words (account-asks.ts).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { Account, AccountMemory } from '../../src/account.ts';
import { Lock } from '../../src/lock.ts';
import { type Ask, did, type Held, type Released, type Via } from './account-asks.ts';
import type { ClassRef } from './judged.ts';

/** How often the holder looks for a sleeper: often enough that a waiting deposit is let go at once. */
const lookEveryMs = 1;

function hold(memory: AccountMemory, stop: SharedArrayBuffer, boundMs: number, answer: (held: Held) => void): Released {
  const lock = new Lock(memory.lock);
  lock.acquire();
  answer({ holder: threadId });
  const stopped = new Int32Array(stop);
  const deadline = performance.now() + boundMs;
  let waiterSeen = false;
  // A deposit asleep on the lock's cell is woken by this notify, finds the lock still held, and sleeps again:
  // the count of those woken is the proof that one waits, a state, not a time.
  while (!waiterSeen && Atomics.load(stopped, 0) === 0 && performance.now() < deadline) {
    waiterSeen = Atomics.notify(new Int32Array(memory.lock, 0, 1), 0, 1) > 0;
    if (!waiterSeen) Atomics.wait(stopped, 0, 0, lookEveryMs);
  }
  // Read from the memory itself, not through the class judged: what was written there while the lock was held.
  const balanceWhileHeld = Number(Atomics.load(new BigInt64Array(memory.balance, 0, 1), 0));
  lock.release();
  return { waiterSeen, balanceWhileHeld };
}

async function serve({ accountClass, memory }: { readonly accountClass: ClassRef; readonly memory: AccountMemory }): Promise<void> {
  const AccountType = ((await import(accountClass.module)) as Record<string, typeof Account>)[accountClass.name] as typeof Account;
  const own = new AccountType(memory);
  const through = (via: Via) => (via === 'its own Account' ? own : new AccountType(memory));
  const port = parentPort;
  port?.on('message', ({ id, ask }: { id: number; ask: Ask }) => {
    if (ask.op === 'balance') return port.postMessage({ id, read: did(() => through(ask.via).balance) });
    if (ask.op === 'hold') {
      const released = hold(memory, ask.stop, ask.boundMs, (held) => port.postMessage({ id, held }));
      return port.postMessage({ id, released });
    }
    const start = performance.now();
    const deposited = did(() => through(ask.via).deposit(ask.money));
    const ms = performance.now() - start;
    port.postMessage({ id, deposited: { did: deposited, ms, holderAfter: new Lock(memory.lock).holder } });
  });
}

await serve(workerData);
