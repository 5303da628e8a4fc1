/**
 * How many schedules the scheduler must explore, counted apart from it: the judged threads written again
 * as small pure programs (generators that yield each Atomics operation they make), and every interleaving
 * of them with at most `preemptions` preemptions enumerated directly, with no real thread, no replay and
 * no worker. The scheduler's count must be this number: more or fewer means it took a step nobody chose,
 * or skipped one.
 *
 * The rules are the scheduler's own, as docs/scheduler.md states them: a step is one operation; a wait
 * that finds its value sleeps, and its wake is a step of its own, taken once a notify marked it or, with
 * a timeout, at any time (the clock then jumps to its deadline); a preemption is a switch away from a
 * thread that could have gone on.
 */

export type Op =
  | { readonly op: 'load'; readonly cell: string }
  | { readonly op: 'store' | 'add' | 'sub'; readonly cell: string; readonly value: number }
  | { readonly op: 'compareExchange'; readonly cell: string; readonly expected: number; readonly replacement: number }
  | { readonly op: 'wait'; readonly cell: string; readonly value: number; readonly timeoutMs: number }
  | { readonly op: 'notify'; readonly cell: string; readonly count: number };

/** What a model thread sees: the clock (performance.now), and each operation's result, sent back into its generator. */
export interface World {
  readonly now: () => number;
}

/** A model thread: it yields each operation, and receives what the operation returned. */
export type Program = (world: World, self: number) => Generator<Op, void, number | string>;

interface Waiter {
  readonly thread: number;
  readonly cell: string;
  readonly since: number;
  readonly timeoutMs: number;
  notified: boolean;
}

interface State {
  readonly memory: Map<string, number>;
  /** Each thread's pending operation; undefined once done, or while it waits. */
  readonly pending: (Op | undefined)[];
  readonly waiters: Waiter[];
  clock: number;
}

/** Counts the complete schedules of `programs` with at most `preemptions` preemptions. */
export function countSchedules(programs: readonly Program[], preemptions = 2): number {
  // Generators cannot be copied: each branch replays its choices from the start, as the scheduler does.
  const start = (choices: readonly number[]): State => {
    const state: State = { memory: new Map(), pending: [], waiters: [], clock: 0 };
    const world = { now: () => state.clock };
    const threads = programs.map((program, thread) => program(world, thread + 1));
    threads.forEach((thread, index) => {
      state.pending[index] = next(thread.next());
    });
    for (const chosen of choices) take(state, threads, chosen);
    return state;
  };
  const count = (choices: number[], previous: number | undefined, used: number): number => {
    const state = start(choices);
    const enabled = state.pending
      .map((op, thread) => (op !== undefined || canWake(state, thread) ? thread : undefined))
      .filter((thread) => thread !== undefined);
    if (enabled.length === 0) return 1;
    const continuable = previous !== undefined && state.pending[previous] !== undefined;
    let total = 0;
    for (const thread of enabled) {
      const preempts = continuable && thread !== previous ? 1 : 0;
      if (used + preempts <= preemptions) total += count([...choices, thread], thread, used + preempts);
    }
    return total;
  };
  return count([], undefined, 0);
}

const next = (result: IteratorResult<Op, void>): Op | undefined => (result.done ? undefined : result.value);

function canWake(state: State, thread: number): boolean {
  const waiter = state.waiters.find((each) => each.thread === thread);
  return waiter !== undefined && (waiter.notified || Number.isFinite(waiter.timeoutMs));
}

