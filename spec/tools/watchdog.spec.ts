/**
 * The bound that holds when the judged code starves its own event loop (spec/support/watchdog.ts): a test
 * that awaits settled promises for ever keeps every timer of its thread from running, its own 1 s timeout
 * included, so only a thread beside it can end it. Run here with a watchdog of 2 s, it must end the test
 * process, naming the test, and fail the run well before this spec's own bound.
 */
import { join } from 'node:path';
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../claims/support/program.ts';
import { root } from '../../lessons/judge.ts';

// A run of its own, not told it runs inside this vitest (in the coverage run it writes into this file's
// coverage folder all the same: Node hands NODE_V8_COVERAGE to every child).
const ownEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST.*|NODE_OPTIONS|TEST)$/.test(name)));

describe('The watchdog keeps the bound a starved event loop cannot', () => {
  it('a test that awaits settled promises for ever, beyond its own timeout, is ended by the watchdog, which names it, and the run fails', async () => {
    const starvedMs = 2_000;
    const ended = await runProgram(join(root, 'scripts', 'vitest.ts'), ['run', '--config', 'fixtures/starving/vitest.config.ts'], 30_000, {
      ...ownEnv,
      WATCHDOG_STARVED_MS: String(starvedMs),
      NO_COLOR: '1',
    });
    const printed = ended.stdout + ended.stderr;
    expect(ended.timedOut, printed.slice(-2000)).toBe(false);
    expect(ended.code, printed.slice(-2000)).toBe(1);
    expect(printed).toContain(
      'The watchdog ended this test process: no timer of its event loop has run for 2 s, in the test "fixtures/starving/join.starves.ts > awaits promises already settled, for ever".',
    );
    // Its own timeout of 1 s never fired: vitest would have failed the test with it, and gone on.
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
