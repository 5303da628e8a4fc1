/**
 * The bound that holds when the judged code starves its own event loop (spec/support/watchdog.ts): a test
 * that awaits settled promises for ever keeps every timer of its thread from running, its own 1 s timeout
 * included, so only a thread beside it can end it. Run here with a short watchdog bound, it must end the
 * test process once the thread has used half the bound's worth of CPU with no timer running, naming the
 * test and what it measured, and fail the run well before this spec's own bound. A test blocked in
 * Atomics.wait uses no CPU, as a thread a loaded machine gives none: it is ended too, at the longer bound.
 */
import { join } from 'node:path';
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../claims/support/program.ts';
import { root } from '../../lessons/judge.ts';
import { stalledFactor } from '../support/watchdog-verdict.ts';

// A run of its own, not told it runs inside this vitest (in the coverage run it writes into this file's
// coverage folder all the same: Node hands NODE_V8_COVERAGE to every child).
const ownEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST.*|NODE_OPTIONS|TEST)$/.test(name)));

/** Runs the starving fixture's files whose name has `file` in it, under a watchdog bound of `starvedMs`. */
function starve(file: string, starvedMs: number) {
  return runProgram(join(root, 'scripts', 'vitest.ts'), ['run', '--config', 'fixtures/starving/vitest.config.ts', file], 60_000, {
    ...ownEnv,
    WATCHDOG_STARVED_MS: String(starvedMs),
    NO_COLOR: '1',
  });
}

/** The watchdog's message, with what it measured: the CPU used, in s, in a silence of wall s. */
function ended(printed: string, test: string): { cpu: number; wall: number; why: string } | undefined {
  const who = '(?:the main thread|this process \\(its own threads cannot be told apart here\\))';
  const found = new RegExp(
    `The watchdog ended this test process: ${who} used (\\d+\\.\\d) s of CPU in the last (\\d+\\.\\d) s, and no timer ran, in the test "${test}"\\. (.*)`,
  ).exec(printed);
  return found === null ? undefined : { cpu: Number(found[1]), wall: Number(found[2]), why: `${found[3]}` };
}

describe('The watchdog keeps the bound a starved event loop cannot', () => {
  it.concurrent('a test that awaits settled promises for ever, beyond its own timeout, is ended by the watchdog, which names it and what it measured, and the run fails', async ({
    expect,
  }) => {
    const starvedMs = 2_000;
    const run = await starve('join', starvedMs);
    const printed = run.stdout + run.stderr;
    expect(run.timedOut, printed.slice(-2000)).toBe(false);
    expect(run.code, printed.slice(-2000)).toBe(1);
    const measured = ended(printed, 'fixtures/starving/join\\.starves\\.ts > awaits promises already settled, for ever');
    expect(measured, printed.slice(-2000)).toMatchObject({ why: expect.stringMatching(/^Its code keeps the thread busy without ever yielding/) });
    // Half the bound's worth of CPU, spent with no timer running, after a silence of the bound at least.
    expect(measured?.cpu).toBeGreaterThanOrEqual(starvedMs / 2 / 1_000 - 0.05);
    expect(measured?.wall).toBeGreaterThanOrEqual(starvedMs / 1_000 - 0.05);
    // Its own timeout of 1 s never fired: vitest would have failed the test with it, and gone on.
    expect(printed).not.toMatch(/Test timed out in 1000ms/);
  });

  it.concurrent('a test blocked in Atomics.wait, which uses no CPU, is ended at the longer bound, which the message names', async ({ expect }) => {
    const starvedMs = 1_000;
    const run = await starve('blocked', starvedMs);
    const printed = run.stdout + run.stderr;
    expect(run.timedOut, printed.slice(-2000)).toBe(false);
    expect(run.code, printed.slice(-2000)).toBe(1);
    const measured = ended(printed, 'fixtures/starving/blocked\\.starves\\.ts > waits on a value nobody will change, for ever');
    expect(measured, printed.slice(-2000)).toMatchObject({
      why: `Too little CPU for a loop that never yields: it is blocked (in Atomics.wait, or a synchronous sleep, that nothing wakes), or the machine has given it almost no CPU for ${stalledFactor} times the watchdog's bound of 1 s.`,
    });
    expect(measured?.cpu).toBeLessThan(starvedMs / 2 / 1_000);
    expect(measured?.wall).toBeGreaterThanOrEqual((stalledFactor * starvedMs) / 1_000 - 0.05);
    expect(printed).not.toMatch(/Test timed out in 1000ms/);
  });

  it('a watchdog bound that is not a whole number of milliseconds, 1000 or more, is refused, saying what is allowed', async () => {
    const ended = await runProgram(join(root, 'scripts', 'vitest.ts'), ['run', 'spec/errors.spec.ts'], 60_000, {
      ...ownEnv,
      WATCHDOG_STARVED_MS: '5s',
      NO_COLOR: '1',
    });
    expect(ended.code).not.toBe(0);
    expect(ended.stdout + ended.stderr).toContain('WATCHDOG_STARVED_MS must be a whole number of milliseconds, 1000 or more; got "5s"');
  });
});
