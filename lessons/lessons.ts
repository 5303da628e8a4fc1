/**
 * The learning path: the document's claims as five lessons, in its order. Each lesson is a file the
 * learner writes (lessons/N-name/start.ts holds how it starts), judged by the very claim properties `npm test`
 * runs on src/ (claims/properties/), and by the same witness.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import type { Scenario } from '../claims/programs/scenario.ts';
import { joinSettles, mapSettles } from '../claims/properties/faults.ts';
import { endsByItself, learnersPoolExamples, learnersScenarios, throwsAndIsJoined } from '../claims/properties/liveness.ts';
import { exactBalance, releaseOnError } from '../claims/properties/lock.ts';
import { joinDeliversOutput, joinWaitsForTheChildAlone } from '../claims/properties/output.ts';
import { poolWaits } from '../claims/properties/pool.ts';
import { processConcurrent, processNoSharedCounter, processOwnPid } from '../claims/properties/process.ts';
import {
  everyScheduleExactBalance,
  everyScheduleReleaseOnError,
  everyScheduleSharedCounter,
  mutualExclusion,
  noLostWakeUp,
  timeoutGivesUp,
} from '../claims/properties/schedules.ts';
import { crossesUnchanged } from '../claims/properties/values.ts';
import type { HammerEffort, hammers } from '../claims/properties/witness.ts';
import { narrowed, type Property } from '../claims/property.ts';
import type { Act } from '../claims/tasks/faults.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';

/**
 * One thing the judge checks of a lesson: a property of the document's claims or of the contract our
 * class keeps beyond them (claims/properties/), or a hammering at full speed. A check's `claim` is the
 * claim's id, or, for the contract, `contract: ` and what it promises.
 */
export type Check =
  | {
      /** The document's claim it judges; or, for the contract our class keeps beyond them, `contract`. */
      readonly claim?: string;
      /** What the contract promises, in a few words: `join rejects with the task's error`. */
      readonly contract?: string;
      // biome-ignore lint/suspicious/noExplicitAny: each check pairs a property with what it judges
      readonly property: Property<any, any[]> & { readonly narrows?: unknown; readonly why?: string };
      /** What the property takes, made of the learner's export (a class) and where it lives. */
      readonly judged: (exported: unknown, ref: ClassRef) => unknown;
      /** A counterexample, as a learner reads it. */
      readonly shown: (...values: never[]) => string;
      /**
       * It may run beside the lesson's other such checks, for a quicker verdict. Not a property judged
       * under the scheduler: those run one at a time. Nor one that waits until nothing the judge started
       * is left running: it would wait for the others. (Two side by side once disagreed with a schedule they
       * had recorded themselves; the cause, a late wake-up that a one-wait handshake let through, is fixed
       * and proved in spec/scheduler.spec.ts.)
       */
      readonly sideBySide?: true;
    }
  | { readonly claim: string; readonly contract?: undefined; readonly hammer: keyof typeof hammers; readonly effort: HammerEffort };

/** A claim's id, or `the contract: ...`: how a check is named on the screen. */
export function checkName(check: Check): string {
  return check.claim ?? `the contract: ${check.contract}`;
}

/** A typical wrong answer, told by what its failure says. */
export interface Mistake {
  readonly when: RegExp;
  readonly mistake: string;
  /** The method to look at, when the failure itself does not point into the file. */
  readonly look: string;
}

/** A property that judges our class in `spec/` and that the lesson does not run, and why it does not apply. */
export interface NotJudged {
  // biome-ignore lint/suspicious/noExplicitAny: any property of ours
  readonly property: Property<any, any[]>;
  readonly why: string;
}

