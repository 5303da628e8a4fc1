/** Lesson 4: a Lock made of one shared cell: compare-and-exchange, wait, notify. */
import { mutualExclusion, noLostWakeUp, timeoutGivesUp } from '../../claims/properties/schedules.ts';
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
      shown: ({ takers, timeoutMs, releaser }: { takers: number; timeoutMs: number | undefined; releaser: boolean }) =>
        `${takers} threads taking the lock once each${timeoutMs === undefined ? '' : ` with a ${timeoutMs} ms timeout`}${releaser ? ', and one releasing it without holding it' : ''}`,
    },
    {
      contract: 'acquire(timeoutMs) gives up once its time has passed',
      property: timeoutGivesUp,
      judged: byRef,
      shown: (timeoutMs: number) => `thread 1 holds the lock until thread 2, asking for it with acquire(${timeoutMs}), gives up`,
    },
    { claim: 'lock.mutual-exclusion', hammer: 'lock', effort: { times: 3, rounds: 200_000, forMs: 1_000 } },
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
      mistake: 'acquire() gave up before its time had passed: throw the LockTimeoutError only once Atomics.wait returned "timed-out".',
      look: 'acquire',
    },
    {
      id: 'lock.still-held',
      mistake: 'Every thread finished, yet the lock is still held: release() must set the cell back to FREE.',
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
