/** The document's "Thread" section: the properties, for any implementation of Thread. */
import process from 'node:process';
import { expect } from 'vitest';
import { SharedCounter } from '../../src/shared-counter.ts';
import { subTaskSharedRef } from '../../src/tasks/ping-pong.ts';
import { claimProperty } from '../property.ts';
import { pingPong, pingPongLimits, pingPongWords } from './process.ts';
import { downloadAtOnce, downloads, linesOf, type RunnableClass, type RunnableLike, startAndJoin } from './runnables.ts';

export interface ThreadLike extends RunnableLike {
  readonly threadId: number | undefined;
}

export const threadConcurrent = claimProperty({
  judges: ['Thread'],
  claim: 'thread.concurrent',
  arbitraries: [downloads],
  numRuns: 10,
  check: (Impl: RunnableClass<ThreadLike>, thisCase) => async (durations: number[]) => {
    const { total, endedBeforeRelease, endedAfterJoin } = await downloadAtOnce(Impl, durations, await thisCase.bound());
    expect(endedBeforeRelease, 'a download ended before all had started').toBe(0);
    expect(endedAfterJoin, 'downloads ended when join returned').toBe(durations.length);
    expect(total).toBeGreaterThanOrEqual(Math.max(...durations));
  },
});

export const threadSameProcess = claimProperty({
  judges: ['Thread'],
  claim: 'thread.same-process',
  arbitraries: [downloads],
  numRuns: 10,
  check: (Impl: RunnableClass<ThreadLike>, thisCase) => async (durations: number[]) => {
    const { runners, printed } = await downloadAtOnce(Impl, durations, await thisCase.bound());
    // `start thread, thread id = [3], process id = [1234].`: the parent's pid, a thread id of its own.
    const reported = printed.map((text) => /thread id = \[(\d+)\], process id = \[(\d+)\]/.exec(text)?.slice(1).map(Number));
    expect(
      reported.map((each) => each?.[1]),
      'the pids the threads reported',
    ).toEqual(durations.map(() => process.pid));
    const threadIds = reported.map((each) => each?.[0]);
    expect(threadIds).toEqual(runners.map((runner) => runner.threadId));
    expect(new Set(threadIds).size).toBe(durations.length);
    expect(threadIds).not.toContain(0);
  },
});

export const threadSharedMemory = claimProperty({
  judges: ['Thread'],
  claim: 'thread.shared-memory',
  aspect: 'a counter in a SharedArrayBuffer',
  arbitraries: [pingPongWords, pingPongLimits],
  numRuns: 10,
  check: (Impl: RunnableClass<ThreadLike>) => async (words: string[], limit: number) => {
    const shared = new SharedCounter();
    let printed = '';
    const threads = words.map((word) => new Impl(subTaskSharedRef, [word, shared.buffer, limit, 1], { onStdout: (chunk: string) => (printed += chunk) }));
    await startAndJoin(threads);
    expect(linesOf(printed), 'lines printed by all threads together').toHaveLength(limit);
    // One counter, seen by the main thread too: each thread's last ticket, past the limit, is what stopped it.
    expect(shared.value).toBe(limit + words.length);
  },
});

export const threadCopiesPlainValues = claimProperty({
  judges: ['Thread'],
  claim: 'thread.shared-memory',
  aspect: 'in Node, a plain module-level counter is not shared: each thread prints its own full count',
  arbitraries: [pingPongWords, pingPongLimits],
  numRuns: 10,
  check: (Impl: RunnableClass<ThreadLike>) => async (words: string[], limit: number) => {
    const lines = await pingPong(Impl, words, limit);
    for (const word of words)
      expect(
        lines.filter((line) => line === word),
        `lines of ${word}`,
      ).toHaveLength(limit);
  },
});
