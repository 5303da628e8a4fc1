/**
 * What the board says made a win possible (scripts/learn/cause.ts), told from the story alone, for stories
 * made for the purpose: the challenges tell only six, and a learner's own code in `--play` tells any.
 * Each story is a list of steps as the scheduler records them; each row says the one sentence it must give,
 * or that it gives none.
 */
import { describe, expect, it } from 'vitest';
import type { Act, Execution, Pending, Step } from '../../scheduler/scheduler.ts';
import { causeOf } from '../../scripts/learn/cause.ts';
import { step as storyStep, pending as threadAt } from '../support/stories.ts';

const step = (thread: number, operation: Act['operation'], cell: string | undefined, fields: Partial<Act> = {}): Step =>
  storyStep(operation, cell, { thread, ...fields });
const load = (thread: number, cell: string, result = 0) => step(thread, 'load', cell, { result });
const store = (thread: number, cell: string, value: number) => step(thread, 'store', cell, { value });
const add = (thread: number, cell: string, value = 1) => step(thread, 'add', cell, { value, result: 0 });
const cas = (thread: number, cell: string, value: number, replacement: number, result: number) =>
  step(thread, 'compareExchange', cell, { value, replacement, result });
const wait = (thread: number, cell: string, value: number, slept = true) => step(thread, 'wait', cell, { value, slept });
const sleep = (thread: number) => step(thread, 'wait', undefined, { slept: true });
const notify = (thread: number, cell: string, woke: number[] = []) => step(thread, 'notify', cell, { value: 1, result: woke.length, woke });

const pending = (thread: number, state: Pending['state'], canGoOn = false) => threadAt(thread, state, { canGoOn });

interface Story {
  readonly steps: readonly Step[];
  readonly outcome?: Execution['outcome'];
  readonly pending?: readonly Pending[];
  readonly threadIds?: readonly number[];
}

const told = ({ steps, outcome = 'finished', pending = [], threadIds = [] }: Story): string | undefined =>
  causeOf({
    choices: steps.map((each) => each.thread - 1),
    steps,
    enabled: [],
    continuable: [],
    accesses: [],
    touched: [],
    outcome,
    pending,
    errors: [],
    threadIds,
    memory: {},
  });

/** The sentence for a read between a read and a write, in the story's numbers. */
const between = (cell: string, thread: number, at: number, first: number, firstAt: number, writeAt: number) =>
  `thread ${thread} read ${cell} (step ${at}) between thread ${first}'s read of it (step ${firstAt}) and its write (step ${writeAt}): each then acted on what it had read, which the other's write made stale`;
const heldBy = (thread: number, cell: string, at: number) => `thread ${thread} took ${cell} (step ${at}) and never released it`;

