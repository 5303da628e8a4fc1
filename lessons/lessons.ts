/**
 * The learning path: the document's claims as five lessons, in its order. Each lesson is a file the
 * learner writes (lessons/start/ holds how it starts), judged by the very claim properties `npm test`
 * runs on src/ (spec/properties/), and by the same witness.
 */

import { poolWaits } from '../spec/properties/pool.ts';
import { processConcurrent, processOwnPid } from '../spec/properties/process.ts';
import {
  everyScheduleExactBalance,
  everyScheduleReleaseOnError,
  everyScheduleSharedCounter,
  mutualExclusion,
  noLostWakeUp,
} from '../spec/properties/schedules.ts';
import type { HammerEffort, hammers } from '../spec/properties/witness.ts';
import type { ClaimProperty } from '../spec/support/claim-property.ts';
import type { ClassRef } from '../spec/tasks/judged.ts';

/** One thing the judge checks of a lesson: a claim property, or a hammering at full speed. */
export type Check =
  | {
      readonly claim: string;
      // biome-ignore lint/suspicious/noExplicitAny: each check pairs a property with what it judges
      readonly property: ClaimProperty<any, any[]>;
      /** What the property takes, made of the learner's export (a class) and where it lives. */
      readonly judged: (exported: unknown, ref: ClassRef) => unknown;
      /** A counterexample, as a learner reads it. */
      readonly shown: (...values: never[]) => string;
      /**
       * It may run beside the lesson's other such checks, for a quicker verdict. Not a property judged
       * under the scheduler: those run one at a time. (Two side by side once disagreed with a schedule they
       * had recorded themselves; the cause, a late wake-up that a one-wait handshake let through, is fixed
       * and proved in spec/scheduler.spec.ts.)
       */
      readonly sideBySide?: true;
    }
  | { readonly claim: string; readonly hammer: keyof typeof hammers; readonly effort: HammerEffort };

/** A typical wrong answer, told by what its failure says. */
export interface Mistake {
  readonly when: RegExp;
  readonly mistake: string;
  /** The method to look at, when the failure itself does not point into the file. */
  readonly look: string;
}

export interface Lesson {
  readonly name: string;
  readonly title: string;
  /** The learner's file, in lessons/yours/ (and how it starts, in lessons/start/). */
  readonly file: string;
  /** The class the file exports, and our own file that exports the same (and what else to read with it). */
  readonly export: string;
  readonly ours: string;
  readonly oursWith?: string;
  readonly checks: readonly Check[];
  readonly mistakes: readonly Mistake[];
  readonly hint: string;
  /** What it taught, said once it passes. */
  readonly taught: string;
  /** What usually makes this lesson's code hang. */
  readonly hangs: string;
  /** How to read a schedule's story, for the lessons judged under every schedule. */
  readonly legend?: string;
}

/** The properties take a Process class itself, a pool as `make(size)`, and a shared class by module and name. */
const theClass = (Exported: unknown) => Exported;
const sized = (Exported: unknown) => (size?: number) => new (Exported as new (size?: number) => unknown)(size);
const byRef = (_exported: unknown, ref: ClassRef) => ref;
const ms = (durations: readonly number[]) => `${durations.length} downloads, of ${durations.map((each) => `${each} ms`).join(', ')}`;

