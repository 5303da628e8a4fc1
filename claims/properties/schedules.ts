/**
 * The lock claims under every schedule: the real Lock, Account and SharedCounter (or a broken one) run
 * in real worker threads, and the scheduler (scheduler/) runs every interleaving of their Atomics
 * operations that preempts a thread at most twice. A fault is reported with the smallest story that
 * shows it, and the schedule that replays it.
 */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import {
  type Execution,
  fromChoices,
  type JudgedThread,
  maxSteps,
  Nondeterminism,
  readsCell,
  replayedSchedule,
  ScheduleMisfit,
  Scheduler,
  scheduleText,
  storesIn,
  story,
  type Tally,
  type ThreadError,
} from '../../scheduler/scheduler.ts';
import { type FailureId, knownId, withId } from '../failures.ts';
import { claimProperty, projectProperty } from '../property.ts';
import { recordCount } from '../support/schedule-counts.ts';
import type { ClassRef } from '../tasks/judged.ts';

const judged = new URL('../tasks/judged.ts', import.meta.url).href;

export const ours = {
  Account: { module: new URL('../../src/account.ts', import.meta.url).href, name: 'Account' },
  UnlockedAccount: { module: new URL('../../src/unlocked-account.ts', import.meta.url).href, name: 'UnlockedAccount' },
  Lock: { module: new URL('../../src/lock.ts', import.meta.url).href, name: 'Lock' },
  SharedCounter: { module: new URL('../../src/shared-counter.ts', import.meta.url).href, name: 'SharedCounter' },
} satisfies Record<string, ClassRef>;

const replayed = replayedSchedule();

export interface Fault {
  readonly fault: string;
  /** What a lesson tells the fault by (claims/failures.ts), when it is one a lesson knows. */
  readonly failureId?: FailureId;
  readonly execution: Execution;
  /** The claim whose property found it, for the replay command. */
  readonly claim: string;
}

/** What a verdict found wrong: its words, and the id a lesson tells it by (claims/failures.ts), if it has one. */
export interface Finding {
  readonly text: string;
  readonly failureId?: FailureId;
}

/** A verdict's finding, in words alone or with its id. */
export type Found = string | Finding;

const asFinding = (found: Found): Finding => (typeof found === 'string' ? { text: found } : found);

const noThreadCanGoOn: Finding = { text: 'no thread can go on, yet some have not finished', failureId: 'schedule.deadlock' };

/**
 * What is wrong with an execution, if anything: it deadlocked (`deadlock` says what that means here), got
 * stuck, one of its threads threw, or `judge` finds what it left wrong. The one verdict of every scheduled
 * property, and of every move of npm run learn -- --play: a thread that threw is a fault as soon as it has.
 */