describe('a read between a read and a write', () => {
  it('is told with its steps: the lost update', () => {
    expect(told({ steps: [load(1, 'counter'), load(2, 'counter'), store(1, 'counter', 1), store(2, 'counter', 1)] })).toBe(
      "thread 2 read counter (step 2) between thread 1's read of it (step 1) and its write (step 3): each then acted on what it had read, which the other's write made stale",
    );
  });

  it.each<[string, Story, string | undefined]>([
    ['a read-modify-write is a read too', { steps: [add(1, 'n'), load(2, 'n'), store(1, 'n', 2)] }, between('n', 2, 2, 1, 1, 3)],
    ['a compare-exchange is a read too', { steps: [load(1, 'n'), cas(2, 'n', 0, 1, 0), store(1, 'n', 1)] }, between('n', 2, 2, 1, 1, 3)],
    [
      "the thread's own write comes after a store and a read of its own",
      { steps: [store(1, 'n', 1), load(1, 'n', 1), load(2, 'n', 1), store(1, 'n', 2)] },
      between('n', 2, 3, 1, 2, 4),
    ],
    ['a store before a read between is not a read: none', { steps: [store(1, 'n', 1), load(2, 'n', 1), store(1, 'n', 2)] }, undefined],
    ['no write after the read: none', { steps: [load(1, 'n'), load(2, 'n')] }, undefined],
    ["the other's read after the write: none", { steps: [load(1, 'n'), store(1, 'n', 1), load(2, 'n', 1)] }, undefined],
    ["the other's read before the first read: none", { steps: [load(2, 'n'), load(1, 'n'), store(1, 'n', 1)] }, undefined],
    ['a store between, not a read: none', { steps: [load(1, 'n'), store(3, 'n', 5), store(1, 'n', 1)] }, undefined],
    ['a read of another cell between: none', { steps: [load(1, 'n'), load(2, 'm'), store(1, 'n', 1)] }, undefined],
    ['a write of another cell after: none', { steps: [load(1, 'n'), load(2, 'n'), store(1, 'm', 1)] }, undefined],
    [
      "the thread reads again before it writes: what it acts on is its second read, after the other's",
      { steps: [load(1, 'n'), load(2, 'n'), load(1, 'n'), store(1, 'n', 1)] },
      undefined,
    ],
    [
      'of two cells raced on, the one the story names first',
      { steps: [load(1, 'a'), load(2, 'b'), load(2, 'a'), load(1, 'b'), store(1, 'a', 1), store(2, 'b', 1)] },
      between('a', 2, 3, 1, 1, 5),
    ],
    [
      'of two reads of a cell, the first with a read between',
      { steps: [load(1, 'n'), store(1, 'n', 1), load(2, 'n', 1), load(1, 'n', 1), load(3, 'n', 1), store(1, 'n', 2)] },
      between('n', 3, 5, 1, 4, 6),
    ],
  ])('%s', (_, story, sentence) => {
    expect(told(story)).toBe(sentence);
  });

  // The story names a cell where a step read or wrote what it held: a step that only combines bits, wakes,
  // times out or finds a wait's cell changed does not, so a race on `b` after it is not told before one on `a`.
  it.each<[string, Step]>([
    ['an and', step(1, 'and', 'b', { value: 1, result: 0 })],
    ['an or', step(1, 'or', 'b', { value: 1, result: 0 })],
    ['a xor', step(1, 'xor', 'b', { value: 1, result: 0 })],
    ['a wake', step(1, 'wake', 'b')],
    ['a timeout', step(1, 'timeout', 'b')],
    ['a wait that did not sleep', wait(1, 'b', 5, false)],
  ])('the cell of %s is not named first', (_, first) => {
    const race = (cell: string) => [load(1, cell), load(2, cell), store(1, cell, 1)];
    expect(told({ steps: [first, ...race('a'), ...race('b')] })).toBe(between('a', 2, 3, 1, 2, 4));
  });

  it('the cell of a wait that slept is named where it slept', () => {
    const steps = [wait(3, 'b', 0), load(1, 'a'), load(2, 'a'), store(1, 'a', 1), load(1, 'b'), load(2, 'b'), store(1, 'b', 1)];
    expect(told({ steps })).toBe(between('b', 2, 6, 1, 5, 7));
  });
});

describe('a lock taken and never given back', () => {
  it.each<[string, Story, string | undefined]>([
    ['taken and never released', { steps: [cas(1, 'lock', 0, 1, 0)] }, heldBy(1, 'lock', 1)],
    ['given back by a compare-exchange from its holder to 0: none', { steps: [cas(1, 'lock', 0, 7, 0), cas(1, 'lock', 7, 0, 7)] }, undefined],
    ['given back by storing 0: none', { steps: [cas(1, 'lock', 0, 1, 0), store(1, 'lock', 0)] }, undefined],
    ['a compare-exchange from another value to 0 gives nothing back', { steps: [cas(1, 'lock', 0, 7, 0), cas(1, 'lock', 6, 0, 7)] }, heldBy(1, 'lock', 1)],
    [
      'a compare-exchange from its holder to another value gives nothing back',
      { steps: [cas(1, 'lock', 0, 7, 0), cas(1, 'lock', 7, 2, 7)] },
      heldBy(1, 'lock', 1),
    ],
    ['a compare-exchange of another cell gives nothing back', { steps: [cas(1, 'lock', 0, 7, 0), cas(1, 'other', 7, 0, 7)] }, heldBy(1, 'lock', 1)],
    ['storing a value other than 0 gives nothing back', { steps: [cas(1, 'lock', 0, 1, 0), store(1, 'lock', 2)] }, heldBy(1, 'lock', 1)],
    ['storing 0 in another cell gives nothing back', { steps: [cas(1, 'lock', 0, 1, 0), store(1, 'other', 0)] }, heldBy(1, 'lock', 1)],
    ['another thread storing 0 is not its holder giving it back', { steps: [cas(1, 'lock', 0, 1, 0), store(2, 'lock', 0)] }, heldBy(1, 'lock', 1)],
    ['given back before it was taken is not given back', { steps: [store(1, 'lock', 0), cas(1, 'lock', 0, 1, 0)] }, heldBy(1, 'lock', 2)],
    ['a compare-exchange that found it taken took nothing: none', { steps: [cas(2, 'lock', 0, 2, 1)] }, undefined],
    ['a compare-exchange from 0 to 0 took nothing: none', { steps: [cas(2, 'lock', 0, 0, 0)] }, undefined],
    ['an add of 0 to a cell holding 0 took nothing: none', { steps: [step(2, 'add', 'lock', { value: 0, result: 0 })] }, undefined],
    ['a compare-exchange from another value than 0 took nothing: none', { steps: [cas(2, 'lock', 1, 2, 1)] }, undefined],
    ['of two takes, the one not given back', { steps: [cas(1, 'lock', 0, 1, 0), store(1, 'lock', 0), cas(2, 'lock', 0, 2, 0)] }, heldBy(2, 'lock', 3)],
  ])('%s', (_, story, sentence) => {
    expect(told(story)).toBe(sentence);
  });
});

