/**
 * The harness itself: a forgotten child or worker is found and ended, never left to hang the run, and
 * a child whose parent dies does not linger as an orphan.
 */
import { execFile } from 'node:child_process';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { killAll, stillAlive } from '../src/alive.ts';
import { Process } from '../src/process.ts';
import { Thread } from '../src/thread.ts';
import { descendantsOf } from './support/process-table.ts';
import { within } from './support/settles.ts';
import { startsAGrandchildTask, waitsForeverTask } from './tasks/faults.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('No leaks', () => {
  it('a forgotten child process and a forgotten worker are listed, and ended by killAll', async () => {
    const child = new Process(waitsForeverTask, []);
    const thread = new Thread(waitsForeverTask, []);
    child.start();
    thread.start();
    expect(stillAlive()).toEqual([`process ${child.pid}`, `thread ${thread.threadId} of process ${process.pid}`]);
    if (process.platform === 'linux') expect(descendantsOf()?.map((each) => each.pid)).toContain(child.pid);
    expect(killAll()).toHaveLength(2);
    await expect(within(child.join(), 'join')).rejects.toThrow(/was killed by SIGKILL/);
    await expect(within(thread.join(), 'join')).rejects.toThrow(/was killed by terminate\(\)/);
    expect(stillAlive()).toEqual([]);
  });

  it('terminate() ends a process or a thread in the middle of its task, and join says so', async () => {
    const child = new Process(waitsForeverTask, []);
    const thread = new Thread(waitsForeverTask, []);
    child.start();
    thread.start();
    await within(Promise.all([child.terminate(), thread.terminate()]), 'terminate');
    await expect(within(child.join(), 'join')).rejects.toThrow(/waitsForever\(\) from faults\.ts did not finish: process \d+ was killed by SIGKILL/);
    await expect(within(thread.join(), 'join')).rejects.toThrow(/did not finish: thread \d+ of process \d+ was killed by terminate\(\)/);
    expect(child.exitCode).toBeNull();
    // Once ended, terminating again changes nothing.
    await within(child.terminate(), 'terminate');
    await expect(within(child.join(), 'join')).rejects.toThrow(/was killed by SIGKILL/);
  });

  it('a program that terminates its pool as soon as map resolves lives until the runners have ended, and exits 0', async () => {
    const program = fileURLToPath(new URL('./programs/terminate-after-map.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [program], { timeout: 30_000 });
    expect(stdout).toBe('terminated\n');
  });

  it.runIf(process.platform !== 'win32')('a child whose parent died leaves at once instead of lingering as an orphan', async () => {
    let printed = '';
    const parent = new Process(startsAGrandchildTask, [], { onStdout: (chunk) => (printed += chunk) });
    parent.start();
    for (let waited = 0; !/grandchild \d+/.test(printed) && waited < 20_000; waited += 20) await sleep(20);
    const grandchild = Number(/grandchild (\d+)/.exec(printed)?.[1]);
    expect(isRunning(grandchild)).toBe(true);
    await within(parent.terminate(), 'terminate');
    await expect(within(parent.join(), 'join')).rejects.toThrow(/killed by SIGKILL/);
    for (let waited = 0; isRunning(grandchild) && waited < 20_000; waited += 20) await sleep(20);
    expect(isRunning(grandchild), `grandchild ${grandchild} outlived its parent`).toBe(false);
  });
});