function take(state: State, threads: readonly Generator<Op, void, number | string>[], thread: number): void {
  const generator = threads[thread] as Generator<Op, void, number | string>;
  const at = state.waiters.findIndex((each) => each.thread === thread);
  if (at >= 0) {
    const [waiter] = state.waiters.splice(at, 1) as [Waiter];
    if (!waiter.notified) state.clock = Math.max(state.clock, waiter.since + waiter.timeoutMs);
    state.pending[thread] = next(generator.next(waiter.notified ? 'ok' : 'timed-out'));
    return;
  }
  const op = state.pending[thread] as Op;
  const value = state.memory.get(op.cell) ?? 0;
  let result: number | string;
  switch (op.op) {
    case 'load':
      result = value;
      break;
    case 'store':
      state.memory.set(op.cell, op.value);
      result = op.value;
      break;
    case 'add':
      state.memory.set(op.cell, value + op.value);
      result = value;
      break;
    case 'sub':
      state.memory.set(op.cell, value - op.value);
      result = value;
      break;
    case 'compareExchange':
      if (value === op.expected) state.memory.set(op.cell, op.replacement);
      result = value;
      break;
    case 'wait':
      if (value !== op.value) {
        result = 'not-equal';
        break;
      }
      state.waiters.push({ thread, cell: op.cell, since: state.clock, timeoutMs: op.timeoutMs, notified: false });
      state.pending[thread] = undefined;
      return;
    case 'notify': {
      const woken = state.waiters.filter((each) => each.cell === op.cell && !each.notified).slice(0, op.count);
      for (const waiter of woken) waiter.notified = true;
      result = woken.length;
      break;
    }
  }
  state.pending[thread] = next(generator.next(result));
}

/** The threads of the spec's scheduled claims (claims/tasks/judged.ts on src/), as model programs. */
export const programs = {
  /** Lock.acquire: compare-exchange, and while taken, wait for the value seen, until the deadline. */
  *acquire(world: World, self: number, timeoutMs = Number.POSITIVE_INFINITY): Generator<Op, void, number | string> {
    const deadline = world.now() + timeoutMs;
    for (;;) {
      const holder = (yield { op: 'compareExchange', cell: 'lock', expected: 0, replacement: self }) as number;
      if (holder === 0) return;
      const left = deadline - world.now();
      if (left <= 0) throw new Error('timed out');
      yield { op: 'wait', cell: 'lock', value: holder, timeoutMs: left };
    }
  },
  *release(self: number): Generator<Op, void, number | string> {
    const holder = (yield { op: 'compareExchange', cell: 'lock', expected: self, replacement: 0 }) as number;
    if (holder !== self) throw new Error('not held');
    yield { op: 'notify', cell: 'lock', count: 1 };
  },
  /** The judged deposit: lock, read, sleep 10 ms (its own memory), write, unlock; with `fail`, it throws before the sleep. */
  deposit: (money: number, fail = false, locked = true): Program =>
    function* (world, self) {
      if (locked) yield* programs.acquire(world, self);
      const balance = (yield { op: 'load', cell: 'balance' }) as number;
      if (!fail) {
        yield { op: 'wait', cell: `own ${self}`, value: 0, timeoutMs: 10 };
        yield { op: 'store', cell: 'balance', value: balance + money };
      }
      if (locked) yield* programs.release(self);
    },
  /** The judged holdLock: take the lock `rounds` times, entering and leaving the critical section. */
  holdLock: (rounds: number, timeoutMs = Number.POSITIVE_INFINITY): Program =>
    function* (world, self) {
      for (let round = 0; round < rounds; round++) {
        try {
          yield* programs.acquire(world, self, timeoutMs);
        } catch {
          continue;
        }
        yield { op: 'add', cell: 'inside', value: 1 };
        yield { op: 'sub', cell: 'inside', value: 1 };
        yield* programs.release(self);
      }
    },
  /** The judged takeLock: take the lock once, and release it. */
  takeLock: (timeoutMs = Number.POSITIVE_INFINITY): Program =>
    function* (world, self) {
      try {
        yield* programs.acquire(world, self, timeoutMs);
      } catch {
        return;
      }
      yield* programs.release(self);
    },
  /** The judged releaseWithoutHolding: one compare-exchange, refused. */
  releaseWithoutHolding: (): Program =>
    function* (_world, self) {
      yield { op: 'compareExchange', cell: 'lock', expected: self, replacement: 0 };
    },
  /** The judged pingPong on the SharedCounter: take a ticket; print while it is below the limit. */
  pingPong: (limit: number): Program =>
    function* () {
      while (((yield { op: 'add', cell: 'counter', value: 1 }) as number) < limit) yield { op: 'add', cell: 'printed', value: 1 };
    },
};
