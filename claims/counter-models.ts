/**
 * For every claim, the broken implementations its property must reject (claims/counter-models/), in the document's
 * order. The meta-spec runs them; the README counts them.
 */

import { Process } from '../src/process.ts';
import { Thread } from '../src/thread.ts';
import {
  AtomicAddAccount,
  atomicAddDepositTask,
  NoFinallyAccount,
  noFinallyDepositTask,
  PlainFieldLockAccount,
  plainFieldLockDepositTask,
} from './counter-models/accounts.ts';
import { InProcessProcess } from './counter-models/in-process.ts';
import { joinAtOnce } from './counter-models/join-at-once.ts';
import { oneAfterAnother } from './counter-models/one-after-another.ts';
import { CompletionOrderPool, EagerPool, PrefetchingPool, SerialPool, UnboundedPool } from './counter-models/pools.ts';
import { CopyingThread, ProcessAsThread } from './counter-models/threads.ts';
import { exactBalance, lostUpdate, releaseOnError } from './properties/lock.ts';
import { poolWaits } from './properties/pool.ts';
import { processConcurrent, processNoSharedCounter, processOwnPid } from './properties/process.ts';
import {
  everyScheduleExactBalance,
  everyScheduleReleaseOnError,
  everyScheduleSharedCounter,
  mutualExclusion,
  noLostWakeUp,
  someScheduleLosesAnUpdate,
} from './properties/schedules.ts';
import { threadConcurrent, threadSameProcess, threadSharedMemory } from './properties/thread.ts';
import type { ClaimProperty } from './property.ts';

export interface CounterModel {
  /** What is broken, in a phrase: "a join that returns at once". */
  readonly name: string;
  readonly file: string;
  // biome-ignore lint/suspicious/noExplicitAny: each row pairs a property with an implementation of its own type
  readonly property: ClaimProperty<any, any[]>;
  readonly impl: unknown;
  /**
   * False for a model that fails most cases only at the bound (it never reaches the rendezvous, or a lock
   * it kept stops every later deposit): its first failing case is reported as it is, since each try at a
   * smaller one would likely cost a bound too (a no-finally deposit shrank for 2 to 10 s).
   */
  readonly shrink?: false;
}

/** A broken class in counter-models/, as the scheduled properties take it: by module URL and export name. */
const broken = (file: string, name: string) => ({ module: new URL(`./counter-models/${file}`, import.meta.url).href, name });

export const counterModels: readonly CounterModel[] = [
  { name: 'a join that returns at once', file: 'claims/counter-models/join-at-once.ts', property: processConcurrent, impl: joinAtOnce(Process) },
  {
    name: 'processes started one after another finish one after another (run() for start())',
    file: 'claims/counter-models/one-after-another.ts',
    property: processConcurrent,
    impl: oneAfterAnother(Process),
    shrink: false,
  },
  { name: 'a "process" that runs its target in the parent', file: 'claims/counter-models/in-process.ts', property: processOwnPid, impl: InProcessProcess },
  {
    name: 'a pool whose map resolves before its tasks end',
    file: 'claims/counter-models/pools.ts',
    property: poolWaits,
    impl: (size?: number) => new EagerPool(size),
  },
  {
    name: 'a pool that runs its tasks one by one',
    file: 'claims/counter-models/pools.ts',
    property: poolWaits,
    impl: (size?: number) => new SerialPool(size),
    shrink: false,
  },
  { name: 'a pool that ignores its size', file: 'claims/counter-models/pools.ts', property: poolWaits, impl: (size?: number) => new UnboundedPool(size) },
  {
    name: 'a pool that returns results in the order its tasks ended',
    file: 'claims/counter-models/pools.ts',
    property: poolWaits,
    impl: (size?: number) => new CompletionOrderPool(size),
  },
  {
    name: 'a pool that sends a runner its next task while it still runs the last',
    file: 'claims/counter-models/pools.ts',
    property: poolWaits,
    impl: (size?: number) => new PrefetchingPool(size),
  },
  {
    name: 'a "process" that runs in the parent, sharing its counter',
    file: 'claims/counter-models/in-process.ts',
    property: processNoSharedCounter,
    impl: InProcessProcess,
  },
  { name: 'a thread join that returns at once', file: 'claims/counter-models/join-at-once.ts', property: threadConcurrent, impl: joinAtOnce(Thread) },
  {
    name: 'threads started one after another finish one after another',
    file: 'claims/counter-models/one-after-another.ts',
    property: threadConcurrent,
    impl: oneAfterAnother(Thread),
    shrink: false,
  },
  { name: 'a "thread" that is really a child process', file: 'claims/counter-models/threads.ts', property: threadSameProcess, impl: ProcessAsThread },
  { name: 'a thread that copies the memory it should share', file: 'claims/counter-models/threads.ts', property: threadSharedMemory, impl: CopyingThread },
  {
    name: 'a counter that loads, then stores the value plus one (every schedule)',
    file: 'claims/counter-models/locks.ts',
    property: everyScheduleSharedCounter,
    impl: broken('locks.ts', 'LoadThenStoreCounter'),
  },
  {
    name: 'a lock in a plain field, which every thread copies',
    file: 'claims/counter-models/accounts.ts',
    property: exactBalance,
    impl: { Account: PlainFieldLockAccount, deposit: plainFieldLockDepositTask },
  },
  {
    name: 'a deposit that reads the balance before it takes the lock (every schedule)',
    file: 'claims/counter-models/locks.ts',
    property: everyScheduleExactBalance,
    impl: broken('locks.ts', 'ReadBeforeLockAccount'),
  },
  {
    name: 'a deposit that adds atomically, so nothing is lost even without the lock',
    file: 'claims/counter-models/accounts.ts',
    property: lostUpdate,
    impl: { Account: AtomicAddAccount, deposit: atomicAddDepositTask },
  },
  {
    name: 'a deposit that adds atomically, so no update is lost without the lock (every schedule)',
    file: 'claims/counter-models/accounts.ts',
    property: someScheduleLosesAnUpdate,
    impl: broken('accounts.ts', 'AtomicAddAccount'),
  },
  {
    name: 'a lock that checks, then sets (every schedule)',
    file: 'claims/counter-models/locks.ts',
    property: mutualExclusion,
    impl: broken('locks.ts', 'CheckThenSetLock'),
  },
  {
    name: 'a lock that anyone may release, holder or not (every schedule)',
    file: 'claims/counter-models/locks.ts',
    property: mutualExclusion,
    impl: broken('locks.ts', 'AnyoneReleasesLock'),
  },
  {
    name: 'a release that never notifies (every schedule: a deadlock, found at once)',
    file: 'claims/counter-models/locks.ts',
    property: noLostWakeUp,
    impl: broken('locks.ts', 'SilentReleaseLock'),
  },
  {
    name: 'an acquire that gives up one step too late (every schedule: a livelock once its time is exactly up, found at once)',
    file: 'claims/counter-models/locks.ts',
    property: noLostWakeUp,
    impl: broken('locks.ts', 'LateDeadlineLock'),
  },
  {
    name: 'a deposit that releases the lock without finally',
    file: 'claims/counter-models/accounts.ts',
    property: releaseOnError,
    impl: { Account: NoFinallyAccount, deposit: noFinallyDepositTask },
    shrink: false,
  },
  {
    name: 'a deposit that releases the lock without finally (every schedule)',
    file: 'claims/counter-models/accounts.ts',
    property: everyScheduleReleaseOnError,
    impl: broken('accounts.ts', 'NoFinallyAccount'),
  },
];
