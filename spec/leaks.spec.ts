/**
 * The harness itself: a forgotten child or worker is found and ended, never left to hang the run, and
 * a child whose parent dies does not linger as an orphan.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { descendantsOf, isRunning, listed, portable, taggedWith } from '../claims/support/process-table.ts';
import { within } from '../claims/support/settles.ts';
import { startsAGrandchildTask, waitsForeverTask } from '../claims/tasks/faults.ts';
import { Process } from '../src/process.ts';
import { killAll, stillAlive } from '../src/runtime/alive.ts';
import { Thread } from '../src/thread.ts';
import { dropCutShort, settleCoverageFiles } from './support/coverage-files.ts';

describe('No leaks', () => {
  it('a forgotten child process and a forgotten worker are listed, and ended by killAll', async () => {
    const child = new Process(waitsForeverTask, []);
    const thread = new Thread(waitsForeverTask, []);
    child.start();
    thread.start();
    expect(stillAlive()).toEqual([`process ${child.pid}`, `thread ${thread.threadId} of process ${process.pid}`]);
    expect(await listed(child.pid as number), `process ${child.pid} in the table`).toBe(true);
    expect(descendantsOf()?.map((each) => each.pid)).toContain(child.pid);
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
    const program = fileURLToPath(new URL('../fixtures/programs/terminate-after-map.ts', import.meta.url));
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

  it(`finds a process left running by its tag, wherever its parent went, in the table read ${portable ? 'portably (what each process says)' : 'from /proc'}`, async () => {
    const tag = `leak-${process.pid}-${Date.now()}`;
    // A child that starts a grandchild and ends at once: the grandchild, tagged, outlives it, orphaned.
    const grandchild = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true }).unref()`;
    const child = spawn(process.execPath, ['-e', grandchild], { env: { ...process.env, PROCESS_VS_THREAD_LEAK: tag }, stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    let left = taggedWith('PROCESS_VS_THREAD_LEAK', tag) ?? [];
    for (let waited = 0; left.length === 0 && waited < 5_000; waited += 20) {
      await sleep(20);
      left = taggedWith('PROCESS_VS_THREAD_LEAK', tag) ?? [];
    }
    expect(left.map(({ command }) => command)).toEqual([expect.stringContaining('setInterval')]);
    const { pid } = left[0] as { pid: number };
    expect(isRunning(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    for (let waited = 0; isRunning(pid) && waited < 5_000; waited += 20) await sleep(20);
    expect(isRunning(pid), 'a killed process has ended').toBe(false);
    expect(taggedWith('PROCESS_VS_THREAD_LEAK', tag)).toEqual([]);
  });

  describe('a coverage run (spec/support/coverage-files.ts)', () => {
    const folders: string[] = [];
    const newFolder = () => {
      const folder = mkdtempSync(join(tmpdir(), 'coverage-files-'));
      folders.push(folder);
      return folder;
    };
    afterAll(() => {
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('leaves out a coverage file that is not whole JSON, and keeps the others', () => {
      const folder = newFolder();
      writeFileSync(join(folder, 'coverage-1-1-0.json'), '{"result":[]}');
      writeFileSync(join(folder, 'coverage-2-1-0.json'), '{"result":[{"scriptId":"1","url":"file:///');
      writeFileSync(join(folder, 'coverage-3-1-0.json'), '');
      expect(dropCutShort(folder).sort()).toEqual(['coverage-2-1-0.json', 'coverage-3-1-0.json']);
      expect(readdirSync(folder)).toEqual(['coverage-1-1-0.json']);
    });

    it('reads the folder only once every process that writes to it has ended', async () => {
      const folder = newFolder();
      // A program that starts a child process and a worker, and ends by itself: four coverage files in all.
      const program = fileURLToPath(new URL('../fixtures/programs/terminate-after-map.ts', import.meta.url));
      const writer = spawn(process.execPath, [program], { env: { ...process.env, NODE_V8_COVERAGE: folder }, stdio: 'ignore' });
      // Portably, a process is seen once it has said who it is: until then, there is no writer to wait for.
      expect(await listed(writer.pid as number)).toBe(true);
      expect(await settleCoverageFiles(folder)).toEqual([]);
      const written = readdirSync(folder);
      expect(written.length, `files written: ${written.join(', ')}`).toBeGreaterThanOrEqual(3);
      expect(dropCutShort(folder)).toEqual([]);
    });

    it('kills a writer still running at the bound, and names it', async () => {
      const folder = newFolder();
      const forever = 'setInterval(() => {}, 1000)';
      const hung = spawn(process.execPath, ['-e', forever], { env: { ...process.env, NODE_V8_COVERAGE: folder }, stdio: 'ignore' });
      const ended = new Promise((resolve) => hung.once('exit', (_, signal) => resolve(signal)));
      expect(await listed(hung.pid as number)).toBe(true);
      expect(await settleCoverageFiles(folder, 300)).toEqual([`process ${hung.pid} (${process.execPath} -e ${forever})`]);
      expect(await ended).toBe('SIGKILL');
    });

    it("neither waits for nor kills a process of another run that has the folder (Node hands it to every child): a vitest a spec starts takes its starter's", async () => {
      const folder = newFolder();
      const forever = 'setInterval(() => {}, 1000)';
      const env = { ...process.env, NODE_V8_COVERAGE: folder, PROCESS_VS_THREAD_RUN: `another run than ${process.env.PROCESS_VS_THREAD_RUN}` };
      const starter = spawn(process.execPath, ['-e', forever], { env, stdio: 'ignore' });
      try {
        expect(await listed(starter.pid as number)).toBe(true);
        expect(await settleCoverageFiles(folder, 300)).toEqual([]);
        expect(isRunning(starter.pid as number)).toBe(true);
      } finally {
        starter.kill('SIGKILL');
        await new Promise((resolve) => starter.once('exit', resolve));
      }
    });
  });
});
