/**
 * What a scheduled property runs: every schedule of its threads, up to two preemptions, under the
 * scheduler (scheduler/), each execution judged by the property's own verdict; the simplest fault is told
 * with its story and the schedule that replays it. A property states its threads and its verdict
 * (claims/properties/schedules.ts); npm run learn -- --play judges a learner's schedule by the same.
 */
import type * as fc from 'fast-check';
import { expect } from 'vitest';
import {
  type Execution,
  fromChoices,
  type JudgedThread,
  maxSteps,
  Nondeterminism,
  replayedSchedule,
  ScheduleMisfit,
  Scheduler,
  scheduleText,
  story,
  type Tally,
  type ThreadError,
} from '../../scheduler/scheduler.ts';
import { type FailureId, knownId, withId } from '../failures.ts';
import type { OurClass, Property } from '../property.ts';
import type { ClassRef } from '../tasks/judged.ts';
import { recordCount } from './schedule-counts.ts';

const replayed = replayedSchedule();

export interface Fault {
  readonly fault: string;
  /** What a lesson tells the fault by (claims/failures.ts), when it is one a lesson knows. */
  readonly failureId?: FailureId;
  readonly execution: Execution;
  /** The claim whose property found it, for the replay command. */
  readonly claim: string;
  /**
   * Its threads did not replay as they ran once it was found (the scheduler's words): code that keeps state
   * outside the shared memory, a module-level variable or a thread's own clock, of which each thread has a copy.
   */
  readonly diverged?: string;
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
  const failed = firstToFail(execution);
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

/**
 * The thread that failed first, or -1. Threads run one at a time between steps, and a thread throws before
 * it asks for its next step: the first to fail is the one whose last step came first. The others may have
 * failed because of it (a release refused once two held the lock): its error is the fault, as a game that
 * stops at the first failure tells it, and as its replay must.
 */
function firstToFail(execution: Execution): number {
  const lastStep = (thread: number) => execution.steps.findLastIndex((step) => step.thread === thread + 1);
  let first = -1;
  for (const [thread, error] of execution.errors.entries()) {
    if (error !== undefined && (first < 0 || lastStep(thread) < lastStep(first))) first = thread;
  }
  return first;
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
      return { ...simplest, diverged: error.message.split('. ')[0] };
    }
    recordCount({ claim, configuration, ...tally, reduced: reduce });
    return simplest;
  } finally {
    await scheduler.close();
  }
}

/** The fault and its story, as a failure reads. */
export function told({ fault, diverged, execution, claim }: Fault): string {
  const replay = `SCHEDULE=${scheduleText(execution.choices)} npx vitest run spec/schedules.spec.ts -t "${claim}"`;
  const then = diverged === undefined ? '' : `; and then its threads did not replay as they ran (${diverged})`;
  return `${fault}${then}. The story: ${story(execution)}. Replay it: ${replay}`;
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
export function expectNoFault(found: Fault | undefined): void {
  if (found !== undefined) throw new ScheduleFault(found);
}

/**
 * One scheduled check: the threads, the memory they share, and the verdict on what an execution left
 * (`verdict`, and what a deadlock means there). A property explores every schedule of one (`explored`);
 * npm run learn -- --play lets a learner choose one schedule of the same, judged by the same verdict.
 */
export interface Setup {
  readonly claim: string;
  /** As `named` names it, the pinned counts and the README's table. */
  readonly configuration: string;
  readonly memory: Record<string, SharedArrayBuffer>;
  readonly threads: readonly JudgedThread[];
  /** The verdict on what an execution left, once it finished: what is wrong, or nothing. */
  readonly verdict: (execution: Execution) => Found | undefined;
  readonly deadlock?: Found;
}

export const explored = (setup: Setup): Promise<Fault | undefined> =>
  everySchedule(setup.claim, setup.configuration, setup.memory, setup.threads, setup.verdict, setup.deadlock);

/** What a scheduled property arranges for one case: everything of a Setup but the claim, which is the property's. */
export type Arranged = Omit<Setup, 'claim'>;

/** A scheduled property, as written: what it judges, its cases, and, for each, its threads and verdict. */
export interface ScheduledDefinition<Values extends unknown[]> {
  readonly judges: readonly OurClass[];
  /** The document's claim it checks; none for a promise of the project's own. */
  readonly claim?: string;
  readonly aspect: string;
  /** The words `-t` finds its test by, to replay a schedule: its claim, or, for a promise of the project's own, these. */
  readonly replayedBy?: string;
  readonly arbitraries: NoInfer<{ [K in keyof Values]: fc.Arbitrary<Values[K]> }>;
  readonly numRuns: number;
  readonly examples?: NoInfer<Values>[];
  /** Some schedule must break it (`loses an update`), rather than none: the claim is that the fault exists. */
  readonly someScheduleBreaks?: string;
  readonly setup: (impl: ClassRef, ...values: Values) => Arranged;
}

export type ScheduledProperty<Values extends unknown[]> = Property<ClassRef, Values> & {
  readonly claim?: string;
  /** The case's Setup, the claim's own: what the property explores, and what a game lets a learner play. */
  readonly setup: (impl: ClassRef, ...values: Values) => Setup;
};

/** Every schedule of each case's setup, judged by its verdict: none may break it, or (`someScheduleBreaks`) some must. */
export function scheduledProperty<Values extends unknown[]>(
  definition: ScheduledDefinition<Values> & { readonly claim: string },
): ScheduledProperty<Values> & { readonly claim: string };
export function scheduledProperty<Values extends unknown[]>(definition: ScheduledDefinition<Values>): ScheduledProperty<Values>;
export function scheduledProperty<Values extends unknown[]>(definition: ScheduledDefinition<Values>): ScheduledProperty<Values> {
  const { setup: arrange, someScheduleBreaks, replayedBy, ...property } = definition;
  const claim = definition.claim ?? replayedBy ?? definition.aspect;
  const setup = (impl: ClassRef, ...values: Values): Setup => ({ claim, ...arrange(impl, ...values) });
  return {
    ...property,
    setup,
    check:
      (impl) =>
      async (...values) => {
        const found = await explored(setup(impl, ...values));
        if (someScheduleBreaks === undefined) expectNoFault(found);
        else expect(found, `a schedule that ${someScheduleBreaks}`).toBeDefined();
      },
  };
}
