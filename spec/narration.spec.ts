/**
 * The story's words (scheduler/narration.ts), which the game, a lesson's failure and a replay show a learner:
 * each step told from what it did, each paused thread's next step from what it asks for, and a lock's cell
 * by the thread that holds it, numbered as the story numbers threads.
 */
import { describe, expect, it } from 'vitest';
import type { Execution, Step } from '../scheduler/execution.ts';
import type { Operation, Request } from '../scheduler/layout.ts';
import { action, intent, stepAt, story, valueIn, waking } from '../scheduler/narration.ts';
import { act } from './support/stories.ts';

/** Node's threadIds of the story's threads 1 and 2: a lock's cell holds its holder's threadId + 1. */
const threadIds = [7, 9];

describe('The story of a step', () => {
  it.each([
    { told: 'wakes', step: act('wake', 'lock') },
    { told: 'stops waiting: its timeout expired', step: act('timeout', 'lock') },
    { told: 'wakes from its sleep', step: act('timeout', undefined) },
    { told: 'loads lock = free (0)', step: act('load', 'lock', { result: 0 }) },
    { told: 'loads lock = thread 2 (10)', step: act('load', 'lock', { result: 10 }) },
    { told: 'loads balance = 10', step: act('load', 'balance', { result: 10 }) },
    { told: 'loads its own memory = 3', step: act('load', undefined, { result: 3 }) },
    { told: 'stores 5 in balance', step: act('store', 'balance', { value: 5 }) },
    {
      told: 'compare-exchanges lock from free (0) to thread 1 (8): it was thread 2 (10)',
      step: act('compareExchange', 'lock', { value: 0, replacement: 8, result: 10 }),
    },
    { told: 'waits on lock while it is thread 1 (8)', step: act('wait', 'lock', { value: 8, slept: true }) },
    { told: 'finds lock is no longer thread 1 (8), so does not wait', step: act('wait', 'lock', { value: 8, slept: false }) },
    { told: 'sleeps', step: act('wait', undefined, { value: 0, slept: true }) },
    { told: 'notifies lock: nobody waits', step: act('notify', 'lock', { value: 1 }) },
    { told: 'notifies lock: wakes thread 1, 2', step: act('notify', 'lock', { value: 2, woke: [1, 2] }) },
    { told: 'adds 1 to counter: it was 4', step: act('add', 'counter', { value: 1, result: 4 }) },
    { told: 'subtracts 1 from counter: it was 4', step: act('sub', 'counter', { value: 1, result: 4 }) },
    { told: 'exchanges lock for free (0): it was thread 1 (8)', step: act('exchange', 'lock', { value: 0, result: 8 }) },
    { told: 'ors counter with 2: it was 1', step: act('or', 'counter', { value: 2, result: 1 }) },
  ])('$told', ({ told, step }) => {
    expect(action(step, threadIds)).toBe(told);
  });
});

const asked = (op: Operation, arg1 = 0, arg2 = 0): Request => ({ op, address: 0, index: 0, width: 4, arg1, arg2 });

describe("The story of a thread's next step, before it is taken", () => {
  it.each([
    { told: 'load lock', request: asked('load'), cell: 'lock' },
    { told: 'store thread 2 (10) in lock', request: asked('store', 10), cell: 'lock' },
    { told: 'store 10 in balance', request: asked('store', 10), cell: 'balance' },
    { told: 'compare-exchange lock from free (0) to thread 1 (8)', request: asked('compareExchange', 0, 8), cell: 'lock' },
    { told: 'wait on lock while it is thread 2 (10)', request: asked('wait', 10, Number.POSITIVE_INFINITY), cell: 'lock' },
    { told: 'sleep 10 ms', request: asked('wait', 0, 10), cell: undefined },
    { told: 'notify lock', request: asked('notify', 1), cell: 'lock' },
    { told: 'add 1 to counter', request: asked('add', 1), cell: 'counter' },
    { told: 'subtract 1 from counter', request: asked('sub', 1), cell: 'counter' },
    { told: 'exchange its own memory with 3', request: asked('exchange', 3), cell: undefined },
  ])('$told', ({ told, request, cell }) => {
    expect(intent(request, cell, threadIds)).toBe(told);
  });

  it.each([
    { notified: true, cell: 'lock', told: 'wake' },
    { notified: false, cell: 'lock', told: 'stop waiting: its timeout expires' },
    { notified: false, cell: undefined, told: 'wake from its sleep' },
  ])('a waiter notified: $notified, on $cell: $told', ({ notified, cell, told }) => {
    expect(waking(notified, cell)).toBe(told);
  });
});

describe("A lock's cell, told by its holder", () => {
  it.each([
    { cell: 'lock', value: 0, told: 'free (0)' },
    { cell: 'lock', value: 8, told: 'thread 1 (8)' },
    { cell: 'lock', value: 10, told: 'thread 2 (10)' },
    // A value that is no thread's self (a learner's lock that stores something else) is told as it is.
    { cell: 'lock', value: 9, told: '9' },
    { cell: 'balance', value: 0, told: '0' },
    { cell: 'lock', value: undefined, told: 'undefined' },
  ])('$value in $cell: $told', ({ cell, value, told }) => {
    expect(valueIn(cell, value, threadIds)).toBe(told);
  });
});

describe('The story of an execution', () => {
  const stored = (n: number): Step => ({ ...act('store', 'cell', { value: n }), thread: (n % 2) + 1, action: `stores ${n} in cell`, preempted: false });
  const execution = (steps: number, outcome: Execution['outcome']) =>
    ({ steps: Array.from({ length: steps }, (_, n) => stored(n)), outcome }) as unknown as Execution;

  it('tells every step, in order, and how it ended unless it finished', () => {
    expect(story(execution(2, 'finished'))).toBe('thread 1 stores 0 in cell, thread 2 stores 1 in cell');
    expect(story(execution(2, 'deadlock'))).toBe('thread 1 stores 0 in cell, thread 2 stores 1 in cell: deadlock');
    expect(story(execution(0, 'stuck'))).toBe(': stuck');
  });

  it('quotes one step, and past the last, says how the execution ended', () => {
    expect(stepAt(execution(2, 'deadlock'), 1)).toBe('"thread 2 stores 1 in cell"');
    expect(stepAt(execution(2, 'deadlock'), 2)).toBe('the end (deadlock)');
  });

  it("tells sixty steps whole, and of more (a livelock's thousands) the first forty, how many more, and the last ten", () => {
    expect(story(execution(60, 'finished')).split(', ')).toHaveLength(60);
    const told = story(execution(61, 'paused')).split(', ');
    expect(told).toHaveLength(51);
    expect(told.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, n) => `thread ${(n % 2) + 1} stores ${n} in cell`));
    expect(told[40]).toBe('(11 steps more)');
    expect(told.slice(41, 50)).toEqual(Array.from({ length: 9 }, (_, i) => `thread ${((51 + i) % 2) + 1} stores ${51 + i} in cell`));
    expect(told[50]).toBe('thread 1 stores 60 in cell: paused');
  });
});
