/**
 * What join() promises about output (src/runtime/own-output.ts), for Process and Thread, ours or a learner's:
 * every line the child printed, whole, delivered before join settles, even in its last moment; and never
 * a wait for a process the child left behind holding its pipe, nor that process's output taken for the child's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { tagged } from '../failures.ts';
import { lateLine } from '../programs/helper.ts';
import { projectProperty } from '../property.ts';
import { isRunning, killAll } from '../support/process-table.ts';
import { settlesWithin, within } from '../support/settles.ts';
import { type Printing, printThenEndTask } from '../tasks/faults.ts';
import { type HelperMode, printThenLeaveHelperTask } from '../tasks/helpers.ts';
import type { RunnableClass } from './runnables.ts';

export const joinDeliversOutput = projectProperty({
  judges: ['Process', 'Thread'],
  aspect: 'when join settles, every line the task printed has been delivered, in order, even when it printed them in its last moment',
  arbitraries: [
    fc.record({
      lines: fc.integer({ min: 1, max: 3_000 }),
      width: fc.integer({ min: 0, max: 200 }),
      ending: fc.constantFrom('return' as const, 'exit' as const, 'throw' as const),
    }),
  ],
  numRuns: 10,
  examples: [[{ lines: 2_000, width: 40, ending: 'exit' }]],
  check: (Runnable: RunnableClass) => async (printing: Printing) => {
    let printed = '';
    const runnable = new Runnable(printThenEndTask, [printing], { onStdout: (chunk: string) => (printed += chunk) });
    runnable.start();
    await within(
      runnable.join().catch(() => {}),
      'join',
      'join.never-settled',
    );
    const lines = printed.split('\n').filter((line) => line !== '');
    tagged('join.output-wrong', () => expect(lines.length, 'lines delivered').toBe(printing.lines));
    expect(lines.at(-1)).toBe(`${printing.lines - 1} ${'x'.repeat(printing.width)}`);
  },
});

/**
 * Ends the helper a task left behind, and waits until it is gone: nothing is left after this file. One
 * that prints late ends by itself once it has printed, after the child: its line has been written then.
 */
async function endHelper(pidFile: string, helper: HelperMode): Promise<void> {
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (helper === 'never-ends') killAll([{ pid }]);
  for (let waited = 0; isRunning(pid); waited += 10) {
    if (waited > 5_000) throw new Error(`the helper ${pid} (${helper}) is still running after 5 s`);
    await sleep(10);
  }
}

export const joinWaitsForTheChildAlone = projectProperty({
  judges: ['Process', 'Thread'],
  aspect:
    "join delivers the child's own output whole and waits for nothing else: a process the task left behind, holding its stdout, is not waited for, even if it never ends, and what it prints after the child ended is not the child's",
  arbitraries: [
    fc.record({
      lines: fc.integer({ min: 0, max: 2_000 }),
      helper: fc.constantFrom<HelperMode>('prints-late', 'never-ends'),
      ending: fc.constantFrom('return' as const, 'exit' as const, 'throw' as const, 'kill' as const),
    }),
  ],
  numRuns: 4,
  // The third: a child killed never says where its output ends, and a helper holds its pipe.
  examples: [
    [{ lines: 3, helper: 'never-ends', ending: 'return' }],
    [{ lines: 3, helper: 'prints-late', ending: 'return' }],
    [{ lines: 3, helper: 'never-ends', ending: 'kill' }],
  ],
  check:
    (Runnable: RunnableClass, thisCase) =>
    async ({ lines, helper, ending }: { lines: number; helper: HelperMode; ending: 'return' | 'exit' | 'throw' | 'kill' }) => {
      // Where the helper writes its pid: a folder of this case's own, removed with it.
      const folder = mkdtempSync(join(tmpdir(), 'helper-'));
      const pidFile = join(folder, 'helper.pid');
      let printed = '';
      const runnable = new Runnable(printThenLeaveHelperTask, [{ lines, helper, ending, pidFile }], {
        onStdout: (chunk: string) => (printed += chunk),
      });
      runnable.start();
      const joined = runnable.join().catch(() => {});
      try {
        const what = `join, with a helper that ${helper === 'never-ends' ? 'never ends' : 'prints after the child ended'} holding the child's stdout`;
        await settlesWithin(joined, await thisCase.bound(), what, 'join.never-settled');
      } finally {
        await endHelper(pidFile, helper).finally(() => rmSync(folder, { recursive: true, force: true }));
        // A join held by the helper settles once it is gone: nothing is left running, whatever the verdict.
        await settlesWithin(joined, 5_000, 'join, once the helper was gone');
      }
      const expected = Array.from({ length: lines }, (_, line) => `line ${line}\n`).join('');
      if (ending === 'kill') {
        // Killed, it never said where its output ends: a helper printing at that very moment may be taken for it.
        tagged('join.output-wrong', () => expect(printed.replace(`${lateLine}\n`, ''), "the child's own output, whole").toBe(expected));
        return;
      }
      tagged('join.output-wrong', () => expect(printed, "the child's own output, whole, and nothing printed after it ended").toBe(expected));
    },
});
