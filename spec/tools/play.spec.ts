/**
 * `npm run learn -- --play`, honest: each challenge's known winning schedule, played key by key through
 * the path a key takes, is declared a win with the right story and cause; ours, played under every schedule
 * the scheduler explores, is never; a key that cannot move says why; and the command line plays moves
 * without a terminal, refuses to guess without them, and leaves nothing running.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyScheduleExactBalance, ours } from '../../claims/properties/schedules.ts';
import { pinOf } from '../../claims/schedule-pins.ts';
import { runProgram } from '../../claims/support/program.ts';
import { type Challenge, challengeNamed, challenges } from '../../lessons/challenges.ts';
import { root } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonNamed, solutionFile } from '../../lessons/lessons.ts';
import { Scheduler } from '../../scheduler/scheduler.ts';
import { boardScreen } from '../../scripts/learn/board.ts';
import { Game, movesBound } from '../../scripts/learn/game.ts';
import { played } from '../support/played.ts';

/** Each challenge's winning keys, what the verdict says, and what made it possible. */
const wins: readonly { name: string; keys: string; fault: RegExp; cause: RegExp }[] = [
  {
    name: 'unlocked-account',
    keys: '1,2,1,1,1,2,2,2',
    fault: /^the balance is ¥1, below the sum ¥2$/,
    cause: /thread 2 read balance \(step 2\) between thread 1's read of it \(step 1\) and its write \(step 5\)/,
  },
  {
    name: 'load-then-store',
    keys: '1,2,1,2,1,1,1,2,2,2',
    fault: /^Ping and Pong printed 2 lines together, not 1$/,
    cause: /thread 2 read counter \(step 2\) between thread 1's read of it \(step 1\) and its write \(step 3\)/,
  },
  {
    name: 'check-then-set',
    keys: '1,2,1,2,1,2',
    fault: /^thread 2: Error: two threads held the lock at once$/,
    cause: /thread 2 read lock \(step 2\) between thread 1's read of it \(step 1\) and its write \(step 3\)/,
  },
  {
    name: 'silent-release',
    keys: '1,2,2,1',
    fault: /^deadlock: /,
    cause: /thread 2 waits on lock while it is thread 1 \(\d+\); thread 1 changed lock \(step 4\) and notified nobody/,
  },
  {
    name: 'read-before-lock',
    keys: '1,2,1,1,1,1,1,1,2,2,2,2,2,2',
    fault: /^the balance is ¥1, not the sum ¥2$/,
    cause: /thread 2 read balance \(step 2\) between thread 1's read of it \(step 1\) and its write \(step 6\)/,
  },
  { name: 'no-finally', keys: '1,1,2,2', fault: /^deadlock: /, cause: /thread 2 waits on lock .* thread 1 took lock \(step 1\) and never released it/ },
];

describe('npm run learn -- --play: a known win is declared, with its story', () => {
  it('every challenge but ours has a known win here', () => {
    expect(wins.map((win) => win.name)).toEqual(challenges.filter((each) => each.exploredAtEnd !== true).map((each) => each.name));
  });
  for (const { name, keys, fault, cause } of wins) {
    it(`${name}: ${keys} wins, and a step short of it does not`, async () => {
      const moves = keys.split(',');
      const won = await played(challengeNamed(name) as Challenge, moves);
      expect(won.fault).toMatch(fault);
      const screen = boardScreen(won);
      expect(screen).toMatch(cause);
      expect(screen).toContain(`--play ${name} --moves ${keys}`);
      // The win comes with the last move, not before.
      expect((await played(challengeNamed(name) as Challenge, moves.slice(0, -1))).fault).toBeUndefined();
    });
  }
});