describe('a wait nobody will end (a deadlock)', () => {
  const asleep = (thread: number) => pending(thread, 'waits');

  it('a change nobody notified is told with the waiter and the holder in the story’s numbers', () => {
    const steps = [cas(1, 'lock', 0, 6, 0), wait(2, 'lock', 6), store(1, 'lock', 0)];
    expect(told({ steps, outcome: 'deadlock', pending: [pending(1, 'finished'), asleep(2)], threadIds: [5, 9] })).toBe(
      'thread 2 waits on lock while it is thread 1 (6); thread 1 changed lock (step 3) and notified nobody, so nothing will wake thread 2',
    );
  });

  it('no thread left to change it, and the lock its holder never gave back', () => {
    const steps = [cas(1, 'lock', 0, 6, 0), wait(2, 'lock', 6)];
    expect(told({ steps, outcome: 'deadlock', pending: [pending(1, 'finished'), asleep(2)], threadIds: [5, 9] })).toBe(
      'thread 2 waits on lock while it is thread 1 (6), and no thread is left to change it: thread 1 took lock (step 1) and never released it',
    );
  });

  const waitedOn = (thread: number, cell: string, value: number, then = '') =>
    `thread ${thread} waits on ${cell} while it is ${value}, and no thread is left to change it${then}`;
  const unnotified = (thread: number, cell: string, value: number, changer: number, at: number) =>
    `thread ${thread} waits on ${cell} while it is ${value}; thread ${changer} changed ${cell} (step ${at}) and notified nobody, so nothing will wake thread ${thread}`;

  it.each<[string, Story, string | undefined]>([
    ['no change after the wait', { steps: [wait(1, 'flag', 0)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'flag', 0)],
    [
      'a change notified',
      { steps: [wait(1, 'flag', 0), store(2, 'flag', 1), notify(2, 'flag')], outcome: 'deadlock', pending: [asleep(1)] },
      waitedOn(1, 'flag', 0),
    ],
    [
      'a change notified on another cell',
      { steps: [wait(1, 'flag', 0), store(2, 'flag', 1), notify(2, 'other')], outcome: 'deadlock', pending: [asleep(1)] },
      unnotified(1, 'flag', 0, 2, 2),
    ],
    [
      'a step after the change that is not a notify',
      { steps: [wait(1, 'flag', 0), store(2, 'flag', 1), load(3, 'flag', 1)], outcome: 'deadlock', pending: [asleep(1)] },
      unnotified(1, 'flag', 0, 2, 2),
    ],
    [
      'a notify before the change',
      { steps: [wait(1, 'flag', 0), notify(2, 'flag'), store(2, 'flag', 1)], outcome: 'deadlock', pending: [asleep(1)] },
      unnotified(1, 'flag', 0, 2, 3),
    ],
    ['a change before the wait', { steps: [store(2, 'flag', 1), wait(1, 'flag', 1)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'flag', 1)],
    ['a change of another cell', { steps: [wait(1, 'flag', 0), store(2, 'other', 1)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'flag', 0)],
    ["the waiter's own change", { steps: [wait(1, 'flag', 0), store(1, 'flag', 1)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'flag', 0)],
    [
      'a compare-exchange that changed it',
      { steps: [wait(1, 'flag', 0), cas(2, 'flag', 0, 1, 0)], outcome: 'deadlock', pending: [asleep(1)] },
      unnotified(1, 'flag', 0, 2, 2),
    ],
    [
      'a compare-exchange that found it changed already changed nothing',
      { steps: [wait(1, 'flag', 0), cas(2, 'flag', 3, 1, 0)], outcome: 'deadlock', pending: [asleep(1)] },
      waitedOn(1, 'flag', 0),
    ],
    [
      'a compare-exchange of another cell',
      { steps: [wait(1, 'flag', 0), cas(2, 'other', 0, 1, 0)], outcome: 'deadlock', pending: [asleep(1)], threadIds: [] },
      `${waitedOn(1, 'flag', 0)}: ${heldBy(2, 'other', 2)}`,
    ],
    ...['add', 'sub', 'and', 'or', 'xor', 'exchange'].map((operation): [string, Story, string] => [
      `${operation === 'exchange' ? 'an exchange' : `${operation === 'add' ? 'an' : 'a'} ${operation}`} that changed it`,
      { steps: [wait(1, 'flag', 0), step(2, operation as Act['operation'], 'flag', { value: 1, result: 0 })], outcome: 'deadlock', pending: [asleep(1)] },
      unnotified(1, 'flag', 0, 2, 2),
    ]),
    ['a load changed nothing', { steps: [wait(1, 'flag', 0), load(2, 'flag')], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'flag', 0)],
    [
      'of two changes, the last, when no notify came after it',
      { steps: [wait(1, 'flag', 0), store(2, 'flag', 1), notify(2, 'flag'), store(3, 'flag', 2)], outcome: 'deadlock', pending: [asleep(1)] },
      unnotified(1, 'flag', 0, 3, 4),
    ],
    ['of two waits, the last', { steps: [wait(1, 'a', 1), wait(1, 'b', 2)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'b', 2)],
    ['a sleep after a wait is not the wait', { steps: [wait(1, 'a', 1), sleep(1)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'a', 1)],
    [
      'a wait that did not sleep is not the wait',
      { steps: [wait(1, 'a', 1), wait(1, 'b', 2, false)], outcome: 'deadlock', pending: [asleep(1)] },
      waitedOn(1, 'a', 1),
    ],
    ["another thread's wait is not its wait", { steps: [wait(1, 'a', 1), wait(2, 'b', 2)], outcome: 'deadlock', pending: [asleep(1)] }, waitedOn(1, 'a', 1)],
    [
      'of two threads asleep, the first',
      { steps: [wait(1, 'a', 1), wait(2, 'b', 2)], outcome: 'deadlock', pending: [asleep(1), asleep(2)] },
      waitedOn(1, 'a', 1),
    ],
    [
      'a thread asleep that can go on (woken) is not told',
      { steps: [wait(1, 'a', 1), wait(2, 'b', 2)], outcome: 'deadlock', pending: [pending(1, 'waits', true), asleep(2)] },
      waitedOn(2, 'b', 2),
    ],
    [
      'a thread that asks is not asleep',
      { steps: [wait(1, 'a', 1), wait(2, 'b', 2)], outcome: 'deadlock', pending: [pending(1, 'asks'), asleep(2)] },
      waitedOn(2, 'b', 2),
    ],
    [
      'a thread asleep with no wait in the story is not told',
      { steps: [wait(2, 'b', 2)], outcome: 'deadlock', pending: [asleep(1), asleep(2)] },
      waitedOn(2, 'b', 2),
    ],
    ['a thread asleep with no wait on a cell is not told', { steps: [sleep(1)], outcome: 'deadlock', pending: [asleep(1)] }, undefined],
    ['not a deadlock: no wait is told', { steps: [wait(1, 'flag', 0)], outcome: 'stuck', pending: [asleep(1)] }, undefined],
    [
      'told before a read between a read and a write',
      { steps: [load(2, 'n'), load(3, 'n'), store(2, 'n', 1), wait(1, 'flag', 0)], outcome: 'deadlock', pending: [asleep(1)] },
      waitedOn(1, 'flag', 0),
    ],
  ])('%s', (_, story, sentence) => {
    expect(told(story)).toBe(sentence);
  });
});

it('a read between a read and a write is told before a lock never given back', () => {
  expect(told({ steps: [cas(3, 'lock', 0, 1, 0), load(1, 'n'), load(2, 'n'), store(1, 'n', 1)] })).toBe(between('n', 2, 3, 1, 2, 4));
});
