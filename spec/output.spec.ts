/**
 * Where Node differs from Python: Python's child flushes its output when it exits. Node writes to a pipe
 * asynchronously, so a child that prints a lot and then calls process.exit() would lose what was still
 * queued; ours writes its own pipe blocking. And what join() promises about output (src/runtime/own-output.ts):
 * the child's own output, whole, and never a wait for a process the child left behind holding its pipe.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { joinDeliversOutput, joinWaitsForTheChildAlone } from '../claims/properties/output.ts';
import type { RunnableClass } from '../claims/properties/runnables.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { isRunning } from '../claims/support/process-table.ts';
import { within } from '../claims/support/settles.ts';
import { CloseJoinProcess } from '../fixtures/close-join.ts';
import { printThroughARelayTask } from '../fixtures/tasks/relayed-end.ts';
import { Process } from '../src/process.ts';
import { Thread } from '../src/thread.ts';
import { specify } from './support/specify.ts';

describe("A child's output", () => {
  specify(joinDeliversOutput, Process, { backend: 'Process' });
  specify(joinDeliversOutput, Thread, { backend: 'Thread' });
  specify(joinWaitsForTheChildAlone, Process, { backend: 'Process' });
  specify(joinWaitsForTheChildAlone, Thread, { backend: 'Thread' });

  // Each half of the promise, each on the case that breaks it, every time: the helper's line comes after
  // the child has ended (a rendezvous), and a helper that never ends never lets the pipe close. The bound
  // judges only the broken join, which never settles: any bound rejects it, a short one sooner.
  describe('rejects a Process whose join waits for its stdout to close', () => {
    const broken = (boundMs: number) => joinWaitsForTheChildAlone.check(CloseJoinProcess as unknown as RunnableClass, { boundMs });
    it.concurrent("its join delivers a helper's late line as the child's", async () => {
      await expect(broken(await boundFor())({ lines: 3, helper: 'prints-late', ending: 'return' })).rejects.toThrow('nothing printed after it ended');
    });
    it.concurrent('a helper that never ends holds its join', async () => {
      await expect(broken(2_000)({ lines: 3, helper: 'never-ends', ending: 'return' })).rejects.toThrow(/helper that never ends .* did not settle within/);
    });
  });

  // The end line is what join waits for, not only the child's exit and its messages: here the child's output
  // and its end line reach the pipe only once the parent has reaped it (a relay it left behind writes them
  // then, fixtures/tasks/relayed-end.ts), so its exit and its messages come first, every time.
  it("join waits for the child's end line when its exit is seen first, and delivers its output whole", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'relayed-end-'));
    try {
      let printed = '';
      const lines = ['the first line', 'the last line'];
      const [stdout, pidFile] = [join(folder, 'stdout'), join(folder, 'relay.pid')];
      const child = new Process(printThroughARelayTask, [stdout, pidFile, lines], { onStdout: (chunk) => (printed += chunk) });
      child.start();
      const whenJoined = await within(
        child.join().then(() => printed),
        'join',
      );
      // The relay ends once it has written: nothing is left behind, whatever join did.
      const relay = Number(readFileSync(pidFile, 'utf8'));
      await within(
        (async () => {
          while (isRunning(relay)) await sleep(10);
        })(),
        `the relay ${relay}`,
      );
      expect(whenJoined, 'what join had delivered when it settled').toBe(lines.map((line) => `${line}\n`).join(''));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