describe("npm run learn -- --play: the replay line a win prints gets the game's verdict", () => {
  for (const { name, keys } of wins) {
    it(`${name}: the "Every schedule" line, run as printed, fails with the fault the game declared`, async () => {
      const won = await played(challengeNamed(name) as Challenge, keys.split(','));
      const line = /Every schedule: +SCHEDULE=(\S+) (.+)/.exec(boardScreen(won));
      expect(line, boardScreen(won)).not.toBeNull();
      const [, schedule, command] = line as unknown as [string, string, string];
      const env = { ...process.env, SCHEDULE: schedule, NO_COLOR: '1' };
      if (command.startsWith('npm run learn -- ')) {
        const judged = await runProgram(join(root, 'scripts', 'learn.ts'), command.slice('npm run learn -- '.length).split(' '), 120_000, env);
        expect(judged.code, judged.stdout).toBe(1);
        expect(/What failed: +(.+)/.exec(judged.stdout)?.[1], judged.stdout).toBe(won.fault);
      } else {
        // The document's own claim that updates are lost: the spec replays the schedule first, and the claim holds by it.
        expect(command).toBe('npx vitest run spec/schedules.spec.ts -t lock.lost-update');
        const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
        const ownEnv = Object.fromEntries(Object.entries(env).filter(([variable]) => !/^(VITEST.*|NODE_OPTIONS|TEST)$/.test(variable)));
        const ran = await runProgram(vitest, ['run', 'spec/schedules.spec.ts', '-t', 'lock.lost-update'], 120_000, ownEnv);
        expect(ran.code, ran.stdout.slice(-2000)).toBe(0);
        expect(ran.stdout).toMatch(/✓ lock\.lost-update/);
      }
    });
  }
});

describe('npm run learn -- --play: ours is never broken', () => {
  it('every schedule the scheduler explores of ours, played key by key, is never declared a win; giving up counts as many as are pinned', async () => {
    const setup = everyScheduleExactBalance.setup(ours.Account, [1, 1]);
    const scheduler = await Scheduler.start(setup.memory, setup.threads);
    const schedules: number[][] = [];
    try {
      for await (const execution of scheduler.explore(2)) schedules.push([...execution.choices]);
    } finally {
      await scheduler.close();
    }
    expect(schedules).toHaveLength(pinOf('lock.exact-balance', '2 deposits').plain as number);
    // Every schedule in one game: more moves than a learner's game takes before the scheduler takes over.
    const game = await Game.open(challengeNamed('ours') as NonNullable<ReturnType<typeof challengeNamed>>, Number.POSITIVE_INFINITY);
    try {
      for (const schedule of schedules) {
        let board = await game.press('r');
        for (const thread of schedule) {
          board = await game.press(String(thread + 1));
          expect(board.said, `schedule ${schedule.join(',')}`).toBeUndefined();
          expect(board.fault, `schedule ${schedule.join(',')}`).toBeUndefined();
        }
        expect(board.execution.outcome).toBe('finished');
        expect(boardScreen(board)).toContain('Played out, not broken: the balance is ¥2');
      }
      const given = await game.press('g');
      expect(given.explored).toEqual({ schedules: 48, fault: undefined, after: 'giving up' });
      expect(boardScreen(given)).toContain('The scheduler tried all 48 schedules with at most two preemptions: none breaks it.');
    } finally {
      await game.close();
    }
  });

  it(`once its moves run out (${movesBound} in a game, undone ones too), the scheduler takes over and tries every schedule`, async () => {
    const bound = 3;
    const game = await Game.open(challengeNamed('ours') as NonNullable<ReturnType<typeof challengeNamed>>, bound);
    try {
      await game.press('1');
      await game.press('u');
      expect((await game.press('2')).explored).toBeUndefined();
      const taken = await game.press('1');
      expect(taken.explored).toEqual({ schedules: 48, fault: undefined, after: 'the moves ran out' });
      expect(boardScreen(taken)).toContain(`You made ${bound} moves.`);
      expect((await game.press('1')).said).toBe('The game is over: r plays it again, q quits.');
      // Played again, a game counts its own moves from none: the scheduler takes over at the same move as before.
      expect((await game.again()).explored).toBeUndefined();
      for (const key of ['1', '2']) expect((await game.press(key)).explored, `move ${key} of the game played again`).toBeUndefined();
      expect((await game.press('1')).explored).toEqual({ schedules: 48, fault: undefined, after: 'the moves ran out' });
    } finally {
      await game.close();
    }
  });
});

