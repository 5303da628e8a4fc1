/** The document's "Thread" section: the same two downloads, in two threads, and what threads share. */
import process from 'node:process';
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { SharedCounter } from '../src/shared-counter.ts';
import { Thread } from '../src/thread.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { counter, subTaskRef, subTaskSharedRef } from '../src/tasks/ping-pong.ts';
import { title } from './claims.ts';
import { Coordinator } from './support/coordinator.ts';
import { downloadAtRendezvousTask } from './tasks/rendezvous.ts';
import { changeObjectTask, plainCounterTask } from './tasks/threads.ts';

const downloads = fc.array(fc.integer({ min: 10, max: 100 }), { minLength: 2, maxLength: 4 });
/** Generous: a worker starts in tens of ms. The bound only stops a runtime that runs threads one by one. */
const rendezvousBoundMs = 20_000;

function startDownloads(address: string, durations: readonly number[]) {
  const printed = durations.map(() => '');
  const threads = durations.map(
    (ms, i) => new Thread(downloadAtRendezvousTask, [address, `file${i + 1}`, ms], { onStdout: (chunk) => (printed[i] += chunk) }),
  );
  for (const thread of threads) thread.start();
  return { threads, printed };
}

function linesOf(printed: string): string[] {
  return printed.split('\n').filter((line) => line !== '');
}

describe('Thread', () => {
  it.prop([downloads], { numRuns: 10 })(title('thread.concurrent'), async (durations) => {
    await using coordinator = await Coordinator.open();
    const began = performance.now();
    const { threads } = startDownloads(coordinator.address, durations);
    await coordinator.until(() => coordinator.live.size === durations.length, `all ${durations.length} threads to start`, rendezvousBoundMs);
    expect(coordinator.count('ended')).toBe(0);
    coordinator.releaseAll();
    await Promise.all(threads.map((thread) => thread.join()));
    expect(coordinator.count('ended')).toBe(durations.length);
    expect(performance.now() - began).toBeGreaterThanOrEqual(Math.max(...durations));
  });

  it.prop([downloads], { numRuns: 10 })(title('thread.same-process'), async (durations) => {
    await using coordinator = await Coordinator.open();
    const { threads, printed } = startDownloads(coordinator.address, durations);
    await coordinator.until(() => coordinator.live.size === durations.length, `all ${durations.length} threads to start`, rendezvousBoundMs);
    coordinator.releaseAll();
    await Promise.all(threads.map((thread) => thread.join()));

    // `start thread, thread id = [3], process id = [1234].`: the parent's pid, a thread id of its own.
    const reported = printed.map((text) => /thread id = \[(\d+)\], process id = \[(\d+)\]/.exec(text)?.slice(1).map(Number));
    expect(reported.map((each) => each?.[1])).toEqual(durations.map(() => process.pid));
    const threadIds = reported.map((each) => each?.[0]);
    expect(threadIds).toEqual(threads.map((thread) => thread.threadId));
    expect(new Set(threadIds).size).toBe(durations.length);
    expect(threadIds).not.toContain(0);
  });
});

describe('Thread: what threads share', () => {
  const words = fc.uniqueArray(fc.constantFrom('Ping', 'Pong', 'Pang', 'Pung'), { minLength: 1, maxLength: 4 });
  const limits = fc.integer({ min: 1, max: 12 });

  async function pingPong(words: readonly string[], start: (word: string, onStdout: (chunk: string) => void) => Thread) {
    let printed = '';
    const threads = words.map((word) => start(word, (chunk) => (printed += chunk)));
    for (const thread of threads) thread.start();
    await Promise.all(threads.map((thread) => thread.join()));
    return linesOf(printed);
  }

  it.prop([words, limits], { numRuns: 10 })(`${title('thread.shared-memory')} (a counter in a SharedArrayBuffer)`, async (words, limit) => {
    const shared = new SharedCounter();
    const lines = await pingPong(words, (word, onStdout) => new Thread(subTaskSharedRef, [word, shared.buffer, limit, 1], { onStdout }));
    expect(lines).toHaveLength(limit);
    for (const line of lines) expect(words).toContain(line);
    // One counter, seen by the main thread too: each thread's last ticket, past the limit, is what stopped it.
    expect(shared.value).toBe(limit + words.length);
  });

  it.prop([words, limits], { numRuns: 10 })('thread.shared-memory: in Node, a plain module-level counter is not shared: each thread prints its own full count', async (words, limit) => {
    const lines = await pingPong(words, (word, onStdout) => new Thread(subTaskRef, [word, limit, 1], { onStdout }));
    expect(lines).toHaveLength(words.length * limit);
    for (const word of words) expect(lines.filter((line) => line === word)).toHaveLength(limit);
    expect(counter).toBe(0);
  });

  it.prop([fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 4 })], { numRuns: 10 })(
    'thread.shared-memory: in Node, an object sent to a thread is copied: its changes never reach the sender',
    async (count, size) => {
      await using pool = new ThreadPool(size);
      const sent = Array.from({ length: size }, () => ({ count }));
      const returned = await pool.map(changeObjectTask, sent);
      expect(returned).toEqual(sent.map(() => ({ count: count + 1 })));
      expect(sent).toEqual(sent.map(() => ({ count })));
      expect(await pool.map(plainCounterTask, sent)).toEqual(sent.map(() => 0));
    },
  );
});
