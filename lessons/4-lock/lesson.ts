/** Lesson 4: a Lock made of one shared cell: compare-and-exchange, wait, notify. */
import { learnersLockModel, lockModel, lockProgram } from '../../claims/models/lock.ts';
import { mutualExclusion, noLostWakeUp, timeoutGivesUp } from '../../claims/properties/schedules.ts';
import { narrowed } from '../../claims/property.ts';
import { byRef } from '../adapters.ts';
import type { Lesson } from '../lesson.ts';

export const lesson: Lesson = {
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
      lane: 2,
      shown: ({ takers, timeoutMs, releaser }: { takers: number; timeoutMs: number | undefined; releaser: boolean }) =>
        `${takers} threads taking the lock once each${timeoutMs === undefined ? '' : ` with a ${timeoutMs} ms timeout`}${releaser ? ', and one releasing it without holding it' : ''}`,
    },
    {
      contract: 'acquire(timeoutMs) gives up once its time has passed',
      property: timeoutGivesUp,
      judged: byRef,
      shown: (timeoutMs: number) => `thread 1 holds the lock until thread 2, asking for it with acquire(${timeoutMs}), gives up`,
    },
    { claim: 'lock.mutual-exclusion', hammer: 'lock', effort: { times: 3, rounds: 200_000, forMs: 1_000 }, lane: 1 },
    {
      contract:
        'acquire and release from any thread, the main one too, through any Lock over the buffer; acquire(timeoutMs) gives up in time by the real clock',
      property: narrowed(
        lockModel,
        learnersLockModel,
        "the lesson's Lock has no `holder`, need not refuse a second acquire by its holder nor a bad timeout or buffer, and may word its errors as it likes: ours does all that (src/lock.ts), and the starting file does not ask it",
      ),
      judged: byRef,
      shown: lockProgram,
      // Real threads, not the scheduler's: after the hammering, beside the scheduled checks.
      lane: 1,
    },
  ],
  mistakes: [
    {
      id: 'lock.never-gave-up',
      mistake:
        "acquire(timeoutMs) ignored its timeout: a thread that has waited timeoutMs for a lock still held must give up, throwing a LockTimeoutError. Pass timeoutMs to Atomics.wait, and throw once it returns 'timed-out'.",
      look: 'acquire',
    },
    {
      id: 'schedule.livelock',
      mistake:
        "A thread took thousands of steps without getting on: acquire() loops, trying again and again without sleeping (a spin), or without giving up once its time is up. It must sleep in Atomics.wait while the lock is held, and throw once Atomics.wait returns 'timed-out'.",
      look: 'acquire',
    },
    {
      id: 'schedule.stuck-thread',
      mistake: "A thread ran on for 5 s without touching the lock's cell: a loop that neither sleeps (Atomics.wait) nor tries the cell again.",
      look: 'acquire',
    },
    {
      id: 'schedule.deadlock',
      mistake:
        'A thread waited forever for a lock that was free: release() must wake a sleeper (Atomics.notify), and acquire() must sleep only while the cell still holds the value it saw (Atomics.wait checks that for you).',
      look: 'release',
    },
    {
      id: 'lock.two-holders',
      mistake:
        'Two threads held the lock at once: checking that it is free and then setting it are two steps, and another thread can take it between them. Take it in one step: Atomics.compareExchange(cell, 0, FREE, self).',
      look: 'acquire',
    },
    {
      id: 'lock.release-not-refused',
      mistake: 'A thread that did not hold the lock released it: release() must refuse (throw) unless this thread is the holder.',
      look: 'release',
    },
    {
      id: 'lock.gave-up-early',
      mistake:
        'acquire() gave up before its time had passed: throw the LockTimeoutError only once Atomics.wait returned "timed-out", or once timeoutMs have passed since acquire() was called (performance.now() alone is the thread\'s age, not that).',
      look: 'acquire',
    },
    {
      id: 'lock.still-held',
      mistake: 'Every thread finished, yet the lock is still held: release() must set the cell back to FREE.',
      look: 'release',
    },
    {
      id: 'lock.taken-while-held',
      mistake:
        "acquire() took a lock another thread held. Can a thread's value in the cell ever be FREE? The main thread's threadId is 0: store `self` (threadId + 1), never threadId itself.",
      look: 'acquire',
    },
    {
      id: 'lock.holder-release-refused',
      mistake:
        "The holder's release was refused because it came through another Lock over the same buffer: who holds the lock is in the shared cell alone, not in a field of one Lock object. Compare the cell with `self`.",
      look: 'release',
    },
    {
      id: 'lock.free-release-not-refused',
      mistake:
        "release() of a free lock passed in silence: a lock released twice, or never taken, is a mistake to report (Python raises RuntimeError). Throw unless the cell holds this thread's `self`.",
      look: 'release',
    },
    {
      id: 'lock.try-waited',
      mistake:
        'acquire(0) on a held lock waited instead of giving up at once: 0 is a timeout too (a try-lock), not "no timeout"; only a missing timeout waits for ever.',
      look: 'acquire',
    },
    {
      id: 'lock.gave-up-late',
      mistake:
        "acquire(timeoutMs) gave up long after its time, or never: timeoutMs counts milliseconds, as Atomics.wait does (Python's acquire(timeout=) counts seconds; this one does not).",
      look: 'acquire',
    },
    {
      id: 'lock.wrong-timeout-error',
      mistake: 'A timed-out acquire threw something other than a LockTimeoutError (lessons/helpers.ts): a caller tells a timeout by its class and its name.',
      look: 'acquire',
    },
    {
      id: 'lock.timeout-says-nothing',
      mistake:
        'A timed-out acquire threw an error with an empty message: whoever reads it learns nothing. Say what went wrong, in your own words: `gave up after 50 ms`.',
      look: 'acquire',
    },
    {
      id: 'lock.refusal-says-nothing',
      mistake:
        'A refused release threw an error with an empty message: whoever reads it learns nothing. Say what went wrong, in your own words: `not the holder`.',
      look: 'release',
    },
  ],
  hints: [
    'Taking the lock must be one step: if a thread checks that it is free and then sets it, another can take it between the two. A thread that finds it held sleeps until a release wakes it, then tries again; a release frees the lock and wakes one sleeper.',
    "acquire() loops: Atomics.compareExchange(this.cell, 0, FREE, self) sets the cell only if it is FREE and returns what it held, in one step: FREE means the lock is now yours. Anything else, sleep with Atomics.wait(this.cell, 0, what it held, the time left): it sleeps only while the cell still holds that value, so a release in between is never missed; once it returns 'timed-out', throw a LockTimeoutError. release(): Atomics.compareExchange(this.cell, 0, self, FREE) must find self (anything else: this thread does not hold it, so throw), then Atomics.notify(this.cell, 0, 1).",
  ],
  taught:
    'A lock is one shared cell changed only by atomic steps: compare-and-exchange takes it, so two threads never both see it free; Atomics.wait sleeps only while it is still held, and notify wakes a sleeper, so no wake-up is lost between the check and the sleep.',
  hangs: 'acquire() spinning in a loop that never sleeps, or waiting for a value the cell never holds',
  legend:
    "Threads are numbered from 1 in the smallest case's order: those taking the lock first, then the one releasing it without holding it, if the case has one. The lock's cell is told by who holds it: `free (0)`, or `thread 2 (13)`, the thread of this story whose self (its Node threadId + 1) it holds, in brackets; `inside` counts the threads between acquire and release.",
};
