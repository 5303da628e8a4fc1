/**
 * After every spec file: nothing it started may still run. Whatever is found is killed first, so a
 * forgotten child fails the run instead of hanging it, and the failure names what was left.
 */
import { afterAll } from 'vitest';
import { killAll as killEveryRunner } from '../../src/alive.ts';
import { settleCoverageFiles } from './coverage-files.ts';
import { descendantsOf, killAll } from './process-table.ts';

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
