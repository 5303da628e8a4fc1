import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { describe, expect, it } from 'vitest';
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
