/**
 * The lock and counter claims under every schedule: the real Lock, Account and SharedCounter (or a broken
 * one, or a learner's) run in real worker threads, and the scheduler runs every interleaving of their
 * Atomics operations that preempts a thread at most twice (claims/support/every-schedule.ts). Each property
 * arranges its threads and the memory they share, and states its verdict on what every execution left.
 */
import * as fc from 'fast-check';
import { type Execution, type JudgedThread, readsCell, storesIn } from '../../scheduler/scheduler.ts';
import type { FailureId } from '../failures.ts';
import { type Finding, scheduledProperty } from '../support/every-schedule.ts';
import type { ClassRef } from '../tasks/judged.ts';

const judged = new URL('../tasks/judged.ts', import.meta.url).href;

export const ours = {
  Account: { module: new URL('../../src/account.ts', import.meta.url).href, name: 'Account' },
  UnlockedAccount: { module: new URL('../../src/unlocked-account.ts', import.meta.url).href, name: 'UnlockedAccount' },
  Lock: { module: new URL('../../src/lock.ts', import.meta.url).href, name: 'Lock' },
  SharedCounter: { module: new URL('../../src/shared-counter.ts', import.meta.url).href, name: 'SharedCounter' },
} satisfies Record<string, ClassRef>;

/** Whether some thread stored into `cell` before it had read it (loaded, added to, exchanged it): a count kept elsewhere. */
function storedUnread(execution: Execution, cell: string): boolean {
  const read = new Set<number>();
  for (const step of execution.steps) {
    if (readsCell(step, cell)) read.add(step.thread);
    else if (storesIn(step, cell) && !read.has(step.thread)) return true;
  }
  return false;
}

const int64 = (buffer: SharedArrayBuffer) => Number(new BigInt64Array(buffer)[0]);
const int32 = (buffer: SharedArrayBuffer) => new Int32Array(buffer)[0] as number;
const bank = () => ({ balance: new SharedArrayBuffer(8), lock: new SharedArrayBuffer(4) });
const sum = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);
export const deposits = (account: ClassRef, amounts: readonly number[], fails: readonly boolean[] = []) =>
  amounts.map((money, i) => ({ module: judged, name: 'deposit', args: [account, money, fails[i] ?? false] }));

/** `holders` threads each taking the lock `rounds` times, and, with `releaser`, one more that releases it without holding it. */
export const lockThreads = (lock: ClassRef, holders: number, rounds: number, timeoutMs: number | undefined, releaser: boolean): JudgedThread[] => [
  ...Array.from({ length: holders }, () => ({ module: judged, name: 'holdLock', args: [lock, rounds, timeoutMs] })),
  ...(releaser ? [{ module: judged, name: 'releaseWithoutHolding', args: [lock] }] : []),
];

/** `takers` threads each taking the lock once and releasing it at once (judged.ts takeLock), and, with `releaser`, one that releases it without holding it. */
export const takerThreads = (lock: ClassRef, takers: number, timeoutMs: number | undefined, releaser = false): JudgedThread[] => [
  ...Array.from({ length: takers }, () => ({ module: judged, name: 'takeLock', args: [lock, timeoutMs] })),
  ...(releaser ? [{ module: judged, name: 'releaseWithoutHolding', args: [lock] }] : []),
];

export const pingPongThreads = (counter: ClassRef, limit: number) => ['Ping', 'Pong'].map(() => ({ module: judged, name: 'pingPong', args: [counter, limit] }));

/** The configurations' names, as the README's table and the pinned counts (spec/scheduler.spec.ts) give them. */
export const named = {
  deposits: (fails: readonly boolean[]) => {
    const failing = fails.flatMap((fail, i) => (fail ? [i + 1] : []));
    if (failing.length === 0) return `${fails.length} deposits`;
    return `${fails.length} deposits, ${failing.length === fails.length ? 'every one' : `number ${failing.join(' and ')}`} failing`;
  },
  holders: (holders: number, rounds: number, timeoutMs: number | undefined, releaser: boolean) =>
    `${holders} holders ${rounds === 1 ? 'once' : `${rounds} times`}${timeoutMs === undefined ? '' : ' with a timeout'}${releaser ? ', and a releaser' : ''}`,
  takers: (takers: number, timeoutMs: number | undefined, releaser = false) =>
    `${takers} threads taking it${timeoutMs === undefined ? '' : ' with a timeout'}${releaser ? ', and a releaser' : ''}`,
  pingPong: (limit: number) => `Ping and Pong to ${limit}`,
  givingUp: 'a holder, and a thread giving up',
};

const lockMemory = () => ({ lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) });
const stillHeld: Finding = { text: 'the lock is still held', failureId: 'lock.still-held' };
const lockFree = (memory: { lock: SharedArrayBuffer }) => () => (int32(memory.lock) === 0 ? undefined : stillHeld);

