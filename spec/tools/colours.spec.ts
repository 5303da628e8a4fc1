/**
 * Colours only where they can be seen: `npm test` (scripts/vitest.ts) and `npm run learn` print none into a
 * pipe or a file, or with NO_COLOR, as a log read later must be plain text; FORCE_COLOR brings them back.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../claims/support/program.ts';
import { root } from '../../lessons/judge.ts';

const colourCode = '\x1b[';
// Neither told to colour or not, nor told it runs inside this vitest: a run of its own. In the coverage run
// it writes into this file's coverage folder all the same (Node hands NODE_V8_COVERAGE to every child).
const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(NO_COLOR|FORCE_COLOR|VITEST.*|NODE_OPTIONS|TEST|CI)$/.test(name)));

describe('Output into a pipe carries no colour codes', () => {
  it('npm test, run into a pipe, prints plain text; with FORCE_COLOR, in colour', async () => {
    const vitest = join(root, 'scripts', 'vitest.ts');
    const piped = await runProgram(vitest, ['run', 'spec/errors.spec.ts'], 60_000, plainEnv);
    expect(piped.code, JSON.stringify(piped).slice(-1500)).toBe(0);
    expect(piped.stdout + piped.stderr).not.toContain(colourCode);
    const forced = await runProgram(vitest, ['run', 'spec/errors.spec.ts'], 60_000, { ...plainEnv, FORCE_COLOR: '1' });
    expect(forced.stdout + forced.stderr).toContain(colourCode);
  });

  it('npm run learn, run into a pipe, prints its verdict as plain text', async () => {
    // A scratch workspace beside the learner's, which it leaves alone.
    const workspace = `.scratch-colours-${process.pid}`;
    try {
      const args = ['--lesson', 'counter', '--file', 'lessons/3-counter/wrong/module-level-counter.ts'];
      const verdict = await runProgram(join(root, 'scripts', 'learn.ts'), args, 60_000, { ...plainEnv, LEARN_WORKSPACE: workspace });
      expect(verdict.code, verdict.stderr).toBe(1);
      expect(verdict.stdout).toContain('✗ thread.shared-memory');
      expect(verdict.stdout + verdict.stderr).not.toContain(colourCode);
    } finally {
      rmSync(join(root, 'lessons', workspace), { recursive: true, force: true });
    }
  });
});
