/** The document's "Thread" section: the same two downloads, in two threads, and what threads share. */
import * as fc from 'fast-check';
import { describe, expect } from 'vitest';
import { sharingRuns } from '../claims/properties/runnables.ts';
import { threadConcurrent, threadCopiesPlainValues, threadSameProcess, threadSharedMemory } from '../claims/properties/thread.ts';
import { changeObjectTask, plainCounterTask } from '../claims/tasks/threads.ts';
import { counter } from '../src/tasks/ping-pong.ts';
import { Thread } from '../src/thread.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { newSeed, prop } from './support/prop.ts';
import { specify } from './support/specify.ts';

describe('Thread', () => {
  // The two claims judge the same runs of the document's program: one seed, and each case's threads started once.
  const seed = newSeed();
  specify(threadConcurrent, sharingRuns(Thread, 2), { seed });
  specify(threadSameProcess, sharingRuns(Thread, 2), { seed });
});

describe('Thread: what threads share', () => {
  specify(threadSharedMemory, Thread);
  specify(threadCopiesPlainValues, Thread);

  prop([fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 4 })], { numRuns: 10 })(
    'thread.shared-memory: in Node, an object sent to a thread is copied: its changes never reach the sender',
    async (count, size) => {
      const pool = new ThreadPool(size);
      const before = counter;
      try {
        const sent = Array.from({ length: size }, () => ({ count }));
        const returned = await pool.map(changeObjectTask, sent);
        expect(returned).toEqual(sent.map(() => ({ count: count + 1 })));
        expect(sent).toEqual(sent.map(() => ({ count })));
        expect(await pool.map(plainCounterTask, sent)).toEqual(sent.map(() => 0));
        expect(counter, "this thread's counter").toBe(before);
      } finally {
        await pool[Symbol.asyncDispose]();
      }
    },
  );
});
