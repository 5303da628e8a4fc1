/**
 * Where Node differs from Python: Python's child flushes its output when it exits. Node writes to a pipe
 * asynchronously, so a child that prints a lot and then calls process.exit() would lose what was still
 * queued; ours writes its own pipe blocking. And what join() promises about output (src/runtime/own-output.ts):
 * the child's own output, whole, and never a wait for a process the child left behind holding its pipe.
 */
import { describe, expect, it } from 'vitest';
import { joinDeliversOutput, joinWaitsForTheChildAlone } from '../claims/properties/output.ts';
import type { RunnableClass } from '../claims/properties/runnables.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { CloseJoinProcess } from '../fixtures/close-join.ts';
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
});