export interface Lesson {
  readonly name: string;
  readonly title: string;
  /** The learner's file, in lessons/yours/ (and how it starts, in lessons/N-name/start.ts). */
  readonly file: string;
  /** The class the file exports, and our own file that exports the same (and what else to read with it). */
  readonly export: string;
  readonly ours: string;
  readonly oursWith?: string;
  readonly checks: readonly Check[];
  /** Every other property that judges our class (its `judges` names it), each with why the lesson does not run it. */
  readonly notJudged?: readonly NotJudged[];
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
/** The real-thread bank: the learner's Account in the parent, and loaded by module and name in each thread. */
const realBank = (Exported: unknown, ref: ClassRef) => ({ Account: Exported, accountClass: ref });
const act = ({ behaviour, value, ms }: Act) =>
  ({
    succeed: `returns ${value}`,
    throw: 'throws',
    exit: `calls process.exit(${value})`,
    kill: 'is killed (SIGKILL)',
    large: 'returns a large value',
    unclonable: 'returns a value that cannot be sent',
  })[behaviour] + (ms ? ` after ${ms} ms` : '');
const ending = { return: 'returns', exit: 'calls process.exit()', throw: 'throws', kill: 'is killed (SIGKILL)' } as const;
const program = ({ backend, acts, ending: end, when }: Scenario) =>
  `a program whose ${backend === 'Pool' ? 'Pool maps' : 'processes run'} tasks that ${acts.map(act).join('; ')}, then ${
    {
      join: 'joins them',
      nothing: 'forgets them',
      'await-using': 'disposes of the pool (await using)',
      terminate: 'terminates',
      'close-join': 'closes and joins',
    }[end]
  }${when === 'running' ? ' while they run' : ''}`;
const ms = (durations: readonly number[]) => `${durations.length} downloads, of ${durations.map((each) => `${each} ms`).join(', ')}`;

const lessonsDir = dirname(fileURLToPath(import.meta.url));

export const lessons: readonly Lesson[] = [
  {
    name: 'process',
    title: 'Process: start() returns at once, join() waits',
    file: '1-process.ts',
    export: 'Process',
    ours: 'src/process.ts',
    oursWith: 'src/runtime/runnable.ts, which it shares with Thread',
    checks: [
      { claim: 'process.concurrent', property: processConcurrent, judged: theClass, shown: ms, sideBySide: true },
      { claim: 'process.own-pid', property: processOwnPid, judged: theClass, shown: ms, sideBySide: true },
      {
        claim: 'process.no-shared-counter',
        property: processNoSharedCounter,
        judged: theClass,
        shown: (words: string[], limit: number) => `${words.join(' and ')}, each counting to ${limit} in a process of its own`,
        sideBySide: true,
      },
      {
        contract: "join rejects with the task's error, or says how the child ended",
        property: joinSettles,
        judged: (Exported) => ({ Runnable: Exported, ended: 'process \\d+', canBeKilled: true }),
        shown: (each: Act) => `a task that ${act(each)}`,
      },
      {
        contract: 'join delivers all the child printed, and only that',
        property: joinDeliversOutput,
        judged: theClass,
        shown: ({ lines, width, ending: end }: { lines: number; width: number; ending: keyof typeof ending }) =>
          `a task that prints ${lines} lines of ${width} characters, then ${ending[end]}`,
      },
      {
        contract: 'join waits for the child alone',
        property: joinWaitsForTheChildAlone,
        judged: theClass,
        shown: ({ lines, helper, ending: end }: { lines: number; helper: string; ending: keyof typeof ending }) =>
          `a task that prints ${lines} lines, leaves behind a process holding its output (one that ${helper === 'never-ends' ? 'never ends' : 'prints after it'}), then ${ending[end]}`,
      },
      {
        contract: 'a program that uses it ends by itself, and a failed task fails nothing else',
        property: narrowed(
          endsByItself,
          { arbitraries: [learnersScenarios.Process], examples: [[throwsAndIsJoined]], numRuns: 10 },
          "the lesson's Process has no terminate(): its programs join their processes, or forget them",
        ),
        judged: (_exported, ref) => ref.module,
        shown: program,
      },
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
      {
        when: /exited with code 1 \(1: an error nobody caught\)/,
        mistake:
          "The program died of an error nobody caught, though it caught join()'s rejection: when a task fails, only join() may reject. Is start() async? Its promise then rejects with the task's error, and no one awaits start(). start() must return at once, not a promise.",
        look: 'start',
      },
      {
        when: /what join rejected with/,
        mistake:
          "join() resolved though the child's task failed: join() must reject with the error the child's `ended` rejects with (await it; do not catch it).",
        look: 'join',
      },
      {
        when: /Still running after/,
        mistake: 'A child was still running after join() returned: join() must wait until the child has ended (await its `ended`).',
        look: 'join',
      },
      {
        when: /lines delivered|the child's own output/,
        mistake:
          "join() settled before the child's output had all arrived, or with output that was not the child's: await the child's `ended`, which settles once its own output is whole.",
        look: 'join',
      },
      {
        when: /join did not settle within|join, with a helper/,
        mistake: "join() never settled, though the child had ended: await the child's `ended`, and nothing else.",
        look: 'join',
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
      {
        contract: 'map settles once every item has ended, with every failure, and a runner that dies fails only its own item',
        property: narrowed(
          mapSettles,
          { arbitraries: [mapSettles.arbitraries[0], fc.integer({ min: 1, max: 1 }), mapSettles.arbitraries[2]] },
          "the lesson's Pool takes no chunks: each item is a chunk of one",
        ),
        judged: (Exported) => ({ Pool: Exported, ended: 'process \\d+', canBeKilled: true }),
        shown: (size: number, _chunksize: number, acts: Act[]) => `a Pool(${size}) mapping ${acts.length} tasks that ${acts.map(act).join('; ')}`,
      },
      {
        contract: 'a program that uses it ends by itself, and disposing of it ends every runner',
        property: narrowed(
          endsByItself,
          { arbitraries: [learnersScenarios.Pool], examples: learnersPoolExamples.map((scenario): [Scenario] => [scenario]), numRuns: 10 },
          "the lesson's Pool has no terminate() nor close(): its programs dispose of it (await using), or forget it",
        ),
        judged: (_exported, ref) => ref.module,
        shown: program,
      },
    ],
    notJudged: [
      {
        property: crossesUnchanged,
        why: 'values cross to a runner and back in the runner lessons/helpers.ts gives you, which is ours (src/runtime/runner.ts): your code never touches them',
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
      {
        when: /not with a PoolMapError of every failure/,
        mistake:
          "map() rejected with one task's error: it must go on with the other items, and once every item has ended reject with a PoolMapError of every failure (new PoolMapError({ values, errors })). Awaiting Promise.all of the runners' loops rejects at the first failure, while the others still run.",
        look: 'map',
      },
      {
        when: /has ended: start another with startRunner/,
        mistake:
          'A runner whose child died was given more items, and each failed: when run() rejects and `runner.ended` is true, start a new runner in its place (and keep it in this.runners, so that disposing stops it).',
        look: 'map',
      },
      {
        when: /errors that name no item/,
        mistake:
          "map's errors must be the errors run() rejects with, each naming its item: pass the item's index, run(task, item, index), and collect the errors unchanged.",
        look: 'map',
      },
      {
        when: /item \d+, whose task succeeded/,
        mistake:
          "An item whose task succeeded has no result, or another item's error: keep each result at its item's index, and fail only the item whose task failed.",
        look: 'map',
      },
      {
        when: /Still running after/,
        mistake:
          'Runners were still running after the pool was disposed of: [Symbol.asyncDispose]() must stop every runner the pool started (runner.stop()), and wait until they have ended.',
        look: '[Symbol.asyncDispose]',
      },
      {
        when: /map did not settle within|a second map did not settle/,
        mistake:
          'map() never settled: some item was never run, or its result never awaited. Every runner must go on taking items until none is left, even after one failed.',
        look: 'map',
      },
    ],
    hint: [
      'Start min(size, items) runners; each takes the next index while there is one, and goes on after a failure:',
      '    const list = [...items];',
      '    const values: Result[] = new Array(list.length);',
      '    const errors: TaskError[] = [];',
      '    let next = 0;',
      '    const work = async () => {',
      '      let runner = this.start();',
      '      while (next < list.length) {',
      '        const i = next++;',
      '        try {',
      '          values[i] = await runner.run(task, list[i] as Item, i);',
      '        } catch (error) {',
      '          errors.push(error as TaskError);',
      '          if (runner.ended) runner = this.start(); // its child died: a new runner takes its place',
      '        }',
      '      }',
      '    };',
      '    await Promise.all(Array.from({ length: Math.min(this.size, list.length) }, work));',
      '    if (errors.length > 0) throw new PoolMapError({ values, errors });',
      '    return values;',
      'where start() starts a runner and keeps it in this.runners (startRunner, PoolMapError and TaskError come from ../helpers.ts).',
      'Dispose: await Promise.all(this.runners.map((runner) => runner.stop()));',
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
    oursWith: 'src/runtime/shared-int32.ts',
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
        when: /fewer, as if increment\(\) returned the count after/,
        mistake:
          'increment() must return the count before it added one, as Atomics.add does: yours returned the count after (Atomics.add(...) + 1, or a load after the add).',
        look: 'increment',
      },
      {
        when: /stored into the counter a count it had not read there/,
        mistake:
          'Each thread counted in a number of its own and stored it into the shared cell: keep the count in the shared memory alone, and change it there in one step, Atomics.add(cell, 0, 1).',
        look: 'increment',
      },
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
      '    readonly #cell: Int32Array;',
      '    this.#cell = new Int32Array(this.buffer, 0, 1);   // in the constructor, once this.buffer is set: a field initializer runs before it',
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
      {
        contract: 'acquire(timeoutMs) gives up once its time has passed',
        property: timeoutGivesUp,
        judged: byRef,
        shown: (timeoutMs: number) => `thread 1 holds the lock until thread 2, asking for it with acquire(${timeoutMs}), gives up`,
      },
      { claim: 'lock.mutual-exclusion', hammer: 'lock', effort: { times: 3, rounds: 200_000, forMs: 1_000 } },
    ],
    mistakes: [
      {
        when: /never gave up/,
        mistake:
          "acquire(timeoutMs) ignored its timeout: a thread that has waited timeoutMs for a lock still held must give up, throwing a LockTimeoutError. Pass timeoutMs to Atomics.wait, and throw once it returns 'timed-out'.",
        look: 'acquire',
      },
      {
        when: /livelock/,
        mistake:
          "A thread took thousands of steps without getting on: acquire() loops, trying again and again without sleeping (a spin), or without giving up once its time is up. It must sleep in Atomics.wait while the lock is held, and throw once Atomics.wait returns 'timed-out'.",
        look: 'acquire',
      },
      {
        when: /ran for 5 s between two steps/,
        mistake: "A thread ran on for 5 s without touching the lock's cell: a loop that neither sleeps (Atomics.wait) nor tries the cell again.",
        look: 'acquire',
      },
      {
        when: /deadlock: no thread can go on|waits forever/,
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
      "Threads are numbered from 1 in the smallest case's order: those taking the lock first, then the one releasing it without holding it, if the case has one. The lock's cell holds FREE (0), or its holder's self; `inside` counts the threads between acquire and release.",
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
      // The same claims in real threads at full speed, as the document runs them: many deposits at once.
      {
        claim: 'lock.exact-balance',
        property: exactBalance,
        judged: realBank,
        shown: (amounts: number[]) => `${amounts.length} threads at once, depositing ${amounts.map((each) => `¥${each}`).join(', ')}`,
      },
      {
        claim: 'lock.release-on-error',
        property: releaseOnError,
        judged: realBank,
        shown: (deposits: { money: number; fail: boolean }[], size: number) =>
          `a ThreadPool(${size}) making ${deposits.length} deposits, ${deposits.filter((each) => each.fail).length} of them throwing halfway`,
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
      {
        when: /did not reach its caller/,
        mistake:
          'A deposit that threw returned as if it had succeeded: its error must reach the caller. Release the lock in `finally`, and do not catch the error (or throw it again).',
        look: 'deposit',
      },
      {
        when: /released a lock that is not held/,
        mistake:
          'A deposit released the lock twice, or released a lock it had not taken: take it once before the `try`, and release it once, in `finally` alone.',
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

/** A lesson's folder in lessons/: its starting file, its solution, its typical wrong answers. */
export const folderOf = (lesson: Lesson) => lesson.file.replace(/\.ts$/, '');
export const startFile = (lesson: Lesson) => join(lessonsDir, folderOf(lesson), 'start.ts');
export const solutionFile = (lesson: Lesson) => join(lessonsDir, folderOf(lesson), 'solution.ts');
export const wrongAnswerFile = (lesson: Lesson, file: string) => join(lessonsDir, folderOf(lesson), 'wrong', file);

/** The lesson a file is of: named as the lesson's file is (4-lock.ts), or kept in its folder (lessons/4-lock/solution.ts). */
export function lessonOfFile(path: string): Lesson | undefined {
  const parts = path.split(/[\\/]/);
  return lessons.find((lesson) => parts.at(-1) === lesson.file || parts.includes(folderOf(lesson)));
}

export function lessonNamed(name: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.name === name);
}

/** Every claim the path judges, each once, in the lessons' order. */
export const lessonClaims: readonly string[] = [...new Set(lessons.flatMap((lesson) => lesson.checks.flatMap((check) => check.claim ?? [])))];
