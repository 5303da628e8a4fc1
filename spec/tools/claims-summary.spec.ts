/**
 * The summary `npm test` ends with agrees with its exit code: a claim holds only when every test of it ran
 * and passed, and a run that failed never says `N/M claims hold`. Run on fixtures/cut-short/: a file of
 * claims that passes, and one whose test process is killed mid-run, after a test of the same claim passed.
 */
import { join } from 'node:path';
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../claims/support/program.ts';
import { root } from '../../lessons/judge.ts';

// A run of its own, not told it runs inside this vitest (see watchdog.spec.ts).
const ownEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST.*|NODE_OPTIONS|TEST)$/.test(name))), NO_COLOR: '1' };
const vitest = (...args: string[]) =>
  runProgram(join(root, 'scripts', 'vitest.ts'), ['run', '--config', 'fixtures/cut-short/vitest.config.ts', ...args], 60_000, ownEnv);

describe('The claims summary agrees with the exit code', () => {
  it('a spec file killed mid-run fails the run, and its claims are not checked, though a test of one passed elsewhere', async () => {
    const ended = await vitest();
    const printed = ended.stdout + ended.stderr;
    expect(ended.timedOut, printed.slice(-2000)).toBe(false);
    expect(ended.code, printed.slice(-2000)).toBe(1);
    expect(printed).toMatch(/\? process\.concurrent not checked: its file ended early/);
    expect(printed).toMatch(/\? process\.own-pid not checked: its file ended early/);
    expect(printed).toContain(
      'The run failed (1 error outside any test): 0 of 12 claims hold, 12 not checked (its file ended early; no test of it ran), on Node',
    );
    expect(printed).not.toMatch(/\d+\/\d+ claims hold/);
    expect(ended.stdout.trimEnd().split('\n').at(-1), 'the last line').toMatch(/^The run failed/);
  });

  it('a run that passed counts what it did not check apart from what holds', async () => {
    const ended = await vitest('fixtures/cut-short/holds.checks.ts');
    expect(ended.code, (ended.stdout + ended.stderr).slice(-2000)).toBe(0);
    expect(ended.stdout).toMatch(/✓ process\.concurrent Two processes/);
    expect(ended.stdout.trimEnd().split('\n').at(-1), 'the last line').toMatch(
      new RegExp(`^1/12 claims hold, 11 not checked \\(no test of it ran\\) on Node ${process.version.replaceAll('.', '\\.')};`),
    );
  });
});
