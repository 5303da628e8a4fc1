/**
 * After every spec file: nothing it started may still run. Whatever is found is killed first, so a
 * forgotten child fails the run instead of hanging it, and the failure names what was left.
 * After a test that failed, what it left is ended at once: a broken implementation's leftover (a
 * runner close() did not stop) is that test's failure, not the next test's, which would wait it out.
 * And a test that failed by a hang shortens the file's later bounds (claims/support/bounds.ts).
 */
import { afterAll, afterEach } from 'vitest';
import { noteHang } from '../../claims/support/bounds.ts';
import { descendantsOf, killAll } from '../../claims/support/process-table.ts';
import { failedByHang } from '../../claims/support/settles.ts';
import { killAll as killEveryRunner } from '../../src/runtime/alive.ts';
import { settleCoverageFiles } from './coverage-files.ts';

afterEach(({ task }) => {
  if (task.result?.state !== 'fail') return;
  // fast-check's failure carries the case's own error as its cause.
  const hung = (error: { message?: string; cause?: unknown } | undefined): boolean =>
    error !== undefined && (failedByHang(`${error.message}`) || hung(error.cause as typeof error));
  if (task.result.errors?.some(hung)) noteHang(task.fullName ?? task.name);
  killEveryRunner();
  killAll(descendantsOf() ?? []);
});

afterAll(async () => {
  const leftByUs = killEveryRunner();
  const leftBelow = descendantsOf() ?? [];
  killAll(leftBelow);
  // In a coverage run, also what left our tree (an orphan) and still writes to this file's coverage folder.
  const leftWriting = await settleCoverageFiles();
  const left = new Set([...leftByUs, ...leftBelow.map(({ pid, command }) => `process ${pid} (${command})`), ...leftWriting]);
  if (left.size > 0) {
    throw new Error(`This spec file left ${left.size} child process(es) or worker(s) running; they were killed: ${[...left].join('; ')}`);
  }
});
