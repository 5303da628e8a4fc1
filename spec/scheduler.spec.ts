/** The scheduler itself: it runs real threads one Atomics step at a time, in the order chosen, and tells what happened. */
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deposits, lockThreads, named, ours, pingPongThreads, takerThreads } from '../claims/properties/schedules.ts';
import { type Pin, pinOf } from '../claims/schedule-pins.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { runProgram } from '../claims/support/program.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';
import { type Operation, operations } from '../scheduler/layout.ts';
import { parseSchedule, scheduleText } from '../scheduler/schedule.ts';
import {
  type Act,
  carryOn,
  type Execution,
  type ExploreOptions,
  fromChoices,
  type JudgedThread,
  maxSteps,
  readsCell,
  Scheduler,
  type SchedulerOptions,
  storesIn,
  story,
  type Tally,
} from '../scheduler/scheduler.ts';
import { countSchedules, type Program, programs } from './support/interleavings.ts';
import { prop } from './support/prop.ts';
import { pending } from './support/stories.ts';

const judged = new URL('../claims/tasks/judged.ts', import.meta.url).href;
const broken = (name: string): ClassRef => ({ module: new URL('../claims/counter-models/locks.ts', import.meta.url).href, name });
const silentRelease = broken('SilentReleaseLock');

const bank = () => ({ balance: new SharedArrayBuffer(8), lock: new SharedArrayBuffer(4) });
const lockMemory = () => ({ lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) });
const counterMemory = () => ({ counter: new SharedArrayBuffer(4), printed: new SharedArrayBuffer(4) });

interface Configuration {
  readonly name: string;
  readonly memory: () => Record<string, SharedArrayBuffer>;
  readonly threads: (impl: ClassRef) => JudgedThread[];
  readonly impl: ClassRef;
  /** The same threads as pure programs, counted apart from the scheduler. */
  readonly model: readonly Program[];
  /** The claim whose pinned counts (claims/schedule-pins.ts) it is judged by. */
  readonly claim: string;
}

const { deposit, holdLock, releaseWithoutHolding, pingPong, takeLock } = programs;
/** The small configurations of the scheduled claims (claims/properties/schedules.ts names them). */
const configurations: readonly Configuration[] = [
  {
    claim: 'lock.exact-balance',
    name: named.deposits([false, false]),
    memory: bank,
    threads: (impl) => deposits(impl, [1, 1]),
    impl: ours.Account,
    model: [deposit(1), deposit(1)],
  },
  {
    claim: 'lock.lost-update',
    name: named.deposits([false, false]),
    memory: bank,
    threads: (impl) => deposits(impl, [1, 1]),
    impl: ours.UnlockedAccount,
    model: [deposit(1, false, false), deposit(1, false, false)],
  },
  {
    claim: 'lock.release-on-error',
    name: named.deposits([true, false]),
    memory: bank,
    threads: (impl) => deposits(impl, [1, 1], [true, false]),
    impl: ours.Account,
    model: [deposit(1, true), deposit(1)],
  },
  {
    claim: 'lock.mutual-exclusion',
    name: named.holders(2, 1, undefined, true),
    memory: lockMemory,
    threads: (impl) => lockThreads(impl, 2, 1, undefined, true),
    impl: ours.Lock,
    model: [holdLock(1), holdLock(1), releaseWithoutHolding()],
  },
  {
    // A timeout: every wait may expire or not, and the clock jumps (the model's clock as well).
    claim: 'lock.no-lost-wakeup',
    name: named.takers(2, 50),
    memory: lockMemory,
    threads: (impl) => takerThreads(impl, 2, 50),
    impl: ours.Lock,
    model: [takeLock(50), takeLock(50)],
  },
  {
    claim: 'lock.no-lost-wakeup',
    name: named.takers(2, undefined),
    memory: lockMemory,
    threads: (impl) => takerThreads(impl, 2, undefined),
    impl: ours.Lock,
    model: [takeLock(), takeLock()],
  },
  ...[1, 2, 3].map((limit) => ({
    claim: 'thread.shared-memory',
    name: named.pingPong(limit),
    memory: counterMemory,
    threads: (impl: ClassRef) => pingPongThreads(impl, limit),
    impl: ours.SharedCounter,
    model: [pingPong(limit), pingPong(limit)],
  })),
];
/** The first configuration of that name (2 deposits: with the lock). */
const byName = (name: string) => configurations.find((each) => each.name === name) as Configuration;
/** The configuration's pinned counts: both are pinned for every small configuration. */
const pinned = (configuration: Configuration) => pinOf(configuration.claim, configuration.name) as Required<Pin>;

