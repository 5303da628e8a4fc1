/** Lesson 3: a counter threads really share, in a SharedArrayBuffer, changed by Atomics. */
import { counterProgram, learnersCounterModel, sharedCounterModel } from '../../claims/models/shared-counter.ts';
import { everyScheduleSharedCounter } from '../../claims/properties/schedules.ts';
import { narrowed } from '../../claims/property.ts';
import { byRef } from '../adapters.ts';
import type { Lesson } from '../lesson.ts';

export const lesson: Lesson = {
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
    {
      contract: 'one count, whichever thread asks and through any counter over the buffer; a new counter starts at 0',
      property: narrowed(
        sharedCounterModel,
        learnersCounterModel,
        "the lesson's SharedCounter need not refuse a buffer it cannot count in: ours does (src/runtime/shared-int32.ts), and the starting file does not ask it",
      ),
      judged: byRef,
      shown: counterProgram,
    },
  ],
  mistakes: [
    {
      id: 'counter.returned-count-after',
      mistake:
        'increment() must return the count before it added one, as Atomics.add does: yours returned the count after (Atomics.add(...) + 1, or a load after the add).',
      look: 'increment',
    },
    {
      id: 'counter.stored-unread-count',
      mistake:
        'Each thread counted in a number of its own and stored it into the shared cell: keep the count in the shared memory alone, and change it there in one step, Atomics.add(cell, 0, 1).',
      look: 'increment',
    },
    {
      id: 'counter.count-elsewhere',
      mistake:
        'Each thread counted on a counter of its own: a module-level variable, or memory the counter makes for itself, is copied into every thread. Keep the count in the `buffer` the counter was given.',
      look: 'increment',
    },
    {
      // Threads run at once until their first Atomics step: a plain read and write there can lose an increment even under the scheduler.
      id: 'counter.increments-lost',
      mistake:
        'Increments were lost: reading the count and writing it plus one are two steps, and another thread can increment between them. Add with one atomic step: Atomics.add.',
      look: 'increment',
    },
    {
      id: 'counter.value-stale',
      mistake: 'value gave a count it had read before, not the count now: read the shared cell each time value is asked (Atomics.load), never keep a copy.',
      look: 'value',
    },
    {
      id: 'counter.not-shared',
      mistake:
        'Another counter over the same buffer, or another thread, saw another count: the count lives in the buffer alone. Read and change it there (Atomics.load, Atomics.add), never in a field of one counter object.',
      look: 'value',
    },
    {
      id: 'counter.default-not-new',
      mistake:
        'new SharedCounter() without a buffer must be a new counter, at 0 and of its own: make a new SharedArrayBuffer for each one (as the starting file does), never one the whole module shares.',
      look: 'constructor',
    },
  ],
  hints: [
    'Only memory in a SharedArrayBuffer is shared between threads: any other value, a field or a variable of the module, is a copy of its own in each thread. Keep the count in the buffer the counter was given, and change it in one atomic step, so that no other thread can come in between.',
    "An Int32Array over this.buffer sees the shared memory: make it in the constructor, once this.buffer is set (a field's initializer runs before the constructor's body). value reads it with Atomics.load; increment() adds one with Atomics.add, in one step, and returns what Atomics.add returns: the count before.",
  ],
  taught:
    'Worker threads share only what lives in a SharedArrayBuffer: every other value, a module-level counter included, is copied into each thread, as between processes. Shared memory is changed safely in single atomic steps.',
  hangs: 'a loop in increment() that never ends',
  legend: 'Ping and Pong are threads 1 and 2, on one counter; `printed` counts the lines they print together.',
};