export function findingIn(execution: Execution, judge: (execution: Execution) => Found | undefined, deadlock: Found = noThreadCanGoOn): Finding | undefined {
  if (execution.outcome === 'deadlock') {
    const { text, failureId } = asFinding(deadlock);
    return { text: `deadlock: ${text}`, failureId };
  }
  if (execution.outcome === 'stuck') {
    return execution.steps.length >= maxSteps
      ? {
          text: `stuck: the threads took ${maxSteps.toLocaleString('en')} steps without finishing (a livelock: a thread loops, taking steps, without ever getting on)`,
          failureId: 'schedule.livelock',
        }
      : {
          text: 'stuck: a thread ran for 5 s between two steps without coming back (it loops, or awaits what never comes)',
          failureId: 'schedule.stuck-thread',
        };
  }
  const failed = execution.errors.findIndex((error) => error !== undefined);
  if (failed < 0) {
    const found = execution.outcome === 'paused' ? undefined : judge(execution);
    return found === undefined ? undefined : asFinding(found);
  }
  // A judged thread's error crossed as its words and the id it carried (claims/failures.ts).
  const { text: error, failureId } = execution.errors[failed] as ThreadError;
  // The story counts threads from 1; a message of the code may name Node's threadId: both are said, once.
  const threadId = execution.threadIds[failed];
  const named = threadId !== undefined && new RegExp(`\\bthread ${threadId}\\b`, 'i').test(error);
  return { text: `thread ${failed + 1}${named ? ` (Node's threadId ${threadId})` : ''}: ${error}`, failureId: knownId(failureId) };
}

/** The finding's words alone: what npm run learn -- --play tells of a move. */
export function faultIn(execution: Execution, judge: (execution: Execution) => Found | undefined, deadlock?: Found): string | undefined {
  return findingIn(execution, judge, deadlock)?.text;
}

/** Fewer preemptions, then fewer steps: the story a reader follows most easily. */
function simpler(a: Execution, b: Execution): boolean {
  const preemptions = (execution: Execution) => execution.steps.filter((step) => step.preempted).length;
  return preemptions(a) < preemptions(b) || (preemptions(a) === preemptions(b) && a.steps.length < b.steps.length);
}

/** Four threads and more are explored with the partial-order reduction: without it, their schedules are too many. */
const reduceFrom = 4;

/**
 * Runs every schedule of `threads` up to two preemptions, each judged by `judge` (what is wrong with an
 * execution that finished, or undefined); returns the simplest execution with a fault, if any. How many
 * schedules it judged is recorded under `configuration`.
 */
export async function everySchedule(
  claim: string,
  configuration: string,
  memory: Record<string, SharedArrayBuffer>,
  threads: readonly JudgedThread[],
  judge: (execution: Execution) => Found | undefined,
  /** What a deadlock means in these threads, said after the word. */
  deadlock: Found = noThreadCanGoOn,
): Promise<Fault | undefined> {
  const scheduler = await Scheduler.start(memory, threads);
  const faultOf = (execution: Execution) => findingIn(execution, judge, deadlock);
  try {
    let simplest: Fault | undefined;
    if (replayed !== undefined) {
      // A schedule recorded of another property's threads does not fit these: they are explored as usual.
      const execution = await scheduler.run(fromChoices(replayed)).catch((error: unknown) => {
        if (error instanceof ScheduleMisfit) return undefined;
        throw error;
      });
      const found = execution && faultOf(execution);
      if (execution !== undefined && found !== undefined) return { fault: found.text, failureId: found.failureId, execution, claim };
    }
    const tally: Tally = { schedules: 0 };
    const reduce = threads.length >= reduceFrom;
    try {
      for await (const execution of scheduler.explore(2, { reduce, tally })) {
        const found = faultOf(execution);
        const fault = found && { fault: found.text, failureId: found.failureId, execution, claim };
        if (fault !== undefined && (simplest === undefined || simpler(execution, simplest.execution))) simplest = fault;
        // A stuck execution costs thousands of steps or seconds, and so would every schedule near it: it is the one told.
        if (execution.outcome === 'stuck') return fault;
      }
    } catch (error) {
      // Code that keeps state outside the shared memory (a module-level variable) shows its fault first, then
      // does not replay: the fault it showed is the one to tell, and the nondeterminism with it.
      if (!(error instanceof Nondeterminism) || simplest === undefined) throw error;
      return { ...simplest, fault: `${simplest.fault}; and then its threads did not replay as they ran (${error.message.split('. ')[0]})` };
    }
    recordCount({ claim, configuration, ...tally, reduced: reduce });
    return simplest;
  } finally {
    await scheduler.close();
  }
}

/** The fault and its story, as a failure reads. */
export function told({ fault, execution, claim }: Fault): string {
  const replay = `SCHEDULE=${scheduleText(execution.choices)} npx vitest run spec/schedules.spec.ts -t "${claim}"`;
  return `${fault}. The story: ${story(execution)}. Replay it: ${replay}`;
}

/** A fault found under some schedule: its message is the whole story; `fault` keeps it apart, step by step. */
export class ScheduleFault extends Error {
  override name = 'ScheduleFault';
  readonly fault: Fault;

  constructor(fault: Fault) {
    super(told(fault));
    this.fault = fault;
    if (fault.failureId !== undefined) withId(this, fault.failureId);
  }
}

/** Fails with the whole story: an assertion would shorten it. */
function expectNoFault(found: Fault | undefined): void {
  if (found !== undefined) throw new ScheduleFault(found);
}

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

/**
 * One scheduled check: the threads, the memory they share, and the verdict on what an execution left
 * (`judge`, and what a deadlock means there). A property explores every schedule of one (`explored`);
 * npm run learn -- --play lets a learner choose one schedule of the same, judged by the same verdict.
 */
export interface Setup {
  readonly claim: string;
  /** As `named` names it, the pinned counts and the README's table. */
  readonly configuration: string;
  readonly memory: Record<string, SharedArrayBuffer>;
  readonly threads: readonly JudgedThread[];
  readonly judge: (execution: Execution) => Found | undefined;
  readonly deadlock?: Found;
}

export const explored = (setup: Setup): Promise<Fault | undefined> =>
  everySchedule(setup.claim, setup.configuration, setup.memory, setup.threads, setup.judge, setup.deadlock);

const lockMemory = () => ({ lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) });
const stillHeld: Finding = { text: 'the lock is still held', failureId: 'lock.still-held' };
const lockFree = (memory: { lock: SharedArrayBuffer }) => () => (int32(memory.lock) === 0 ? undefined : stillHeld);

export const setups = {
  /** Two deposits, whose sum the balance must be, the lock free. */
  exactBalance: (account: ClassRef, amounts: readonly number[]): Setup => {
    const memory = bank();
    return {
      claim: 'lock.exact-balance',
      configuration: named.deposits(amounts.map(() => false)),
      memory,
      threads: deposits(account, amounts),
      judge: () => {
        if (int32(memory.lock) !== 0) return stillHeld;
        if (int64(memory.balance) === sum(amounts)) return undefined;
        return { text: `the balance is ¥${int64(memory.balance)}, not the sum ¥${sum(amounts)}`, failureId: 'account.deposit-lost' };
      },
    };
  },
  /** Deposits without the lock: a balance below their sum is what the claim expects some schedule to show. */
  lostUpdate: (account: ClassRef, amounts: readonly number[]): Setup => {
    const memory = bank();
    return {
      claim: 'lock.lost-update',
      configuration: named.deposits(amounts.map(() => false)),
      memory,
      threads: deposits(account, amounts),
      judge: () => (int64(memory.balance) < sum(amounts) ? `the balance is ¥${int64(memory.balance)}, below the sum ¥${sum(amounts)}` : undefined),
    };
  },
  /** Holders, each taking the lock `rounds` times, and one more thread releasing it without holding it, which must be refused. */
  mutualExclusion: (lock: ClassRef, holders: number, rounds: number, timeoutMs: number | undefined): Setup => {
    const memory = lockMemory();
    return {
      claim: 'lock.mutual-exclusion',
      configuration: named.holders(holders, rounds, timeoutMs, true),
      memory,
      threads: lockThreads(lock, holders, rounds, timeoutMs, true),
      judge: lockFree(memory),
    };
  },
  /** Threads taking the lock, and perhaps one releasing it without holding it: every one must get it, or give up. */
  noLostWakeUp: (lock: ClassRef, takers: number, timeoutMs: number | undefined, releaser: boolean): Setup => ({
    claim: 'lock.no-lost-wakeup',
    configuration: named.takers(takers, timeoutMs, releaser),
    memory: lockMemory(),
    threads: takerThreads(lock, takers, timeoutMs, releaser),
    judge: () => undefined,
  }),
  /** A holder keeping the lock until the other thread, asking with a timeout, gives up. */
  givingUp: (lock: ClassRef, timeoutMs: number): Setup => {
    const memory = { lock: new SharedArrayBuffer(4), held: new SharedArrayBuffer(4), given: new SharedArrayBuffer(4) };
    return {
      claim: 'gives up',
      configuration: named.givingUp,
      memory,
      threads: [
        { module: judged, name: 'holdUntilGivenUp', args: [lock] },
        { module: judged, name: 'giveUp', args: [lock, timeoutMs] },
      ],
      judge: lockFree(memory),
      deadlock: {
        text: `thread 2 asked for the lock with acquire(${timeoutMs}) while thread 1 held it until thread 2 gave up, and thread 2 never gave up`,
        failureId: 'lock.never-gave-up',
      },
    };
  },
  /** Deposits of which some throw between their read and their write: the others must count, and the lock end free. */
  releaseOnError: (account: ClassRef, planned: readonly { money: number; fail: boolean }[]): Setup => {
    const memory = bank();
    const succeeded = sum(planned.filter((each) => !each.fail).map((each) => each.money));
    return {
      claim: 'lock.release-on-error',
      configuration: named.deposits(planned.map((each) => each.fail)),
      memory,
      threads: deposits(
        account,
        planned.map((each) => each.money),
        planned.map((each) => each.fail),
      ),
      judge: () => {
        if (int32(memory.lock) !== 0) return stillHeld;
        return int64(memory.balance) === succeeded ? undefined : `the balance is ¥${int64(memory.balance)}, not ¥${succeeded}`;
      },
    };
  },
  /** Ping and Pong taking tickets from one counter while below `limit`: `limit` lines printed together, no more, no fewer. */
  sharedCounter: (counter: ClassRef, limit: number): Setup => {
    const memory = { counter: new SharedArrayBuffer(4), printed: new SharedArrayBuffer(4) };
    return {
      claim: 'thread.shared-memory',
      configuration: named.pingPong(limit),
      memory,
      threads: pingPongThreads(counter, limit),
      judge: (execution) => {
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
};

export const everyScheduleExactBalance = claimProperty({
  judges: ['Account'],
  claim: 'lock.exact-balance',
  aspect: 'every schedule of the real deposit in real threads, up to two preemptions',
  arbitraries: [fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 2 })],
  numRuns: 3,
  check: (account: ClassRef) => async (amounts: number[]) => expectNoFault(await explored(setups.exactBalance(account, amounts))),
});

export const someScheduleLosesAnUpdate = claimProperty({
  judges: ['UnlockedAccount'],
  claim: 'lock.lost-update',
  aspect: 'some schedule of the real deposit without the lock, in real threads, loses an update',
  arbitraries: [fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 2 })],
  numRuns: 3,
  check: (account: ClassRef) => async (amounts: number[]) => {
    expect(await explored(setups.lostUpdate(account, amounts)), 'a schedule that loses an update').toBeDefined();
  },
});

