/**
 * The brute-force witness's tasks (spec/witness.spec.ts): real threads, no scheduler, no sleep, as fast
 * as they go, all starting together at a barrier. What they leave in shared memory is the outcome.
 */

import type { Lock } from '../../src/lock.ts';
import { taskRef } from '../../src/runtime/task.ts';
import type { SharedCounter } from '../../src/shared-counter.ts';
import { Barrier } from '../support/barrier.ts';
import type { ClassRef } from './judged.ts';

export interface Hammering {
  /** The class hammered, by module URL and export name: ours, or a broken one. */
  readonly implementation: ClassRef;
  readonly rounds: number;
  readonly start: SharedArrayBuffer;
  readonly parties: number;
  /** The lock or counter's own memory, a balance, and how many releases were refused. */
  readonly memory: { readonly shared: SharedArrayBuffer; readonly balance: SharedArrayBuffer; readonly refused: SharedArrayBuffer };
}

async function load<T>(ref: ClassRef): Promise<T> {
  return ((await import(ref.module)) as Record<string, T>)[ref.name] as T;
}

/** Rounds of acquire, deposit ¥1 (a load, then a store), release; a release the lock refuses is counted. */
export async function depositUnderLock({ implementation, rounds, start, parties, memory }: Hammering): Promise<void> {
  const lock = new (await load<typeof Lock>(implementation))(memory.shared);
  const balance = new Int32Array(memory.balance);
  const refused = new Int32Array(memory.refused);
  new Barrier(start).arrive(parties);
  for (let round = 0; round < rounds; round++) {
    lock.acquire();
    Atomics.store(balance, 0, Atomics.load(balance, 0) + 1);
    try {
      lock.release();
    } catch {
      Atomics.add(refused, 0, 1);
    }
  }
}

/** Rounds of increments of a shared counter. */
export async function increment({ implementation, rounds, start, parties, memory }: Hammering): Promise<void> {
  const counter = new (await load<typeof SharedCounter>(implementation))(memory.shared);
  new Barrier(start).arrive(parties);
  for (let round = 0; round < rounds; round++) counter.increment();
}

export const depositUnderLockTask = taskRef<typeof depositUnderLock>(import.meta.url, 'depositUnderLock');
export const incrementTask = taskRef<typeof increment>(import.meta.url, 'increment');