/** What an execution ended with: how, each thread's error, and every cell of memory. */
const outcomeOf = (execution: Execution) =>
  JSON.stringify([
    execution.outcome,
    execution.errors,
    Object.entries(execution.memory).map(([name, buffer]) => `${name} ${Buffer.from(buffer).toString('hex')}`),
  ]);

/** Explores `configuration` on `impl` and returns the tally and the distinct outcomes. */
async function explored(
  configuration: Configuration,
  impl: ClassRef,
  options: ExploreOptions & SchedulerOptions = {},
  scheduler?: Scheduler,
): Promise<{ tally: Tally; outcomes: Set<string> }> {
  const own = scheduler ?? (await Scheduler.start(configuration.memory(), configuration.threads(impl), options));
  try {
    const tally: Tally = { schedules: 0 };
    const outcomes = new Set<string>();
    for await (const execution of own.explore(2, { ...options, tally })) {
      // A stuck execution (a livelock, thousands of steps) would be followed by thousands like it: it is the verdict.
      if (execution.outcome === 'stuck') throw new Error(`Schedule ${execution.choices.slice(0, 40).join(',')}… got stuck: ${story(execution)}`);
      outcomes.add(outcomeOf(execution));
    }
    return { tally, outcomes };
  } finally {
    if (scheduler === undefined) await own.close();
  }
}

describe('The scheduler judges exactly the schedules it counts', () => {
  it.each(configurations)(
    '$name: every schedule up to two preemptions, as many as a pure enumeration counts, each replaying as it ran; the reduction finds every outcome',
    async (configuration) => {
      const { plain: schedules, reduced: withReduction } = pinned(configuration);
      expect(countSchedules(configuration.model), 'the pure enumeration').toBe(schedules);
      const scheduler = await Scheduler.start(configuration.memory(), configuration.threads(configuration.impl));
      try {
        const plain = await explored(configuration, configuration.impl, { checkDeterminism: true }, scheduler);
        expect(plain.tally.schedules).toBe(schedules);
        const reduced = await explored(configuration, configuration.impl, { reduce: true }, scheduler);
        expect(reduced.tally.schedules, 'with the partial-order reduction').toBe(withReduction);
        expect(reduced.outcomes).toEqual(plain.outcomes);
      } finally {
        await scheduler.close();
      }
    },
  );

  it.each([
    { name: named.holders(2, 1, undefined, true), impl: broken('CheckThenSetLock') },
    { name: named.takers(2, undefined), impl: silentRelease },
    { name: named.pingPong(2), impl: broken('LoadThenStoreCounter') },
    { name: named.deposits([false, false]), impl: broken('ReadBeforeLockAccount') },
  ])('the reduction finds every outcome of a broken one too: $impl.name on $name', async ({ name, impl }) => {
    const configuration = byName(name);
    const scheduler = await Scheduler.start(configuration.memory(), configuration.threads(impl));
    try {
      const plain = await explored(configuration, impl, {}, scheduler);
      const reduced = await explored(configuration, impl, { reduce: true }, scheduler);
      expect(plain.outcomes.size, 'a broken one ends in more than one way').toBeGreaterThan(1);
      expect(reduced.outcomes).toEqual(plain.outcomes);
    } finally {
      await scheduler.close();
    }
  });

  const handedOff = [named.deposits([false, false]), named.takers(2, undefined), ...[1, 2, 3].map(named.pingPong)].map(byName);

  // Both cores are busy already: npm test runs four spec files at once on two cores (vitest.config.ts), and
  // `npm run test:stress -- --load` keeps every core busy besides.
  it('takes no step it did not choose: with every wake-up made late and two schedulers at once, each explores as many schedules', async () => {
    for (const configuration of handedOff) {
      const twice = await Promise.all([1, 2].map(() => explored(configuration, configuration.impl, { provokeLateWakes: true })));
      expect(
        twice.map(({ tally }) => tally.schedules),
        configuration.name,
      ).toEqual([pinned(configuration).plain, pinned(configuration).plain]);
    }
  });

  it('rejects a handshake that waits once: a late wake-up lets its thread go without its turn; the next execution starts clean', async () => {
    const handshake = { module: new URL('../fixtures/handshakes.ts', import.meta.url).href, name: 'waitOnce' };
    const configuration = byName(named.deposits([false, false]));
    const options = { provokeLateWakes: true, handshake };
    const scheduler = await Scheduler.start(configuration.memory(), configuration.threads(configuration.impl), options);
    try {
      await expect(explored(configuration, configuration.impl, options, scheduler)).rejects.toMatchObject({
        name: 'StrayWake',
        // A rendezvous, not luck: a thread lingers until it is given its turn or told to wait, so the stray wake-up is
        // caught at the step it comes: one of the first on a quiet machine, a later one under load (step 11, once).
        message: expect.stringMatching(/^Thread \d was woken without being given its turn, at step \d+: its handshake let a stray or late wake-up through/),
      });
      // No thread is given a turn before the first step, so none is woken without one: the stray wake-up was the execution before's.
      expect((await scheduler.run(carryOn, 0)).outcome, 'the next execution, paused before its first step').toBe('paused');
    } finally {
      await scheduler.close();
    }
  });

  it('fails, and says the execution was not deterministic, on a lock whose steps depend on a random number: no schedule is skipped', async () => {
    const configuration = byName(named.holders(2, 1, undefined, true));
    // Each acquire loads a 1-in-2 number of extra times: the first replay differs from its run with probability 3/4, and there are dozens.
    for (const checkDeterminism of [false, true]) {
      await expect(explored(configuration, broken('CoinTossLock'), { checkDeterminism })).rejects.toThrow(/Is the judged code deterministic\?/);
    }
  });
});

