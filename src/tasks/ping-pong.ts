/**
 * The document's Ping/Pong `sub_task`: print a word while the module-level `counter` is below the limit.
 * Each child process imports its own copy of this module, so each has its own `counter`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { taskRef } from '../task.ts';

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
