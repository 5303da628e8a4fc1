/** The watchdog of spec/support/watchdog.ts: it runs on its own thread, so the starved one cannot starve it. */
import { writeSync } from 'node:fs';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';

const { beats, starvedMs } = workerData as { beats: Int32Array; starvedMs: number };
let test = '(before any test)';
parentPort?.on('message', (name: string) => {
  test = name;
});
let last = Atomics.load(beats, 0);
let since = performance.now();
setInterval(() => {
  const now = Atomics.load(beats, 0);
  if (now !== last) {
    [last, since] = [now, performance.now()];
    return;
  }
  if (performance.now() - since < starvedMs) return;
  writeSync(
    2,
    `\nThe watchdog ended this test process: no timer of its event loop has run for ${starvedMs / 1000} s, in the test "${test}". ` +
      'Its code keeps the thread busy without ever yielding (a loop over promises already settled, or a loop that never awaits).\n',
  );
  process.kill(process.pid, 'SIGKILL');
}, 500);