/** Every schedule of the judged threads of fixtures/counting-store.ts named, as stories, until a check stops it. */
async function exploreCountingStore(names: readonly string[], options: ExploreOptions = {}): Promise<string[]> {
  const module = new URL('../fixtures/counting-store.ts', import.meta.url).href;
  const memory = { runs: new SharedArrayBuffer(4), other: new SharedArrayBuffer(4) };
  const scheduler = await Scheduler.start(
    memory,
    names.map((name) => ({ module, name, args: [] })),
  );
  try {
    const stories = [];
    for await (const execution of scheduler.explore(2, options)) stories.push(story(execution));
    return stories;
  } finally {
    await scheduler.close();
  }
}

describe('The replay check compares every step of a prefix, and which threads could go on', () => {
  it.each([
    {
      // The first branch is at step 2 (thread 2 before thread 1's second step): its prefix replays step 1, which stores the count of runs.
      threads: ['storeRuns', 'loadOther'],
      differs: 'only in what its last step before the branch stored',
      why: /^Schedule 0,1: step 1 was "thread 1 stores 1 in runs" when first run, and "thread 1 stores 2 in runs" now/,
    },
    {
      // First run: thread 1 loads twice, then thread 2 goes; replayed for the branch 0,1, thread 1 has ended after one load.
      threads: ['shorterAfterFirstRun', 'storeRuns'],
      differs: 'in which threads could go on, one having ended sooner',
      why: /^Schedule 0,1: at step 2, threads 1, 2 could go on when first run, and 2 now\. Is the judged code deterministic\?/,
    },
    {
      // First run: thread 1, then thread 2, which loads `other`; replayed for the branch 1, thread 2 asks to load `runs`.
      threads: ['loadOther', 'loadsAnotherCellAfterFirstRun'],
      differs: 'in the cell its last step asks to touch',
      why: /^Schedule 1: thread 2's step 1 was to touch reads other\[0\].* when first run, and reads runs\[0\].* now\. Is the judged code deterministic\?/,
    },
    {
      // First run: thread 1 loads, then thread 2; replayed for the branch 1, both end before any step.
      threads: ['stepOnFirstRunOnly', 'stepOnFirstRunOnly'],
      differs: 'in ending before the prefix does',
      why: /^Schedule 1: at step 1, threads 1, 2 could go on when first run, and none now\. Is the judged code deterministic\?/,
    },
    {
      // First run: thread 1 loads three times, then thread 2; replayed for the branch 0,0,1, thread 1 has ended after one load.
      threads: ['endsSoonerAfterFirstRun', 'loadOther'],
      differs: 'so that it can no longer be followed',
      why: /^Schedule 0,0,1: thread 1 cannot take step 2, though it could when that schedule was first run\. Is the judged code deterministic\?/,
      cause: { name: 'ScheduleMisfit', message: 'Schedule 0,0,1: thread 1 cannot take step 2' },
    },
  ])('a prefix that replays differently $differs is nondeterminism, naming the step', async ({ threads, why, cause }) => {
    await expect(exploreCountingStore(threads)).rejects.toMatchObject({ name: 'Nondeterminism', message: expect.stringMatching(why), ...(cause && { cause }) });
  });
});