/** Deposits of `amounts` into one account, none of them failing: their memory, the configuration's name, their threads. */
const depositsInto = (account: ClassRef, amounts: readonly number[]) => ({
  memory: bank(),
  configuration: named.deposits(amounts.map(() => false)),
  threads: deposits(account, amounts),
});

const deposited = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 2 });

export const everyScheduleExactBalance = scheduledProperty({
  judges: ['Account'],
  claim: 'lock.exact-balance',
  aspect: 'every schedule of the real deposit in real threads, up to two preemptions',
  arbitraries: [deposited],
  numRuns: 3,
  setup: (account, amounts: number[]) => {
    // Arrange: two deposits into one account.
    const { memory, ...arranged } = depositsInto(account, amounts);
    return {
      ...arranged,
      memory,
      // Assert: the lock free, the balance the sum.
      verdict: () => {
        if (int32(memory.lock) !== 0) return stillHeld;
        if (int64(memory.balance) === sum(amounts)) return undefined;
        return { text: `the balance is ¥${int64(memory.balance)}, not the sum ¥${sum(amounts)}`, failureId: 'account.deposit-lost' };
      },
    };
  },
});

export const someScheduleLosesAnUpdate = scheduledProperty({
  judges: ['UnlockedAccount'],
  claim: 'lock.lost-update',
  aspect: 'some schedule of the real deposit without the lock, in real threads, loses an update',
  arbitraries: [deposited],
  numRuns: 3,
  someScheduleBreaks: 'loses an update',
  setup: (account, amounts: number[]) => {
    // Arrange: two deposits into one account, without the lock.
    const { memory, ...arranged } = depositsInto(account, amounts);
    return {
      ...arranged,
      memory,
      // Assert, of some schedule: a balance below the sum.
      verdict: () => (int64(memory.balance) < sum(amounts) ? `the balance is ¥${int64(memory.balance)}, below the sum ¥${sum(amounts)}` : undefined),
    };
  },
});

export const mutualExclusion = scheduledProperty({
  judges: ['Lock'],
  claim: 'lock.mutual-exclusion',
  aspect: 'every schedule of real threads, up to two preemptions',
  // Holders and a thread that releases without holding. A timeout makes every wait a choice (expire, or
  // not), so with one the holders take the lock once, to keep the schedules few. Three holders (four
  // threads, with the partial-order reduction, without a timeout) are an example, judged in every run;
  // the drawn cases are the cheaper ones, so that a run's time does not depend on the draw.
  arbitraries: [
    fc.oneof(
      fc.record({ holders: fc.constant(2), rounds: fc.integer({ min: 1, max: 2 }), timeoutMs: fc.constant(undefined) }),
      fc.record({ holders: fc.constant(2), rounds: fc.constant(1), timeoutMs: fc.integer({ min: 1, max: 50 }) }),
    ),
  ],
  numRuns: 3,
  examples: [[{ holders: 2, rounds: 1, timeoutMs: undefined }], [{ holders: 3, rounds: 1, timeoutMs: undefined }]],
  setup: (lock, { holders, rounds, timeoutMs }: { holders: number; rounds: number; timeoutMs: number | undefined }) => {
    // Arrange: holders each taking the lock `rounds` times, and one more releasing it without holding it.
    const memory = lockMemory();
    return {
      configuration: named.holders(holders, rounds, timeoutMs, true),
      memory,
      threads: lockThreads(lock, holders, rounds, timeoutMs, true),
      // Assert: each holder, in its thread, finds itself alone inside (claims/tasks/judged.ts), the wrongful
      // release is refused there too; and at the end the lock is free.
      verdict: lockFree(memory),
    };
  },
});

export const noLostWakeUp = scheduledProperty({
  judges: ['Lock'],
  claim: 'lock.no-lost-wakeup',
  aspect: 'every schedule of real threads, up to two preemptions',
  // Threads taking the lock, and perhaps one that releases it without holding it (a refused release must
  // neither free the lock nor use up a wake-up). Four threads (three taking it, and the releaser) are an
  // example, judged in every run with the partial-order reduction and without a timeout (with one, they
  // are 3,660 schedules; four taking it are 4,320, about 6 s here). The drawn cases are the cheaper ones.
  arbitraries: [
    fc.oneof(
      fc.record({
        takers: fc.integer({ min: 2, max: 3 }),
        timeoutMs: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        releaser: fc.constant(false),
      }),
      fc.record({ takers: fc.constant(2), timeoutMs: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), releaser: fc.constant(true) }),
    ),
  ],
  numRuns: 4,
  examples: [
    [{ takers: 2, timeoutMs: undefined, releaser: false }],
    [{ takers: 3, timeoutMs: undefined, releaser: true }],
    // Every run lets a wait's time run out: an acquire that gives up too late, or too soon, is seen every time.
    [{ takers: 2, timeoutMs: 50, releaser: false }],
  ],
  setup: (lock, { takers, timeoutMs, releaser }: { takers: number; timeoutMs: number | undefined; releaser: boolean }) => ({
    // Arrange: threads each taking the lock once, and perhaps one releasing it without holding it.
    configuration: named.takers(takers, timeoutMs, releaser),
    memory: lockMemory(),
    threads: takerThreads(lock, takers, timeoutMs, releaser),
    // Assert: every schedule ends, no thread waiting forever (a deadlock is a fault of every scheduled
    // property); a thread that gave up did so only once its time had passed (checked in its thread).
    verdict: () => undefined,
  }),
});

