/** The watchdog of spec/support/watchdog.ts: it runs on its own thread, so the starved one cannot starve it. */
import { writeSync } from 'node:fs';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { type Silence, stalledFactor, verdict } from './watchdog-verdict.ts';
import { type CpuSource, cpuMs } from './watched-cpu.ts';

const { beats, starvedMs, cpu } = workerData as { beats: Int32Array; starvedMs: number; cpu: CpuSource };
let test = '(before any test)';
parentPort?.on('message', (name: string) => {
  test = name;
});
let last = Atomics.load(beats, 0);
let since = { wall: performance.now(), cpu: cpuMs(cpu) };
setInterval(() => {
  const now = Atomics.load(beats, 0);
  if (now !== last) {
    last = now;
    since = { wall: performance.now(), cpu: cpuMs(cpu) };
    return;
  }
  const silence = { wallMs: performance.now() - since.wall, cpuMs: cpuMs(cpu) - since.cpu };
  const found = verdict(silence, starvedMs);
  if (found === 'wait') return;
  writeSync(2, `\nThe watchdog ended this test process: ${measured(silence)}, in the test "${test}". ${found === 'starved' ? starved : stalled}\n`);
  process.kill(process.pid, 'SIGKILL');
}, 500);

function measured({ wallMs, cpuMs }: Silence): string {
  return `${cpu.who} used ${(cpuMs / 1_000).toFixed(1)} s of CPU in the last ${(wallMs / 1_000).toFixed(1)} s, and no timer ran`;
}

const starved = 'Its code keeps the thread busy without ever yielding (a loop over promises already settled, or a loop that never awaits).';
const stalled =
  'Too little CPU for a loop that never yields: it is blocked (in Atomics.wait, or a synchronous sleep, that nothing wakes), ' +
  `or the machine has given it almost no CPU for ${stalledFactor} times the watchdog's bound of ${starvedMs / 1_000} s.`;