export const mutualExclusion = claimProperty({
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
  check:
    (lock: ClassRef) =>
    async ({ holders, rounds, timeoutMs }: { holders: number; rounds: number; timeoutMs: number | undefined }) =>
      expectNoFault(await explored(setups.mutualExclusion(lock, holders, rounds, timeoutMs))),
});

export const noLostWakeUp = claimProperty({
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
  check:
    (lock: ClassRef) =>
    async ({ takers, timeoutMs, releaser }: { takers: number; timeoutMs: number | undefined; releaser: boolean }) =>
      expectNoFault(await explored(setups.noLostWakeUp(lock, takers, timeoutMs, releaser))),
});

export const timeoutGivesUp = projectProperty({
  judges: ['Lock'],
  aspect:
    'every schedule of real threads, up to two preemptions: acquire(timeoutMs) on a lock another thread holds until it gives up does give up, once its time has passed',
  arbitraries: [fc.integer({ min: 1, max: 50 })],
  numRuns: 2,
  check: (lock: ClassRef) => async (timeoutMs: number) => expectNoFault(await explored(setups.givingUp(lock, timeoutMs))),
});

export const everyScheduleReleaseOnError = claimProperty({
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
  check: (account: ClassRef) => async (planned: { money: number; fail: boolean }[]) => expectNoFault(await explored(setups.releaseOnError(account, planned))),
});

export const everyScheduleSharedCounter = claimProperty({
  judges: ['SharedCounter'],
  claim: 'thread.shared-memory',
  aspect: 'every schedule of Ping and Pong on the real SharedCounter, up to two preemptions',
  arbitraries: [fc.integer({ min: 1, max: 3 })],
  numRuns: 3,
  check: (counter: ClassRef) => async (limit: number) => expectNoFault(await explored(setups.sharedCounter(counter, limit))),
});
