/** Where an execution left a thread: what it would do next, if it can, in the story's words and as data (see Pending). */
import type { Pending, Place } from './execution.ts';
import { type Slot, Status } from './layout.ts';
import { cellName } from './memory.ts';
import { intent, waking } from './narration.ts';
import { type Waiter, Waiters } from './waiters.ts';

export interface Left {
  /** Counted from 0. */
  readonly thread: number;
  readonly slot: Slot;
  readonly waiter: Waiter | undefined;
  readonly error: string | undefined;
  readonly calls: readonly Place[];
  /** The shared memory's names, in the order its addresses number them. */
  readonly names: readonly string[];
  /** Each thread's Node threadId, which a lock's cell holds plus one (narration.ts valueIn). */
  readonly threadIds: readonly number[];
}

export function pendingOf({ thread, slot, waiter, error, calls, names, threadIds }: Left): Pending {
  const cellOf = (address: number, index: number) => cellName(names, address, index);
  const status = slot.status;
  const ended = { canGoOn: false, next: undefined, nextStep: undefined, woken: false, timeoutMs: undefined, calls };
  if (status === Status.finished) return { thread: thread + 1, state: 'finished', error: undefined, ...ended };
  if (status === Status.failed) return { thread: thread + 1, state: 'failed', error, ...ended };
  if (waiter !== undefined) {
    const cell = cellOf(waiter.address, waiter.index);
    return {
      thread: thread + 1,
      state: 'waits',
      canGoOn: Waiters.canGoOn(waiter),
      next: waking(waiter.notified, cell),
      nextStep: { operation: waiter.notified ? 'wake' : 'timeout', cell },
      woken: waiter.notified,
      timeoutMs: Number.isFinite(waiter.timeout) ? waiter.timeout : undefined,
      error: undefined,
      calls,
    };
  }
  const asked = status === Status.requesting ? slot.asked() : undefined;
  const cell = asked && cellOf(asked.address, asked.index);
  return {
    thread: thread + 1,
    state: 'asks',
    canGoOn: asked !== undefined,
    next: asked && intent(asked, cell, threadIds),
    nextStep: asked && { operation: asked.op, cell },
    woken: false,
    timeoutMs: undefined,
    error: undefined,
    calls,
  };
}
