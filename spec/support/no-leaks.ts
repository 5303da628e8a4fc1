/**
 * After every spec file: nothing it started may still run. Whatever is found is killed first, so a
 * forgotten child fails the run instead of hanging it, and the failure names what was left.
 */
import { afterAll } from 'vitest';
import { killAll as killEveryRunner } from '../../src/alive.ts';
import { descendantsOf, killAll } from './process-table.ts';

afterAll(() => {
  const leftByUs = killEveryRunner();
  const leftBelow = descendantsOf() ?? [];
  killAll(leftBelow);
  const left = [...leftByUs, ...leftBelow.map(({ pid, command }) => `process ${pid} (${command})`)];
  if (left.length > 0) {
    throw new Error(`This spec file left ${left.length} child process(es) or worker(s) running; they were killed: ${[...new Set(left)].join('; ')}`);
  }
});
