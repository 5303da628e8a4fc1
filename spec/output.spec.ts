/**
 * Where Node differs from Python: Python's child flushes its output when it exits. Node writes to a pipe
 * asynchronously, so a child that prints a lot and then calls process.exit() would lose what was still
 * queued; ours writes its own pipe blocking, and join resolves only once the pipe has closed.
 */
import { fc } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Process } from '../src/process.ts';
import { Thread } from '../src/thread.ts';
import type { RunnableClass } from './properties/runnables.ts';
import { projectProperty } from './support/claim-property.ts';
import { within } from './support/settles.ts';
import { specify } from './support/specify.ts';
import { type Printing, printThenEndTask } from './tasks/faults.ts';

const joinDeliversOutput = projectProperty({
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
    );
    const lines = printed.split('\n').filter((line) => line !== '');
    expect(lines.length, 'lines delivered').toBe(printing.lines);
    expect(lines.at(-1)).toBe(`${printing.lines - 1} ${'x'.repeat(printing.width)}`);
  },
});

describe("A child's output", () => {
  specify(joinDeliversOutput, Process, { backend: 'Process' });
  specify(joinDeliversOutput, Thread, { backend: 'Thread' });
});