export const lessons: readonly Lesson[] = [
  {
    name: 'process',
    title: 'Process: start() returns at once, join() waits',
    file: '1-process.ts',
    export: 'Process',
    ours: 'src/process.ts',
    oursWith: 'src/runnable.ts, which it shares with Thread',
    checks: [
      { claim: 'process.concurrent', property: processConcurrent, judged: theClass, shown: ms, sideBySide: true },
      { claim: 'process.own-pid', property: processOwnPid, judged: theClass, shown: ms, sideBySide: true },
    ],
    mistakes: [
      {
        when: /downloads ended when join returned/,
        mistake: 'join() returned while the child was still running: it must wait until the child has ended (await its `ended`).',
        look: 'join',
      },
      {
        when: /a download ended before all had started|Waited \d+ ms for all \d+ downloads to start/,
        mistake: 'The children did not all run at once: start() must start the child and return at once, without waiting for it to end.',
        look: 'start',
      },
      {
        when: /process id|pid/,
        mistake: 'Each process must report the pid of its own child: `pid` is the pid of the child that start() started.',
        look: 'pid',
      },
    ],
    hint: [
      'start() keeps what startChild gives:',
      '    this.#child = startChild(this.target, this.args, this.options);',
      "and join() waits for that child's `ended`:",
      '    await this.#child?.ended;',
      'start() must not await anything: the caller goes on, and starts the next process, while this one runs.',
    ].join('\n'),
    taught:
      'A process runs beside its parent: start() only begins it, so processes started one after another run at the same time, and join() is where the parent waits. Each is a program of its own, with its own pid.',
    hangs: 'a join() that waits for something that never comes, or a loop in start() or join() that never ends',
  },
  {
    name: 'pool',
    title: 'Pool.map: at most size at once, results in order, returns when all are done',
    file: '2-pool.ts',
    export: 'Pool',
    ours: 'src/pool.ts',
    checks: [
      {
        claim: 'pool.waits',
        property: poolWaits,
        judged: sized,
        shown: (size: number, items: number) => `a Pool(${size}) mapping ${items} item${items === 1 ? '' : 's'}`,
      },
    ],
    mistakes: [
      {
        when: /map settled while a task was still running|tasks ended when map settled/,
        mistake: 'map() resolved before all its tasks had ended: await every result before returning.',
        look: 'map',
      },
      {
        when: /results, in input order/,
        mistake: "The results are not in the items' order: keep each result at its item's index, whichever task ends first.",
        look: 'map',
      },
      {
        when: /the most tasks running at once|runners used/,
        mistake:
          'More tasks ran at once, or more runners were started, than `size`: start at most `size` runners, and give each its next item only once it is free.',
        look: 'map',
      },
      {
        when: /Waited \d+ ms for \d+ tasks running at once/,
        mistake:
          'Fewer tasks ran at once than the pool may run: start `size` runners (or as many as there are items), each taking the next item as soon as it is free.',
        look: 'map',
      },
    ],
    hint: [
      'Start min(size, items) runners; each takes the next index while there is one:',
      '    const list = [...items];',
      '    const results: Result[] = new Array(list.length);',
      '    let next = 0;',
      '    const work = async (runner: TaskRunner) => {',
      '      while (next < list.length) {',
      '        const i = next++;',
      '        results[i] = await runner.run(task, list[i] as Item);',
      '      }',
      '    };',
      '    ...start the runners (push them on this.runners), then await Promise.all of their work, and return results.',
      'Dispose: await Promise.all(this.runners.map((runner) => runner.stop())).',
    ].join('\n'),
    taught:
      'A pool is a few runners, reused: each takes the next item as soon as it is free, so no more than `size` tasks run at once; `map` collects each result at its item\'s index and returns only when the last has ended. That is what "a Pool naturally waits" means.',
    hangs: 'a map() that waits for a result that never comes (a runner given nothing, or an await inside a loop that never ends)',
  },
  {
    name: 'counter',
    title: 'A counter threads really share: SharedArrayBuffer and Atomics',
    file: '3-counter.ts',
    export: 'SharedCounter',
    ours: 'src/shared-counter.ts',
    oursWith: 'src/shared-int32.ts',
    checks: [
      {
        claim: 'thread.shared-memory',
        property: everyScheduleSharedCounter,
        judged: byRef,
        shown: (limit: number) => `Ping and Pong on one counter, up to ${limit}`,
      },
      // Millions of rounds, and on for a second: a plain read-then-write loses increments only where threads overlap.
      { claim: 'thread.shared-memory', hammer: 'counter', effort: { times: 3, rounds: 2_000_000, forMs: 1_000 } },
    ],
    mistakes: [
      {
        when: /the count was kept somewhere else/,
        mistake:
          'Each thread counted on a counter of its own: a module-level variable, or memory the counter makes for itself, is copied into every thread. Keep the count in the `buffer` the counter was given.',
        look: 'increment',
      },
      {
        // Threads run at once until their first Atomics step: a plain read and write there can lose an increment even under the scheduler.
        when: /increments, at full speed, left a forbidden outcome|printed \d+ lines together, not/,
        mistake:
          'Increments were lost: reading the count and writing it plus one are two steps, and another thread can increment between them. Add with one atomic step: Atomics.add.',
        look: 'increment',
      },
    ],
    hint: [
      'An Int32Array over the buffer sees the shared memory; Atomics change it in one step:',
      '    readonly #cell = new Int32Array(this.buffer, 0, 1);   // or make it in the constructor',
      '    get value() { return Atomics.load(this.#cell, 0); }',
      '    increment() { return Atomics.add(this.#cell, 0, 1); }   // returns the count before',
    ].join('\n'),
    taught:
      'Worker threads share only what lives in a SharedArrayBuffer: every other value, a module-level counter included, is copied into each thread, as between processes. Shared memory is changed safely in single atomic steps.',
    hangs: 'a loop in increment() that never ends',
    legend: 'Ping and Pong are threads 1 and 2, on one counter; `printed` counts the lines they print together.',
  },
  {
    name: 'lock',
    title: 'A Lock from Atomics: compare-and-exchange, wait, notify',
    file: '4-lock.ts',
    export: 'Lock',
    ours: 'src/lock.ts',
    checks: [
      {
        claim: 'lock.mutual-exclusion',
        property: mutualExclusion,
        judged: byRef,
        shown: ({ holders, rounds, timeoutMs }: { holders: number; rounds: number; timeoutMs: number | undefined }) =>
          `${holders} threads taking the lock${rounds === 1 ? '' : ` ${rounds} times each`}${timeoutMs === undefined ? '' : ` with a ${timeoutMs} ms timeout`}, and one releasing it without holding it`,
      },
      {
        claim: 'lock.no-lost-wakeup',
        property: noLostWakeUp,
        judged: byRef,
        shown: ({ takers, timeoutMs, releaser }: { takers: number; timeoutMs: number | undefined; releaser: boolean }) =>
          `${takers} threads taking the lock once each${timeoutMs === undefined ? '' : ` with a ${timeoutMs} ms timeout`}${releaser ? ', and one releasing it without holding it' : ''}`,
      },
      { claim: 'lock.mutual-exclusion', hammer: 'lock', effort: { times: 3, rounds: 200_000, forMs: 1_000 } },
    ],
    mistakes: [
      {
        when: /deadlock: no thread can go on|waits forever|stuck/,
        mistake:
          'A thread waited forever for a lock that was free: release() must wake a sleeper (Atomics.notify), and acquire() must sleep only while the cell still holds the value it saw (Atomics.wait checks that for you).',
        look: 'release',
      },
      {
        when: /two threads held the lock at once|locked deposits of ¥1, at full speed, left a forbidden outcome/,
        mistake:
          'Two threads held the lock at once: checking that it is free and then setting it are two steps, and another thread can take it between them. Take it in one step: Atomics.compareExchange(cell, 0, FREE, self).',
        look: 'acquire',
      },
      {
        when: /released a lock it did not hold/,
        mistake: 'A thread that did not hold the lock released it: release() must refuse (throw) unless this thread is the holder.',
        look: 'release',
      },
      {
        when: /acquire gave up after/,
        mistake: 'acquire() gave up before its time had passed: throw the LockTimeoutError only once Atomics.wait returned "timed-out".',
        look: 'acquire',
      },
      {
        when: /the lock is still held/,
        mistake: 'Every thread finished, yet the lock is still held: release() must set the cell back to FREE.',
        look: 'release',
      },
    ],
    hint: [
      'acquire:',
      '    for (;;) {',
      '      const holder = Atomics.compareExchange(this.cell, 0, FREE, self);',
      '      if (holder === FREE) return;                     // it was free, and now it is ours',
      "      if (Atomics.wait(this.cell, 0, holder, timeoutMs) === 'timed-out') throw new LockTimeoutError(...);",
      '    }',
      'release:',
      "    if (Atomics.compareExchange(this.cell, 0, self, FREE) !== self) throw new Error('not the holder');",
      '    Atomics.notify(this.cell, 0, 1);',
    ].join('\n'),
    taught:
      'A lock is one shared cell changed only by atomic steps: compare-and-exchange takes it, so two threads never both see it free; Atomics.wait sleeps only while it is still held, and notify wakes a sleeper, so no wake-up is lost between the check and the sleep.',
    hangs: 'acquire() spinning in a loop that never sleeps, or waiting for a value the cell never holds',
    legend:
      "Threads 1 and 2 take the lock; thread 3 releases it without holding it. The lock's cell holds FREE (0), or its holder's self; `inside` counts the threads between acquire and release.",
  },
  {
    name: 'account',
    title: 'Account.deposit: hold the lock, release it in finally',
    file: '5-account.ts',
    export: 'Account',
    ours: 'src/account.ts',
    checks: [
      {
        claim: 'lock.exact-balance',
        property: everyScheduleExactBalance,
        judged: byRef,
        shown: (amounts: number[]) => `two deposits, of ${amounts.map((each) => `¥${each}`).join(' and ')}`,
      },
      {
        claim: 'lock.release-on-error',
        property: everyScheduleReleaseOnError,
        judged: byRef,
        shown: (planned: { money: number; fail: boolean }[]) =>
          `two deposits: ${planned.map(({ money, fail }) => `¥${money}${fail ? ', which throws halfway' : ''}`).join('; ')}`,
      },
    ],
    mistakes: [
      {
        when: /not the sum/,
        mistake: 'A deposit was lost: two deposits read the same balance. Hold this.lock from before add() reads the balance until after it writes it.',
        look: 'deposit',
      },
      {
        when: /the lock is still held|deadlock/,
        mistake: 'A deposit that threw kept the lock, and the next deposit waited forever: release it in `finally`, so that it is released however add() ends.',
        look: 'deposit',
      },
    ],
    hint: ['    this.lock.acquire();', '    try {', '      this.add(money);', '    } finally {', '      this.lock.release();', '    }'].join('\n'),
    taught:
      "A lock makes a read-sleep-write one step to every other thread that takes it too; `finally` is Python's `with lock:`: the lock is released however the block ends, so one failed deposit cannot stop all the others.",
    hangs: 'a deposit that waits for a lock nobody will release',
    legend:
      "Each thread makes one deposit. 'sleeps' and 'wakes' are the document's sleep between reading the balance and writing it; the lock's cell holds 0 when free, or its holder's self.",
  },
];

export function lessonNamed(name: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.name === name);
}

/** Every claim the path judges, each once, in the lessons' order. */
export const lessonClaims: readonly string[] = [...new Set(lessons.flatMap((lesson) => lesson.checks.map((check) => check.claim)))];
