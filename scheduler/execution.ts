/** What the scheduler runs and records: the threads it judges, the steps they take, and the schedules that choose them. */
import type { Access } from './independence.ts';

/** A thread to judge: the export `name` of `module`, called as `name(memory, ...args)`. */
export interface JudgedThread {
  readonly module: string;
  readonly name: string;
  readonly args?: readonly unknown[];
}

export interface Step {
  /** Counted from 1, as a reader would. */
  readonly thread: number;
  /** What it did, as a reader follows it: `loads lock = 0`. */
  readonly action: string;
  /** It took this step while another thread could have gone on: a preemption. */
  readonly preempted: boolean;
}

/** A call the judged code was in when it asked for a step: where it is, innermost first (see SchedulerOptions.locate). */
export interface Place {
  /** The module's URL. */
  readonly url: string;
  readonly line: number;
  /** The function, as the stack names it (`Account.deposit`), if it has a name. */
  readonly fn: string | undefined;
}

/** A thread where a paused execution left it: what it would do next, if it can, and where in its code. */
export interface Pending {
  /** Counted from 1, as a reader would. */
  readonly thread: number;
  /**
   * `asks`: blocked before an operation, which its next step makes. `waits`: in Atomics.wait, which its
   * next step ends, once a notify has woken it (`woken`) or when its timeout may expire. `finished` or
   * `failed`: its function returned, or threw (`error`).
   */
  readonly state: 'asks' | 'waits' | 'finished' | 'failed';
  /** Whether its next step may be taken now. */
  readonly canGoOn: boolean;
  /** What its next step does, as the story will tell it: `load balance`, `wait on lock while it is 2`. */
  readonly next: string | undefined;
  readonly woken: boolean;
  /** A waiter's timeout in ms, if it has one that may expire. */
  readonly timeoutMs: number | undefined;
  readonly error: string | undefined;
  /** Where its next step is asked for (or its last, once it has ended), innermost first: with `locate` only. */
  readonly calls: readonly Place[];
}

export interface Execution {
  /** The thread (index from 0) that took each step: replaying them replays the execution. */
  readonly choices: readonly number[];
  readonly steps: readonly Step[];
  /** Which threads could have taken each step. */
  readonly enabled: readonly (readonly number[])[];
  /** Whether the thread that took the step before could have gone on at each step, without waiting. */
  readonly continuable: readonly boolean[];
  /** What each enabled thread's step would touch, at each step (by thread index; see independence.ts). */
  readonly accesses: readonly (readonly (Access | undefined)[])[];
  /** What each step touched, once taken (the clock only if the code after it read it). */
  readonly touched: readonly Access[];
  /** `paused`: stopped, on request, before step `until + 1` (see Scheduler.run), each thread where `pending` says. */
  readonly outcome: 'finished' | 'deadlock' | 'stuck' | 'paused';
  /** Each thread, where a paused execution left it (every execution says it, for the threads that ended). */
  readonly pending: readonly Pending[];
  /** Each thread's error, if its judged function threw. */
  readonly errors: readonly (string | undefined)[];
  /** Each thread's Node threadId, which its own messages may name (`Thread 5 released ...`): not the story's numbering. */
  readonly threadIds: readonly number[];
  /** The named memory as the execution left it. */
  readonly memory: Readonly<Record<string, SharedArrayBuffer>>;
}

/** Chooses the next thread among those enabled, at step `k`; the thread that took the last step comes first, `previous`. */
export type Pick = (enabled: readonly number[], k: number, previous: number | undefined) => number;

/** Without a choice: the thread that went last goes on while it can (no preemption), else the first that can. */
export const carryOn: Pick = (enabled, _k, previous) => (previous !== undefined && enabled.includes(previous) ? previous : (enabled[0] as number));

/** A schedule as fast-check generates it: any list of numbers, each picking among the threads enabled at its step. */
export function fromNumbers(numbers: readonly number[]): Pick {
  return (enabled, k, previous) => (k < numbers.length ? (enabled[(numbers[k] as number) % enabled.length] as number) : carryOn(enabled, k, previous));
}

/** A replayed schedule that does not fit these threads: it was recorded of others. */
export class ScheduleMisfit extends Error {
  override name = 'ScheduleMisfit';
}

/** A schedule as an execution recorded it (`choices`): it replays that execution. */
export function fromChoices(choices: readonly number[]): Pick {
  return (enabled, k, previous) => {
    if (k >= choices.length) return carryOn(enabled, k, previous);
    const thread = choices[k] as number;
    if (!enabled.includes(thread)) throw new ScheduleMisfit(`Schedule ${choices.join(',')}: thread ${thread + 1} cannot take step ${k + 1}`);
    return thread;
  };
}

/** `thread 1 loads lock = 0, thread 2 loads lock = 0, thread 1 stores 1, ...` */
export function story(execution: Execution): string {
  const steps = execution.steps.map((step) => `thread ${step.thread} ${step.action}`);
  const end = execution.outcome === 'finished' ? '' : `: ${execution.outcome}`;
  // A livelock's thousands of steps: how it began, and how it went on.
  const told = steps.length <= 60 ? steps : [...steps.slice(0, 40), `(${steps.length - 50} steps more)`, ...steps.slice(-10)];
  return `${told.join(', ')}${end}`;
}

/** Step `k` as a reader follows it, or how the execution ended. */
export const stepAt = (execution: Execution, k: number) => {
  const step = execution.steps[k];
  return step === undefined ? `the end (${execution.outcome})` : `"thread ${step.thread} ${step.action}"`;
};