export const timeoutGivesUp = scheduledProperty({
  judges: ['Lock'],
  aspect:
    'every schedule of real threads, up to two preemptions: acquire(timeoutMs) on a lock another thread holds until it gives up does give up, once its time has passed',
  replayedBy: 'gives up',
  arbitraries: [fc.integer({ min: 1, max: 50 })],
  numRuns: 2,
  setup: (lock, timeoutMs: number) => {
    // Arrange: a holder keeping the lock until the other thread, asking with a timeout, gives up.
    const memory = { lock: new SharedArrayBuffer(4), held: new SharedArrayBuffer(4), given: new SharedArrayBuffer(4) };
    return {
      configuration: named.givingUp,
      memory,
      threads: [
        { module: judged, name: 'holdUntilGivenUp', args: [lock] },
        { module: judged, name: 'giveUp', args: [lock, timeoutMs] },
      ],
      // Assert: the lock free at the end; a wait that never gives up is a deadlock, told as such.
      verdict: lockFree(memory),
      deadlock: {
        text: `thread 2 asked for the lock with acquire(${timeoutMs}) while thread 1 held it until thread 2 gave up, and thread 2 never gave up`,
        failureId: 'lock.never-gave-up',
      },
    };
  },
});

export const everyScheduleReleaseOnError = scheduledProperty({
  judges: ['Account'],
  claim: 'lock.release-on-error',
  aspect: 'every schedule of real threads, up to two preemptions',
  arbitraries: [fc.array(fc.record({ money: fc.integer({ min: 1, max: 100 }), fail: fc.boolean() }), { minLength: 2, maxLength: 2 })],
  numRuns: 3,
  examples: [
    [
      [
        { money: 1, fail: true },
        { money: 2, fail: false },
      ],
    ],
  ],
  setup: (account, planned: { money: number; fail: boolean }[]) => {
    // Arrange: two deposits, of which some throw between their read and their write.
    const memory = bank();
    const succeeded = sum(planned.filter((each) => !each.fail).map((each) => each.money));
    return {
      configuration: named.deposits(planned.map((each) => each.fail)),
      memory,
      threads: deposits(
        account,
        planned.map((each) => each.money),
        planned.map((each) => each.fail),
      ),
      // Assert: the lock free, the balance the sum of those that succeeded.
      verdict: () => {
        if (int32(memory.lock) !== 0) return stillHeld;
        return int64(memory.balance) === succeeded ? undefined : `the balance is ¥${int64(memory.balance)}, not ¥${succeeded}`;
      },
    };
  },
});

export const everyScheduleSharedCounter = scheduledProperty({
  judges: ['SharedCounter'],
  claim: 'thread.shared-memory',
  aspect: 'every schedule of Ping and Pong on the real SharedCounter, up to two preemptions',
  arbitraries: [fc.integer({ min: 1, max: 3 })],
  numRuns: 3,
  setup: (counter, limit: number) => {
    // Arrange: Ping and Pong taking tickets from one counter while below `limit`, counting the lines they print.
    const memory = { counter: new SharedArrayBuffer(4), printed: new SharedArrayBuffer(4) };
    return {
      configuration: named.pingPong(limit),
      memory,
      threads: pingPongThreads(counter, limit),
      // Assert: exactly `limit` lines; if not, what tells the usual mistakes apart.
      verdict: (execution) => {
        const printed = int32(memory.printed);
        if (printed === limit) return undefined;
        // A count kept anywhere but the shared memory (a module-level one lives on in each worker from run to run) leaves it untouched.
        const untouched = int32(memory.counter) === 0 ? ", and the counter's shared memory still holds 0: the count was kept somewhere else" : '';
        // What tells the usual mistakes apart: fewer lines (the count after was returned), or a store of a count not read there.
        const fewer = printed < limit && untouched === '' ? ': fewer, as if increment() returned the count after adding, not before' : '';
        const unread = printed > limit && storedUnread(execution, 'counter') ? ': a thread stored into the counter a count it had not read there' : '';
        // The most telling of them names the failure; none, and increments were lost.
        const failureId: FailureId = fewer
          ? 'counter.returned-count-after'
          : unread
            ? 'counter.stored-unread-count'
            : untouched
              ? 'counter.count-elsewhere'
              : 'counter.increments-lost';
        return { text: `Ping and Pong printed ${printed} lines together, not ${limit}${untouched}${fewer}${unread}`, failureId };
      },
    };
  },
});
