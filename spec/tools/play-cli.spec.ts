/**
 * `npm run learn -- --play` on the command line (scripts/learn/play.ts): it lists the challenges with the
 * learner's progress, plays moves given as keys without a terminal and keeps a win, plays a learner's own
 * file and never keeps it, refuses to guess without a terminal or moves, and in a terminal plays again on r
 * and ends on q, Ctrl-C, SIGTERM or SIGHUP, leaving nothing running. A file of its own, so that mutation
 * testing runs play.ts's program by these tests alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { afterAll, describe, expect, it } from 'vitest';
import { pinOf } from '../../claims/schedule-pins.ts';
import { taggedWith } from '../../claims/support/process-table.ts';
import { runProgram } from '../../claims/support/program.ts';
import { challenges } from '../../lessons/challenges.ts';
import { root } from '../../lessons/judge.ts';
import { movesBound } from '../../scripts/learn/game.ts';

describe('npm run learn -- --play, on the command line', () => {
  // Each test keeps its progress in a workspace of its own: what one wins is not another's.
  let made = 0;
  const workspaces: string[] = [];
  const newWorkspace = () => {
    const workspace = `.scratch-play-${process.pid}-${++made}`;
    workspaces.push(workspace);
    rmSync(join(root, 'lessons', workspace), { recursive: true, force: true });
    return workspace;
  };
  afterAll(() => {
    for (const workspace of workspaces) rmSync(join(root, 'lessons', workspace), { recursive: true, force: true });
  });
  const learnIn = (workspace: string) => (args: string[]) =>
    runProgram(join(root, 'scripts', 'learn.ts'), args, 60_000, { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' });
  const listed = async (learn: ReturnType<typeof learnIn>) => (await learn(['--play'])).stdout.trimEnd().split('\n');

  it('lists every challenge, numbered, each marked once won, and offers the first not won and your own code', async () => {
    const learn = learnIn(newWorkspace());
    const list = await learn(['--play']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'You are the scheduler: choose which thread takes each step, and break the code.',
      `Progress: 0 of ${challenges.length} challenges won`,
      '',
    ]);
    const entry = (mark: string, i: number) => `  ${mark} ${i + 1}. ${challenges[i]?.name.padEnd(17)} ${challenges[i]?.title}: ${challenges[i]?.goal}`;
    expect(lines.slice(3, 3 + challenges.length)).toEqual(challenges.map((_, i) => entry(' ', i)));
    expect(lines.slice(3 + challenges.length)).toEqual([
      '',
      `Open one: npm run learn -- --play ${challenges[0]?.name}`,
      'Break your own code: npm run learn -- --play --file lessons/yours/4-lock.ts (a lock, an account or a counter)',
    ]);
    // The first challenge won, the list marks it and offers the next.
    expect((await learn(['--play', 'unlocked-account', '--moves', '1,2,1,1,1,2,2,2'])).code).toBe(0);
    const after = await listed(learn);
    expect(after[1]).toBe(`Progress: 1 of ${challenges.length} challenges won`);
    expect(after.slice(3, 3 + challenges.length)).toEqual(challenges.map((_, i) => entry(i === 0 ? '✓' : ' ', i)));
    expect(after.at(-2)).toBe(`Open one: npm run learn -- --play ${challenges[1]?.name}`);
  });

  it('--moves plays a win (exit 0) and keeps it, its keys spaced or not; moves that do not win exit 1; giving up wins nothing', async () => {
    const learn = learnIn(newWorkspace());
    const win = await learn(['--play', 'check-then-set', '--moves', '1, 2,1 , 2,1,2']);
    expect(win.code).toBe(0);
    expect(win.stdout).toContain('✓ You won: thread 2: Error: two threads held the lock at once.');
    expect(win.stdout).toContain('SCHEDULE=0,1,0,1,0,1 npm run learn -- --lesson lock --file lessons/4-lock/wrong/check-then-set-lock.ts');
    expect((await listed(learn))[1]).toBe(`Progress: 1 of ${challenges.length} challenges won`);
    // Giving up wins nothing, not even ours, which cannot be broken: its screen says how it is won.
    const givenUp = await learn(['--play', 'ours', '--moves', 'g']);
    expect(givenUp.stdout).toContain('Giving up wins nothing');
    expect((await listed(learn))[1]).toBe(`Progress: 1 of ${challenges.length} challenges won`);
    const notYet = await learn(['--play', 'check-then-set', '--moves', '1,1']);
    expect(notYet.code).toBe(1);
    expect(notYet.stdout).not.toContain('You won');
  });

  it(`ours, played until its ${movesBound} moves run out unbroken, is won and kept`, async () => {
    const learn = learnIn(newWorkspace());
    // Undone moves count: a thread's step and its undoing, over and over, the last step not undone (the
    // game is over once it is taken: an undo after it would be told as not played).
    const moves = Array.from({ length: movesBound }, () => '1,u').join(',');
    const played = await learn(['--play', 'ours', '--moves', moves.slice(0, -',u'.length)]);
    expect(played.code, played.stdout.slice(-500)).toBe(0);
    expect(played.stdout).toContain(`You made ${movesBound} moves.`);
    expect((await listed(learn))[1]).toBe(`Progress: 1 of ${challenges.length} challenges won`);
  });

  it("plays a learner's own file, never kept as won; giving up lets the scheduler break it", async () => {
    const learn = learnIn(newWorkspace());
    const won = await learn(['--play', '--file', 'lessons/4-lock/wrong/check-then-set-lock.ts', '--lesson', 'lock', '--moves', '1,2,1,2,1,2']);
    expect(won.code).toBe(0);
    expect(won.stdout).toContain('✓ You won: thread 2: Error: two threads held the lock at once.');
    expect((await listed(learn))[1]).toBe(`Progress: 0 of ${challenges.length} challenges won`);
    const broken = await learn(['--play', '--file', 'lessons/4-lock/wrong/check-then-set-lock.ts', '--lesson', 'lock', '--moves', 'g']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Yours: lessons/4-lock/wrong/check-then-set-lock.ts');
    expect(broken.stdout).toMatch(/✗ The scheduler broke it: thread \d: Error: two threads held the lock at once/);
    const unbroken = await learn(['--play', '--file', 'lessons/4-lock/solution.ts', '--moves', '1,g']);
    expect(unbroken.code).toBe(0);
    expect(unbroken.stdout).toContain(`The scheduler tried all ${pinOf('lock.mutual-exclusion', '2 holders once, and a releaser').plain} schedules`);
  });

  it('refuses, saying how: a file of no lesson it can play, moves without a challenge, a bad name; a stray key is told', async () => {
    const learn = learnIn(newWorkspace());
    const refusal =
      "--play --file plays a lock, an account or a counter: name its lesson with --lesson lock, account or counter (or name the file as its lesson's is, 4-lock.ts, or keep it in its lesson's folder, lessons/4-lock/).";
    for (const args of [
      ['--play', '--file', 'README.md', '--moves', '1'],
      ['--play', '--file', 'lessons/2-pool/solution.ts', '--moves', '1'],
      ['--play', '--file', 'lessons/4-lock/solution.ts', '--lesson', 'pool', '--moves', '1'],
    ]) {
      const refused = await learn(args);
      expect({ args, code: refused.code, said: refused.stderr }).toEqual({ args, code: 2, said: expect.stringContaining(refusal) });
    }
    const movesAlone = await learn(['--play', '--moves', '1,2']);
    expect(movesAlone.code).toBe(2);
    expect(movesAlone.stderr).toContain('--moves needs a challenge: npm run learn -- --play NAME --moves 1,2,1');
    const unknown = await learn(['--play', 'mutex']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`There is no challenge "mutex". The challenges are: ${challenges.map((each) => each.name).join(', ')}.`);
    // A key that does nothing stops the moves there, the last one too.
    for (const [moves, said] of [
      ['1,3,2', 'Move 2 (3) was not played: There is no thread 3'],
      ['1,2,3', 'Move 3 (3) was not played: There is no thread 3'],
    ] as const) {
      const stray = await learn(['--play', 'ours', '--moves', moves]);
      expect(stray.code).toBe(1);
      expect(stray.stdout).toContain(said);
    }
    const help = await learn(['--help']);
    for (const text of ['--play', '--moves', ...challenges.map((each) => each.name)]) expect(help.stdout).toContain(text);
  });

  it('without a terminal on both sides and without moves it refuses, naming the command with moves', async () => {
    const learn = learnIn(newWorkspace());
    for (const [args, command] of [
      [['--play', 'ours'], 'npm run learn -- --play ours --moves 1,2,1'],
      [['--play', '--file', 'lessons/4-lock/solution.ts'], 'npm run learn -- --play --file lessons/4-lock/solution.ts --moves 1,2,1'],
      [
        ['--play', '--file', 'lessons/4-lock/wrong/check-then-set-lock.ts', '--lesson', 'lock'],
        'npm run learn -- --play --file lessons/4-lock/wrong/check-then-set-lock.ts --lesson lock --moves 1,2,1',
      ],
    ] as const) {
      const refused = await learn([...args]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--play takes your keys from a terminal, and this is not one. Without one, give the moves as keys: ${command}`);
    }
  });

  /** A key for the game, or a signal sent to its process once the screen before it has been drawn. */
  type Key = string | { readonly signal: NodeJS.Signals };

  /**
   * Plays `keys` in a terminal (util-linux's `script` gives the game a pseudo-terminal), each once the screen
   * before it has been drawn; `redirect` is what the shell adds to the game's command line (`< /dev/null`
   * takes the terminal from its input). Resolves with the exit code, what it printed, and the processes of
   * the game still running once it has exited.
   */
  const inTerminal = (workspace: string, args: readonly string[], keys: readonly Key[], redirect = '') =>
    new Promise<{ code: number | null; printed: string; left: string[] | undefined }>((done, failed) => {
      const command = `${process.execPath} ${join(root, 'scripts', 'learn.ts')} ${args.join(' ')} ${redirect}`;
      const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' } });
      const game = () => taggedWith('LEARN_WORKSPACE', workspace)?.filter((each) => each.command.startsWith(process.execPath));
      let printed = '';
      let sent = 0;
      const bound = setTimeout(() => {
        child.kill('SIGKILL');
        for (const each of game() ?? []) process.kill(each.pid, 'SIGKILL');
        failed(new Error(`the game in a terminal did not end within 30 s after ${sent} keys; it printed: ${printed.slice(-500)}`));
      }, 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk;
        // Each screen ends with its keys line: the next key goes once it is drawn.
        const drawn = printed.split('Keys: ').length - 1;
        while (sent < keys.length && sent < drawn) {
          const key = keys[sent++] as Key;
          if (typeof key === 'string') child.stdin.write(key);
          else for (const each of game() ?? []) process.kill(each.pid, key.signal);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(bound);
        done({ code, printed, left: game()?.map((each) => each.command) });
      });
    });
  const terminal = process.platform === 'linux' && existsSync('/usr/bin/script');

  it.runIf(terminal)('in a terminal, q, Ctrl-C, SIGTERM and SIGHUP each end the game and its process, which prints how to open it again', async () => {
    const workspace = newWorkspace();
    for (const [args, keys, again] of [
      [['--play', 'ours'], ['1', 'q'], 'npm run learn -- --play ours'],
      [['--play', 'ours'], ['1', '2', '\x03'], 'npm run learn -- --play ours'],
      [['--play', 'ours'], ['1', { signal: 'SIGTERM' }], 'npm run learn -- --play ours'],
      [['--play', 'ours'], [{ signal: 'SIGHUP' }], 'npm run learn -- --play ours'],
      // Keys after q are not played: the game has ended.
      [['--play', 'check-then-set'], ['1', 'q1'], 'npm run learn -- --play check-then-set'],
      [
        ['--play', '--file', 'lessons/4-lock/wrong/check-then-set-lock.ts', '--lesson', 'lock'],
        ['q'],
        'npm run learn -- --play --file lessons/4-lock/wrong/check-then-set-lock.ts --lesson lock',
      ],
    ] as const) {
      const { code, printed, left } = await inTerminal(workspace, args, keys);
      expect({ keys, code, left, last: printed.trimEnd().split('\n').at(-1)?.trim() }).toEqual({
        keys,
        code: 0,
        left: [],
        last: `Left the game. Open it again: ${again}`,
      });
    }
  });

  it.runIf(terminal)('in a terminal, a win is kept, and r after a game over plays it again from the start', async () => {
    const workspace = newWorkspace();
    const { code, printed } = await inTerminal(workspace, ['--play', 'check-then-set'], ['g', '1', 'r', '1', '2', '1', '2', '1', '2', 'q']);
    expect(code, printed.slice(-300)).toBe(0);
    // Given up, the game is over: a thread's key is refused, r plays it again, and the win after it is kept.
    const at = (text: string) => printed.indexOf(text);
    expect(at('The scheduler broke it')).toBeGreaterThan(-1);
    expect(at('The game is over: r plays it again, q quits.')).toBeGreaterThan(at('The scheduler broke it'));
    expect(at('✓ You won: thread 2: Error: two threads held the lock at once.')).toBeGreaterThan(at('The game is over: r plays it again, q quits.'));
    expect((await listed(learnIn(workspace)))[1]).toBe(`Progress: 1 of ${challenges.length} challenges won`);
  });

  it.runIf(terminal)('with a terminal on one side only, it refuses as it does without one', async () => {
    const workspace = newWorkspace();
    for (const redirect of ['< /dev/null', '> /dev/null']) {
      const { code, printed } = await inTerminal(workspace, ['--play', 'ours'], [], redirect);
      expect({ redirect, code, printed }).toEqual({
        redirect,
        code: 2,
        printed: expect.stringContaining('--play takes your keys from a terminal, and this is not one.'),
      });
    }
  });
});