describe('The determinism check runs each schedule again, whole', () => {
  it.each([
    {
      name: 'storeRuns',
      differs: 'in a step',
      why: /^Schedule 0,0, run again: step 1 was "thread 1 stores 1 in runs", and is "thread 1 stores 2 in runs" now\. Is the judged code deterministic\?/,
    },
    {
      name: 'failRuns',
      differs: 'in its error alone',
      why: /^Schedule 0, run again: its threads' errors were \[\{"text":"Error: failed on run 1"\}\], and are \[\{"text":"Error: failed on run 2"\}\] now\. /,
    },
    {
      name: 'longerAfterFirstRun',
      differs: 'in taking a step more',
      why: /^Schedule 0, run again: step 2 was the end \(finished\), and is "thread 1 loads other = 0" now\. Is the judged code deterministic\?/,
    },
  ])(
    'a lone thread that differs from run to run $differs, with nothing to branch to, is nondeterminism; unchecked, it is one execution',
    async ({ name, why }) => {
      // The plain exploration and the reduced one each check, or not, as told.
      for (const reduce of [false, true]) {
        await expect(exploreCountingStore([name], { checkDeterminism: true, reduce })).rejects.toMatchObject({
          name: 'Nondeterminism',
          message: expect.stringMatching(why),
        });
        expect(await exploreCountingStore([name], { checkDeterminism: false, reduce })).toHaveLength(1);
      }
    },
  );

  it('a schedule that can no longer be followed when run again is nondeterminism, its misfit the cause', async () => {
    for (const reduce of [false, true])
      await expect(exploreCountingStore(['endsSoonerAfterFirstRun', 'loadOther'], { checkDeterminism: true, reduce })).rejects.toMatchObject({
        name: 'Nondeterminism',
        message: expect.stringMatching(/^Schedule 0,0,0,1: thread 1 cannot take step 2 when run again\. Is the judged code deterministic\?/),
        cause: { name: 'ScheduleMisfit', message: 'Schedule 0,0,0,1: thread 1 cannot take step 2' },
      });
  });
});

