/**
 * The document's Ping/Pong `sub_task`: print a word while the module-level `counter` is below the limit.
 * Each child process imports its own copy of this module, so each has its own `counter`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { taskRef } from '../runtime/task.ts';
import { SharedCounter } from '../shared-counter.ts';

export let counter = 0;

/** Prints `word` until `counter` reaches `limit` (10 in the document), pausing 10 ms each time; returns how many it printed. */
export async function subTask(word: string, limit = 10, pauseMs = 10): Promise<number> {
  let printed = 0;
  while (counter < limit) {
    console.log(word);
    counter += 1;
    printed += 1;
    await sleep(pauseMs);
  }
  return printed;
}

export const subTaskRef = taskRef<typeof subTask>(import.meta.url, 'subTask');

/**
 * The same loop over a counter the threads share: each takes a ticket with one atomic increment and
 * prints only while its ticket is below the limit, so together they print exactly `limit` lines.
 */
export async function subTaskShared(word: string, counter: SharedArrayBuffer, limit = 10, pauseMs = 10): Promise<number> {
  const shared = new SharedCounter(counter);
  let printed = 0;
  while (shared.increment() < limit) {
    console.log(word);
    printed += 1;
    await sleep(pauseMs);
  }
  return printed;
}

export const subTaskSharedRef = taskRef<typeof subTaskShared>(import.meta.url, 'subTaskShared');