describe("npm run learn -- --play: the board's shared line names the lock's holder as the story numbers it", () => {
  it('free, then held by thread 1, by its self in brackets; then by thread 2 once thread 1 has let it go', async () => {
    const game = await Game.open(challengeNamed('ours') as NonNullable<ReturnType<typeof challengeNamed>>);
    try {
      expect(boardScreen(game.board)).toMatch(/Shared: .*lock free \(0\)/);
      const taken = await game.press('1');
      const self = (thread: number) => (taken.execution.threadIds[thread - 1] as number) + 1;
      expect(boardScreen(taken)).toContain(`lock held by thread 1 (${self(1)})`);
      // Thread 1 deposits (read, sleep, wake, write) and releases; thread 2 then takes the lock.
      let board = taken;
      for (let moves = 0; moves < 12 && !boardScreen(board).includes('lock held by thread 2'); moves++) {
        const thread1 = board.execution.pending[0];
        board = await game.press(thread1?.state === 'finished' ? '2' : '1');
      }
      expect(boardScreen(board)).toContain(`lock held by thread 2 (${self(2)})`);
    } finally {
      await game.close();
    }
  });
});

describe("npm run learn -- --play: the board shows the judged code, and a lesson's answer only to who passed it", () => {
  it("silent-release takes acquire() from lesson 4's solution: its lines are hidden until lesson 4 is passed; the judged tasks' wrappers never show; code is never cut", async () => {
    const board = await played(challengeNamed('silent-release') as Challenge, ['1', '2']);
    const solution = readFileSync(solutionFile(lessonNamed('lock') as Lesson), 'utf8').split('\n');
    const wide = 400;
    const passed = boardScreen(board, wide, new Set(['lock']));
    const [, line] = /lessons\/4-lock\/solution\.ts:(\d+)/.exec(passed) ?? [];
    const answerLine = solution[Number(line) - 1]?.trim() as string;
    expect(answerLine).toMatch(/Atomics\./);
    expect(passed).toContain(answerLine);
    expect(passed).not.toContain('shown once you pass it');
    // On a narrow terminal the threads stand one under another, their code whole, never cut.
    const narrow = boardScreen(board, 60, new Set(['lock']));
    expect(narrow).toContain(answerLine);
    expect(narrow).not.toContain('…');
    const notPassed = boardScreen(board, wide, new Set());
    expect(notPassed).toContain("(lesson 4's answer: shown once you pass it)");
    expect(notPassed).not.toContain(answerLine);
    // Each column: the thread's own function in claims/tasks/judged.ts, then the judged code, and no wrapper between.
    expect(passed.match(/claims\/tasks\/judged\.ts:\d+/g)).toHaveLength(2);
  });
});

describe('npm run learn -- --play: a key that cannot move says why', () => {
  it('a waiting thread, a finished one, a thread that does not exist, an unknown key; u undoes one step, r restarts', async () => {
    const game = await Game.open(challengeNamed('ours') as NonNullable<ReturnType<typeof challengeNamed>>);
    try {
      await game.press('1');
      const waiting = await game.press('2');
      expect(waiting.execution.steps.at(-1)?.action).toMatch(/^compare-exchanges lock/);
      expect((await game.press('2')).execution.steps.at(-1)?.action).toMatch(/^waits on lock/);
      const asleep = await game.press('2');
      expect(asleep.said).toMatch(/^Thread 2 waits in Atomics.wait, without a timeout: only a notify/);
      expect(asleep.execution.steps).toHaveLength(3);
      expect((await game.press('3')).said).toBe('There is no thread 3: the threads are 1 and 2.');
      expect((await game.press('x')).said).toMatch(/^The key "x" does nothing: 1 and 2 run that thread's next step/);
      const undone = await game.press('u');
      expect(undone.execution.steps.map((step) => step.action)).toEqual(waiting.execution.steps.map((step) => step.action));
      expect((await game.press('r')).execution.steps).toHaveLength(0);
      expect((await game.press('u')).said).toBe('Nothing to undo: no step has been taken.');
      // Thread 1 runs its deposit to its end: its key then says it is done.
      let board = await game.press('1');
      while (board.execution.pending[0]?.state !== 'finished') board = await game.press('1');
      expect((await game.press('1')).said).toBe('Thread 1 has finished: it has no step left.');
    } finally {
      await game.close();
    }
  });
});

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