describe('The scheduler', () => {
  prop([fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 200 })])(
    'a schedule written for SCHEDULE=, runs of a thread shortened to thread*times, reads back as it was',
    (choices) => {
      expect(parseSchedule(scheduleText(choices))).toEqual(choices);
      expect(scheduleText([0, 1, 1, 1, 1, 1, 2])).toBe('0,1*5,2');
      // Only a run longer than three is shortened: `0*3` is no shorter than `0,0,0`.
      expect(scheduleText([0, 0, 0, 1, 1, 1, 1])).toBe('0,0,0,1*4');
    },
  );

  it('runs the threads in the order chosen: the last to store its number wins, and a recorded schedule replays the same story', async () => {
    const memory = { cell: new SharedArrayBuffer(4) };
    const scheduler = await Scheduler.start(
      memory,
      [1, 2].map((number) => ({ module: judged, name: 'storeOwnNumber', args: [number] })),
    );
    try {
      const cell = () => new Int32Array(memory.cell)[0];
      const first = await scheduler.run(fromChoices([1, 0]));
      expect(story(first)).toBe('thread 2 stores 2 in cell, thread 1 stores 1 in cell');
      expect(cell()).toBe(1);
      const again = await scheduler.run(fromChoices(first.choices));
      expect(story(again)).toBe(story(first));
      // A schedule recorded of other threads is refused by name, saying the whole schedule and the step it misfits.
      await expect(scheduler.run(fromChoices([0, 2]))).rejects.toMatchObject({ name: 'ScheduleMisfit', message: 'Schedule 0,2: thread 3 cannot take step 2' });
      const all = [];
      for await (const execution of scheduler.explore(0)) all.push(story(execution));
      expect(all.sort()).toEqual(['thread 1 stores 1 in cell, thread 2 stores 2 in cell', 'thread 2 stores 2 in cell, thread 1 stores 1 in cell']);
      expect(scheduler.restarts, 'workers replaced, rather than their threads unwound after the misfit').toBe(0);
    } finally {
      await scheduler.close();
    }
  });

  it.each([
    { cell: 0, woken: false, told: 'thread 2 notifies cells: nobody waits, thread 1 stops waiting: its timeout expired, thread 1 stores 2 in cells[2]' },
    { cell: 1, woken: true, told: 'thread 2 notifies cells[1]: wakes thread 1, thread 1 wakes, thread 1 stores 1 in cells[2]' },
  ])(
    'a notify of cell $cell wakes the waiters of its own cell only, not those of another cell of the same memory, and the story says whom',
    async ({ cell, woken, told }) => {
      const memory = { cells: new SharedArrayBuffer(12) };
      const scheduler = await Scheduler.start(memory, [
        { module: judged, name: 'waitOnSecondCell', args: [50] },
        { module: judged, name: 'notifyCell', args: [cell] },
      ]);
      try {
        const stories = [];
        for await (const execution of scheduler.explore(2)) {
          stories.push(story(execution));
          // Woken (1) only by a notify of its own cell that comes while it waits; else its timeout ends the wait (2).
          const notifiedWhileWaiting = woken && story(execution).startsWith('thread 1 waits on cells[1] while it is 0, thread 2');
          expect(new Int32Array(memory.cells)[2], story(execution)).toBe(notifiedWhileWaiting ? 1 : 2);
        }
        // The notify comes while thread 1 waits in one of them: that is the schedule that tells.
        expect(stories).toContain(`thread 1 waits on cells[1] while it is 0, ${told}`);
      } finally {
        await scheduler.close();
      }
    },
  );

  it("pauses where asked and says where each thread is left: what it would do next, in the story's words and as data", async () => {
    const memory = { cells: new SharedArrayBuffer(12) };
    const scheduler = await Scheduler.start(memory, [
      { module: judged, name: 'waitOnSecondCell', args: [50] },
      { module: judged, name: 'notifyCell', args: [1] },
    ]);
    const asks = (thread: number, next: string, operation: Operation, cell: string) =>
      pending(thread, 'asks', { canGoOn: true, next, nextStep: { operation, cell } });
    const waits = (woken: boolean) =>
      pending(1, 'waits', {
        canGoOn: true,
        next: woken ? 'wake' : 'stop waiting: its timeout expires',
        nextStep: { operation: woken ? 'wake' : 'timeout', cell: 'cells[1]' },
        woken,
        timeoutMs: 50,
      });
    const finished = pending(2, 'finished');
    try {
      const pausedAfter = async (choices: number[]) => {
        const execution = await scheduler.run(fromChoices(choices), choices.length);
        expect(execution.outcome).toBe('paused');
        return execution.pending;
      };
      const notifies = asks(2, 'notify cells[1]', 'notify', 'cells[1]');
      expect(await pausedAfter([])).toEqual([asks(1, 'wait on cells[1] while it is 0', 'wait', 'cells[1]'), notifies]);
      expect(await pausedAfter([0])).toEqual([waits(false), notifies]);
      expect(await pausedAfter([0, 1])).toEqual([waits(true), finished]);
      expect(await pausedAfter([0, 1, 0])).toEqual([asks(1, 'store 1 in cells[2]', 'store', 'cells[2]'), finished]);
    } finally {
      await scheduler.close();
    }
  });

  // What the game's hints look for in a story (scripts/learn/cause.ts): a read that a write of another thread may make stale, and a store.
  it.each([...operations, 'wake', 'timeout'] as const)(
    'a step that makes %s on a cell reads it only if it is a load, compare-exchange, exchange, add or sub, and stores into it only if it is a store; of that cell alone',
    (operation) => {
      const step: Act = { thread: 1, operation, cell: 'lock', value: 1, replacement: undefined, result: 0, woke: [], slept: false };
      expect(readsCell(step, 'lock')).toBe(['load', 'compareExchange', 'exchange', 'add', 'sub'].includes(operation));
      expect(storesIn(step, 'lock')).toBe(operation === 'store');
      expect([readsCell(step, 'balance'), storesIn(step, 'balance')]).toEqual([false, false]);
    },
  );

  it("says of a thread asleep on memory of its own (the document's time.sleep) that it sleeps, then that its sleep will end", async () => {
    const scheduler = await Scheduler.start({ cell: new SharedArrayBuffer(4) }, [{ module: judged, name: 'sleepAMoment', args: [10] }]);
    const ownMemory = { thread: 1, woken: false, error: undefined, calls: [] };
    try {
      expect((await scheduler.run(carryOn, 0)).pending).toEqual([
        { ...ownMemory, state: 'asks', canGoOn: true, next: 'sleep 10 ms', nextStep: { operation: 'wait', cell: undefined }, timeoutMs: undefined },
      ]);
      expect((await scheduler.run(carryOn, 1)).pending).toEqual([
        { ...ownMemory, state: 'waits', canGoOn: true, next: 'wake from its sleep', nextStep: { operation: 'timeout', cell: undefined }, timeoutMs: 10 },
      ]);
    } finally {
      await scheduler.close();
    }
  });

  it.each([
    { args: undefined, count: 0 },
    { args: [1, 2], count: 2 },
  ])('calls a judged function with the memory and its args: $count of them', async ({ args, count }) => {
    const memory = { cell: new SharedArrayBuffer(4) };
    const scheduler = await Scheduler.start(memory, [{ module: judged, name: 'storeArgumentCount', ...(args === undefined ? {} : { args }) }]);
    try {
      await scheduler.run();
      expect(new Int32Array(memory.cell)[0]).toBe(count);
    } finally {
      await scheduler.close();
    }
  });

  it("records each step as data, what it asked and what the operation returned to the judged code: a notify's count of threads woken too", async () => {
    const memory = { cells: new SharedArrayBuffer(12) };
    const scheduler = await Scheduler.start(memory, [
      { module: judged, name: 'waitOnSecondCell', args: [50] },
      { module: judged, name: 'notifyAndCount' },
    ]);
    const step = (thread: number, operation: string, cell: string, action: string, more: object = {}) => ({
      thread,
      operation,
      cell,
      action,
      value: undefined,
      replacement: undefined,
      result: undefined,
      woke: [],
      slept: false,
      preempted: false,
      ...more,
    });
    try {
      const woken = await scheduler.run(fromChoices([0, 1, 1, 0, 0]));
      expect(woken.steps).toEqual([
        step(1, 'wait', 'cells[1]', 'waits on cells[1] while it is 0', { value: 0, slept: true }),
        // Atomics.notify(cells, 1) is given no count: every waiter.
        step(2, 'notify', 'cells[1]', 'notifies cells[1]: wakes thread 1', { value: Number.POSITIVE_INFINITY, result: 1, woke: [1] }),
        step(2, 'store', 'cells', 'stores 1 in cells', { value: 1, result: 1 }),
        step(1, 'wake', 'cells[1]', 'wakes'),
        step(1, 'store', 'cells[2]', 'stores 1 in cells[2]', { value: 1, result: 1 }),
      ]);
      expect([...new Int32Array(memory.cells)]).toEqual([1, 0, 1]);
      const nobody = await scheduler.run(fromChoices([1, 1, 0, 0]));
      expect(story(nobody)).toBe(
        'thread 2 notifies cells[1]: nobody waits, thread 2 stores 0 in cells, thread 1 waits on cells[1] while it is 0, thread 1 stops waiting: its timeout expired, thread 1 stores 2 in cells[2]',
      );
      expect([...new Int32Array(memory.cells)]).toEqual([0, 0, 2]);
    } finally {
      await scheduler.close();
    }
  });

  it('keeps the memory as a paused execution left it, apart from what the threads do after', async () => {
    const memory = { cell: new SharedArrayBuffer(4) };
    const scheduler = await Scheduler.start(
      memory,
      [1, 2].map((number) => ({ module: judged, name: 'storeOwnNumber', args: [number] })),
    );
    try {
      const paused = await scheduler.run(fromChoices([0, 1]), 1);
      expect(new Int32Array(paused.memory.cell as SharedArrayBuffer)[0]).toBe(1);
      expect(new Int32Array(memory.cell)[0], 'thread 2, abandoned before its step, never made it').toBe(1);
      await scheduler.run(fromChoices([0, 1]));
      expect(new Int32Array(memory.cell)[0]).toBe(2);
      expect(new Int32Array(paused.memory.cell as SharedArrayBuffer)[0]).toBe(1);
    } finally {
      await scheduler.close();
    }
  });

  it('says of a thread that threw what it threw, and, asked to locate, where: innermost call first', async () => {
    const scheduler = await Scheduler.start(lockMemory(), [{ module: judged, name: 'releaseWithoutHolding', args: [broken('AnyoneReleasesLock')] }], {
      locate: true,
    });
    try {
      const execution = await scheduler.run();
      const error = 'Error: released a lock it did not hold, and nobody stopped it';
      expect(execution.errors).toEqual([{ text: error, failureId: 'lock.release-not-refused' }]);
      expect(execution.pending).toEqual([
        {
          thread: 1,
          state: 'failed',
          canGoOn: false,
          next: undefined,
          nextStep: undefined,
          woken: false,
          timeoutMs: undefined,
          error,
          calls: [
            { url: broken('AnyoneReleasesLock').module, line: expect.any(Number), fn: 'AnyoneReleasesLock.release' },
            { url: judged, line: expect.any(Number), fn: 'releaseWithoutHolding' },
          ],
        },
      ]);
    } finally {
      await scheduler.close();
    }
  });

  it('reports a deadlock at once, with the steps that led to it, and goes on: its threads unwind', async () => {
    const memory = { lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) };
    const threads = [1, 2].map(() => ({ module: judged, name: 'holdLock', args: [silentRelease, 1] }));
    const scheduler = await Scheduler.start(memory, threads);
    try {
      // Thread 1 takes the lock; thread 2 finds it taken and waits; thread 1 releases it without a notify.
      const execution = await scheduler.run(fromChoices([0, 1, 1]));
      // 'deadlock' is said when no thread can go on; a thread waited out at a timeout would be 'stuck'.
      expect(execution.outcome).toBe('deadlock');
      expect(story(execution)).toMatch(
        /^thread 1 compare-exchanges lock from free \(0\) to thread 1 \(\d+\): it was free \(0\), thread 2 compare-exchanges lock from free \(0\) to thread 2 \(\d+\): it was thread 1 \(\d+\), thread 2 waits on lock while it is thread 1 \(\d+\), .*thread 1 compare-exchanges lock from thread 1 \(\d+\) to free \(0\): it was thread 1 \(\d+\): deadlock$/,
      );
      expect((await scheduler.run()).outcome).toBe('finished');
      expect(scheduler.restarts, 'workers replaced, rather than their threads unwound').toBe(0);
    } finally {
      await scheduler.close();
    }
  });

  it('says where each thread asks for its first step, paused before any is taken, run after run', async () => {
    const threads = [1, 2].map(() => ({ module: judged, name: 'holdLock', args: [ours.Lock, 1] }));
    const scheduler = await Scheduler.start(lockMemory(), threads, { locate: true });
    try {
      for (let run = 1; run <= 10; run++) {
        const { pending } = await scheduler.run(carryOn, 0);
        for (const { thread, calls } of pending)
          expect(calls.at(-1), `run ${run}, thread ${thread}: its outermost call`).toMatchObject({ url: judged, fn: 'holdLock' });
      }
    } finally {
      await scheduler.close();
    }
  });

  it('says where a thread is as of this execution, never the one before: one that threw before any step is nowhere', async () => {
    const module = new URL('../fixtures/counting-store.ts', import.meta.url).href;
    const memory = { runs: new SharedArrayBuffer(4), other: new SharedArrayBuffer(4) };
    const scheduler = await Scheduler.start(memory, [{ module, name: 'failsAtOnceAfterFirstRun' }], { locate: true });
    try {
      // A schedule that misfits at its first step: the thread has asked for it, telling where, and the run ends before that is read.
      await expect(scheduler.run(fromChoices([1]))).rejects.toMatchObject({ name: 'ScheduleMisfit' });
      const second = await scheduler.run();
      expect(second.pending[0]).toMatchObject({ state: 'failed', error: 'Error: failed at once on run 2', calls: [] });
    } finally {
      await scheduler.close();
    }
  });

  it("lets the program's timers run while it explores: a long exploration starves no test's timeout, nor the watchdog's beat", async () => {
    const scheduler = await Scheduler.start(lockMemory(), lockThreads(ours.Lock, 3, 1, undefined, true));
    let beats = 0;
    const beat = setInterval(() => {
      beats += 1;
    }, 10);
    try {
      // Executions follow one another through promises alone: a timer runs only where the exploration lets it.
      let executions = 0;
      for await (const _ of scheduler.explore(2)) if (beats >= 2 || ++executions >= 2_000) break;
      expect(beats, `the timer's beats, in ${executions} executions`).toBeGreaterThanOrEqual(2);
    } finally {
      clearInterval(beat);
      await scheduler.close();
    }
  });

  it('stops a livelock at the most steps an execution may take, no sooner and no later: it is stuck', async () => {
    const scheduler = await Scheduler.start({ cell: new SharedArrayBuffer(4) }, [{ module: judged, name: 'spinOnCell' }]);
    try {
      const execution = await scheduler.run();
      expect(execution.outcome).toBe('stuck');
      expect(execution.steps, 'the steps taken').toHaveLength(maxSteps);
      expect((await scheduler.run(carryOn, 3)).outcome, 'the next execution, its thread unwound').toBe('paused');
      expect(scheduler.restarts, 'workers replaced').toBe(0);
    } finally {
      await scheduler.close();
    }
  });

  // npm run learn and the game close their scheduler once they have judged, and must then end by themselves.
  it('lets a program end by itself once it has closed its scheduler', async () => {
    const program = fileURLToPath(new URL('../fixtures/programs/scheduler-closed.ts', import.meta.url));
    // The program and the scheduler's two workers: a runner's start each.
    const ended = await runProgram(program, [], await boundFor([0], 3));
    expect(ended, 'a program that ran one execution and closed its scheduler').toMatchObject({ code: 0, timedOut: false, stdout: 'finished\n' });
  });

  it('replaces a thread that does not come back once its execution is abandoned (a deadlock, a schedule that misfits), and goes on', async () => {
    const memory = { lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) };
    const holder = { module: judged, name: 'holdLock', args: [silentRelease, 1] };
    const stubborn = { module: judged, name: 'acquireStubbornly', args: [silentRelease] };
    const scheduler = await Scheduler.start(memory, [holder, stubborn]);
    try {
      // As above: thread 2 sleeps, and thread 1's release wakes nobody. Thread 2 then swallows every error.
      expect((await scheduler.run(fromChoices([0, 1, 1]))).outcome).toBe('deadlock');
      expect((await scheduler.run()).outcome).toBe('finished');
      expect(scheduler.restarts, 'workers replaced').toBe(1);
      // The same after a schedule that misfits with thread 2 blocked, asking for its wait.
      await expect(scheduler.run(fromChoices([0, 1, 5]))).rejects.toMatchObject({ name: 'ScheduleMisfit' });
      expect((await scheduler.run()).outcome).toBe('finished');
      expect(scheduler.restarts, 'workers replaced').toBe(2);
    } finally {
      await scheduler.close();
    }
  });

  it("lets a wait's timeout expire when the schedule says so, and time moves to its deadline: acquire(50) then fails, naming the holder", async () => {
    const memory = { lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) };
    const threads = [1, 2].map(() => ({ module: judged, name: 'holdLock', args: [ours.Lock, 1, 50] }));
    const scheduler = await Scheduler.start(memory, threads);
    try {
      // Thread 1 takes the lock; thread 2 waits for it, and its timeout expires before thread 1 lets go.
      const execution = await scheduler.run(fromChoices([0, 1, 1, 1]));
      expect(execution.outcome).toBe('finished');
      expect(story(execution)).toContain('thread 2 stops waiting: its timeout expired');
      expect(execution.errors).toEqual([undefined, undefined]);
    } finally {
      await scheduler.close();
    }
  });

  it('says at once that a judged thread cannot run, when its function does not exist', async () => {
    const scheduler = await Scheduler.start({ cell: new SharedArrayBuffer(4) }, [{ module: judged, name: 'noSuchFunction' }]);
    try {
      // The error the thread failed with is its cause, for a reader who wants its stack.
      await expect(scheduler.run()).rejects.toMatchObject({
        message: expect.stringMatching(/^A judged thread cannot run: .*judged\.ts has no exported function named "noSuchFunction"/),
        cause: { message: expect.stringMatching(/judged\.ts has no exported function named "noSuchFunction"/) },
      });
    } finally {
      await scheduler.close();
    }
  });
});
