/** The document's "Process" section: two downloads in two processes. */
import process from 'node:process';
import { fc, it } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { Process } from '../src/process.ts';
import { title } from './claims.ts';
import { Coordinator } from './support/coordinator.ts';
import { measureSpawnCost } from './support/spawn-cost.ts';
import { downloadAtRendezvousTask } from './tasks/rendezvous.ts';

/** The document's `uniform(1, 10)` seconds, at 10 ms a second: short enough to run many times. */
const downloadMs = fc.integer({ min: 10, max: 100 });
const downloads = fc.array(downloadMs, { minLength: 2, maxLength: 4 });

let spawnCost = 0;
beforeAll(async () => {
  spawnCost = await measureSpawnCost();
});

/** Starts one process per download, in order, as the document does, capturing what each prints. */
function startDownloads(address: string, durations: readonly number[]) {
  const printed = durations.map(() => '');
  const processes = durations.map(
    (ms, i) => new Process(downloadAtRendezvousTask, [address, `file${i + 1}`, ms], { onStdout: (chunk) => (printed[i] += chunk) }),
  );
  for (const child of processes) child.start();
  return { processes, printed };
}

describe('Process', () => {
  it.prop([downloads], { numRuns: 10 })(title('process.concurrent'), async (durations) => {
    await using coordinator = await Coordinator.open();
    const began = performance.now();
    const { processes } = startDownloads(coordinator.address, durations);

    // Happens-before, not a stopwatch: every process has said "started" while none has ended, so all
    // were alive at once. A runtime that ran them one by one never gets here; the bound says so.
    await coordinator.until(() => coordinator.live.size === durations.length, `all ${durations.length} processes to start`, 20 * spawnCost + 5_000);
    expect(coordinator.count('ended')).toBe(0);
    coordinator.releaseAll();
    await Promise.all(processes.map((child) => child.join()));
    const total = performance.now() - began;

    // join waited for every download: deterministic, whatever the load.
    const slowest = Math.max(...durations);
    expect(coordinator.count('ended')).toBe(durations.length);
    expect(total).toBeGreaterThanOrEqual(slowest);
    for (const child of processes) expect(child.exitCode).toBe(0);
    // About the slowest, not the sum: on top of the slowest download, allow every child its start-up
    // cost twice over (measured just before, under the same load), as if the cores started them in turn.
    const margin = 2 * durations.length * spawnCost;
    expect(total).toBeLessThanOrEqual(slowest + margin);
    const sum = durations.reduce((a, b) => a + b, 0);
    if (sum - slowest > margin) expect(total).toBeLessThan(sum);
  });

  it.prop([downloads], { numRuns: 10 })(title('process.own-pid'), async (durations) => {
    await using coordinator = await Coordinator.open();
    const { processes, printed } = startDownloads(coordinator.address, durations);
    await coordinator.until(() => coordinator.live.size === durations.length, `all ${durations.length} processes to start`, 20 * spawnCost + 5_000);
    coordinator.releaseAll();
    await Promise.all(processes.map((child) => child.join()));

    // What each child printed, as the document's transcript shows: `start process，process id = [17152].`
    const reported = printed.map((text) => Number(/process id = \[(\d+)\]/.exec(text)?.[1]));
    expect(reported).toEqual(processes.map((child) => child.pid));
    expect(new Set(reported).size).toBe(durations.length);
    expect(reported).not.toContain(process.pid);
  });
});
