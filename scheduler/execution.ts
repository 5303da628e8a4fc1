/** What the scheduler runs and records: the threads it judges, and the steps they take (the schedules that choose them: schedule.ts). */
import type { Access } from './independence.ts';
import type { Operation } from './layout.ts';

/** A thread to judge: the export `name` of `module`, called as `name(memory, ...args)`. */
export interface JudgedThread {
  readonly module: string;
  readonly name: string;
  readonly args?: readonly unknown[];
}

/** What a thread did in one step, as data: the story is written from it (narration.ts), never read back from the story. */
export interface Act {
  /** Counted from 1, as a reader would. */
  readonly thread: number;
  /** The Atomics operation it made, or how its wait ended: `wake` (a notify woke it) or `timeout` (its timeout expired). */
  readonly operation: Operation | 'wake' | 'timeout';
  /** The shared cell, as a reader knows it (`lock`, `counter[1]`); undefined for memory of the thread's own (a sleep's). */
  readonly cell: string | undefined;
  /** The operand: what a store stores, an add adds, a compare-exchange expects, a wait waits while the cell holds, a notify's count. */
  readonly value: number | undefined;
  /** A compare-exchange's replacement. */
  readonly replacement: number | undefined;
  /** What the cell held, as the operation returned it (a load, a compare-exchange, an add, an exchange...). */
  readonly result: number | undefined;
  /** A notify's: the threads it woke, counted from 1. */
  readonly woke: readonly number[];
  /** A wait's: whether it went to sleep, the cell holding its value, or found it changed and went on. */
  readonly slept: boolean;
}

/**
 * Whether the step read `cell` and acted on what it found there: a load, a compare-exchange, an exchange,
 * an add or a subtract. (What a reader of a race looks for: a read another thread's write may make stale.)
 */
export function readsCell({ operation, cell: its }: Act, cell: string): boolean {
  return its === cell && (operation === 'load' || operation === 'compareExchange' || operation === 'exchange' || operation === 'add' || operation === 'sub');
}

/** Whether the step stored into `cell`, whatever it held. */
export function storesIn({ operation, cell: its }: Act, cell: string): boolean {
  return its === cell && operation === 'store';
}

export interface Step extends Act {
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
  /** Its next step as data: the operation, and the cell it is on (see Act). */
  readonly nextStep: { readonly operation: Act['operation']; readonly cell: string | undefined } | undefined;
  readonly woken: boolean;
  /** A waiter's timeout in ms, if it has one that may expire. */
  readonly timeoutMs: number | undefined;
  readonly error: string | undefined;
  /** Where its next step is asked for (or its last, once it has ended), innermost first: with `locate` only. */
  readonly calls: readonly Place[];
}

/** What a judged thread threw, as it crossed to the scheduler: `name: message`, and the failure's id if it carried one. */
export interface ThreadError {
  readonly text: string;
  /** The `failureId` the error carried (claims/failures.ts): what a verdict tells it by, never its words. */
  readonly failureId?: string;
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
  readonly errors: readonly (ThreadError | undefined)[];
  /** Each thread's Node threadId, which its own messages may name (`Thread 5 released ...`): not the story's numbering. */
  readonly threadIds: readonly number[];
  /** The named memory as the execution left it. */
  readonly memory: Readonly<Record<string, SharedArrayBuffer>>;
}
