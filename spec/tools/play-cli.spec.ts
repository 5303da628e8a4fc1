/**
 * `npm run learn -- --play` on the command line (scripts/learn/play.ts): it lists the challenges with the
 * learner's progress, plays moves given as keys without a terminal and keeps a win, plays a learner's own
 * file, refuses to guess without a terminal or moves, and in a terminal ends on q or Ctrl-C, leaving nothing
 * running. A file of its own, so that mutation testing runs play.ts's program by these tests alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinOf } from '../../claims/schedule-pins.ts';
import { runProgram } from '../../claims/support/program.ts';
import { challenges } from '../../lessons/challenges.ts';
import { root } from '../../lessons/judge.ts';

describe('npm run learn -- --play, on the command line', () => {
  const workspace = `.scratch-play-${process.pid}`;
  const folder = join(root, 'lessons', workspace);
  const learn = (args: string[]) => runProgram(join(root, 'scripts', 'learn.ts'), args, 60_000, { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' });
  beforeAll(() => rmSync(folder, { recursive: true, force: true }));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the challenges with progress; --moves plays a win (exit 0) and keeps it; moves that do not win exit 1', async () => {
    const list = await learn(['--play']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`Progress: 0 of ${challenges.length} challenges won`);
    for (const challenge of challenges) expect(list.stdout).toContain(challenge.name);
    const win = await learn(['--play', 'check-then-set', '--moves', '1,2,1,2,1,2']);
    expect(win.code).toBe(0);
    expect(win.stdout).toContain('✓ You won: thread 2: Error: two threads held the lock at once.');
    expect(win.stdout).toContain('SCHEDULE=0,1,0,1,0,1 npm run learn -- --lesson lock --file lessons/4-lock/wrong/check-then-set-lock.ts');
    expect((await learn(['--play'])).stdout).toContain(`Progress: 1 of ${challenges.length} challenges won`);
    // Giving up wins nothing, not even ours, which cannot be broken: its screen says how it is won.
    const givenUp = await learn(['--play', 'ours', '--moves', 'g']);
    expect(givenUp.stdout).toContain('Giving up wins nothing');
    expect((await learn(['--play'])).stdout).toContain(`Progress: 1 of ${challenges.length} challenges won`);
    const notYet = await learn(['--play', 'check-then-set', '--moves', '1,1']);
    expect(notYet.code).toBe(1);
    expect(notYet.stdout).not.toContain('You won');
  });

  it("plays a learner's own file, and giving up lets the scheduler break it", async () => {
    const broken = await learn(['--play', '--file', 'lessons/4-lock/wrong/check-then-set-lock.ts', '--lesson', 'lock', '--moves', 'g']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Yours: lessons/4-lock/wrong/check-then-set-lock.ts');
    expect(broken.stdout).toMatch(/✗ The scheduler broke it: thread \d: Error: two threads held the lock at once/);
    const hint = await learn(['--play', '--file', 'lessons/4-lock/solution.ts', '--moves', '1,g']);
    expect(hint.code).toBe(0);
    expect(hint.stdout).toContain(`The scheduler tried all ${pinOf('lock.mutual-exclusion', '2 holders once, and a releaser').plain} schedules`);
  });

  /**
   * Plays `keys` in a terminal (util-linux's `script` gives the game a pseudo-terminal), each once the screen
   * before it has been drawn; resolves with the process's exit code and what it printed.
   */
  const inTerminal = (name: string, keys: readonly string[]) =>
    new Promise<{ code: number | null; printed: string }>((done, failed) => {
      const command = `${process.execPath} ${join(root, 'scripts', 'learn.ts')} --play ${name}`;
      const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' } });
      let printed = '';
      let sent = 0;
      const bound = setTimeout(() => {
        child.kill('SIGKILL');
        failed(new Error(`the game in a terminal did not end within 30 s after keys ${keys.slice(0, sent).join(',')}; it printed: ${printed.slice(-500)}`));
      }, 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk;
        // Each screen ends with its keys line: the next key goes once it is drawn.
        const drawn = printed.split('Keys: ').length - 1;
        while (sent < keys.length && sent < drawn) child.stdin.write(keys[sent++] as string);
      });
      child.on('exit', (code) => {
        clearTimeout(bound);
        done({ code, printed });
      });
    });

  it.runIf(process.platform === 'linux' && existsSync('/usr/bin/script'))(
    'in a terminal, q, Ctrl-C and q after a win each end the game and its process, leaving nothing running',
    async () => {
      for (const [name, keys] of [
        ['ours', ['1', 'q']],
        ['ours', ['1', '2', '\x03']],
        ['check-then-set', ['1', '2', '1', '2', '1', '2', 'q']],
      ] as const) {
        const { code, printed } = await inTerminal(name, keys);
        expect(code, printed.slice(-300)).toBe(0);
        expect(printed).toContain(`Left the game. Open it again: npm run learn -- --play ${name}`);
        if (name === 'check-then-set') expect(printed).toContain('✓ You won: thread 2: Error: two threads held the lock at once.');
      }
    },
  );

  it('without a terminal and without moves it refuses, saying how; a bad name or a stray key is told', async () => {
    const refused = await learn(['--play', 'ours']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--play takes your keys from a terminal, and this is not one');
    expect(refused.stderr).toContain('npm run learn -- --play ours --moves 1,2,1');
    const unknown = await learn(['--play', 'mutex']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`There is no challenge "mutex". The challenges are: ${challenges.map((each) => each.name).join(', ')}.`);
    const stray = await learn(['--play', 'ours', '--moves', '1,3,2']);
    expect(stray.code).toBe(1);
    expect(stray.stdout).toContain('Move 2 (3) was not played: There is no thread 3');
    const help = await learn(['--help']);
    for (const text of ['--play', '--moves', ...challenges.map((each) => each.name)]) expect(help.stdout).toContain(text);
  });
});
