/**
 * A process a task starts and leaves behind, holding the task's stdout (claims/tasks/helpers.ts):
 * `helper.ts MODE STARTER`. It waits, by rendezvous, until the process STARTER is gone (0: none to wait
 * for), then, `prints-late`, prints one line and ends; `never-ends`, it waits to be killed.
 */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { isGone } from '../support/is-gone.ts';

export const lateLine = 'a line from a process the task left behind';

// Only when run: the spec imports `lateLine` from here, and must not run the helper itself (it printed the line).
if (import.meta.main) {
  const [mode, starter] = process.argv.slice(2).map((each, i) => (i === 0 ? each : Number(each))) as [string, number];
  if (mode === 'never-ends') {
    setInterval(() => {}, 60_000);
  } else {
    // Polled: nothing tells a process that another has ended.
    while (starter !== 0 && !isGone(starter)) await sleep(5);
    console.log(lateLine);
  }
}
