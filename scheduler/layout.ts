/**
 * The memory the scheduler and its judged threads talk through: one Int32 slot and one Float64 slot per
 * thread, and the virtual clock. Only the thread the scheduler lets go runs; every other one is blocked,
 * announcing the Atomics operation it is about to make.
 */

/** Int32 fields of a thread's slot. */
export const STATUS = 0;
export const OP = 1;
/** Which named buffer the operation is on (its index in the names), or -1 for memory of the thread's own. */
export const ADDRESS = 2;
export const INDEX = 3;
/** The number of the execution the thread is to run; the scheduler raises it to start one. */
export const COMMAND = 4;
/** How a wait ends: WOKEN or TIMED_OUT, set by the scheduler before it lets a waiting thread go. */
export const WAKE = 5;
/** Set by the scheduler to end an execution that cannot go on (a deadlock): the thread unwinds (see UNWOUND). */
export const ABANDON = 6;
/**
 * Set by a judged thread that its handshake let go while its status still said it waits for its turn: a
 * step nobody chose, which it does not take. The scheduler fails the run that saw it.
 */
export const STRAY = 7;
/**
 * Test-only (SchedulerOptions.provokeLateWakes): set by the scheduler to tell a lingering thread to wait,
 * when it chose another, or holds a late wake-up for this one; cleared when it gives this one the turn.
 */
export const GO_WAIT = 8;
/** The width in bytes of the array the operation is on (4 or 8), for the scheduler to read the cell. */
export const WIDTH = 9;
/** How many times the judged thread read the clock (performance.now): the scheduler sees whether a step's code did. */
export const CLOCK_READS = 10;
export const INT_SLOT = 12;

/** Float64 fields of a thread's slot: the operation's arguments, and what it returned. */
export const ARG1 = 0;
export const ARG2 = 1;
export const RESULT = 2;
export const FLOAT_SLOT = 4;

/** Running code that touches no shared memory, or about to start. */
export const RUNNING = 1;
/** Blocked before an Atomics operation, until the scheduler lets it take it. */
export const REQUESTING = 2;
/** In Atomics.wait: it can go on once notified, or, with a timeout, once the scheduler lets the timeout expire. */
export const WAITING = 3;
export const FINISHED = 4;
export const FAILED = 5;
/** Back at the start, its abandoned execution unwound: every Atomics operation it tried threw. */
export const UNWOUND = 6;

export const WOKEN = 0;
export const TIMED_OUT = 2;

export const operations = ['load', 'store', 'compareExchange', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'wait', 'notify'] as const;
export type Operation = (typeof operations)[number];

export interface Layout {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
}

export function layout(control: SharedArrayBuffer, numbers: SharedArrayBuffer): Layout {
  return { ints: new Int32Array(control), floats: new Float64Array(numbers) };
}

/** The index of the virtual clock in the floats, after every thread's slot. */
export const clockIndex = (threads: number) => threads * FLOAT_SLOT;
