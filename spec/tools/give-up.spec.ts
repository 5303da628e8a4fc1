/**
 * `npm run learn -- --play --file PATH`: a learner's own lock, account or counter. Giving up (g), or running
 * out of moves, hands the game to the scheduler, which tries every schedule of THEIR code, and says whether
 * one breaks the claim: for a broken file, the schedule that does, and the commands that replay it on that
 * file; for a correct one, that none of as many schedules as are pinned does.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinOf } from '../../claims/schedule-pins.ts';
import { type Challenge, yourChallenge } from '../../lessons/challenges.ts';
import { root } from '../../lessons/judge.ts';
import { boardScreen } from '../../scripts/learn/board.ts';
import type { Board } from '../../scripts/learn/game.ts';
import { shown } from '../../scripts/learn/workspace.ts';
import { played } from '../support/played.ts';

/** For each lesson a learner can play, a wrong answer the scheduler breaks, the fault it tells, and our solution. */
const yours: readonly { lesson: string; folder: string; broken: string; fault: RegExp }[] = [
  { lesson: 'lock', folder: '4-lock', broken: 'check-then-set-lock.ts', fault: /^thread \d: Error: two threads held the lock at once$/ },
  { lesson: 'account', folder: '5-account', broken: 'read-before-lock-account.ts', fault: /^the balance is ¥1, not the sum ¥2$/ },
  { lesson: 'counter', folder: '3-counter', broken: 'load-then-store-counter.ts', fault: /^Ping and Pong printed 2 lines together, not 1$/ },
];

function challengeOf(lesson: string, path: string): Challenge {
  const challenge = yourChallenge(lesson, path, shown(path));
  expect(challenge, `a challenge for lesson ${lesson}`).toBeDefined();
  return challenge as Challenge;
}

/** How many schedules the scheduler tries of the game's threads: the count pinned for its claim and configuration. */
const pinned = (board: Board) => pinOf(board.setup.claim, board.setup.configuration).plain as number;

describe("npm run learn -- --play --file: giving up lets the scheduler judge the learner's own code", () => {
  for (const { lesson, folder, broken, fault } of yours) {
    it(`lesson ${lesson}: ${broken} is broken by a schedule the scheduler finds, and the solution by none`, async () => {
      const wrong = join(root, 'lessons', folder, 'wrong', broken);
      const given = await played(challengeOf(lesson, wrong), ['g']);
      expect(given.explored?.fault?.fault, boardScreen(given)).toMatch(fault);
      const screen = boardScreen(given);
      expect(screen).toContain(`✗ The scheduler broke it: ${given.explored?.fault?.fault}.`);
      expect(screen).toContain(`--play --file ${shown(wrong)} --moves `);
      expect(screen).toMatch(new RegExp(`SCHEDULE=\\S+ npm run learn -- --lesson ${lesson} --file ${shown(wrong).replaceAll('.', '\\.')}`));

      const solution = join(root, 'lessons', folder, 'solution.ts');
      const none = await played(challengeOf(lesson, solution), ['1', 'g']);
      expect(none.explored, boardScreen(none)).toEqual({ schedules: pinned(none), fault: undefined, after: 'giving up' });
      expect(boardScreen(none)).toContain(
        `The scheduler tried all ${pinned(none).toLocaleString('en')} schedules with at most two preemptions: none breaks it.`,
      );
      expect(boardScreen(none)).toContain('You made 1 move.');
    });
  }

  it("once a learner's own game runs out of moves, the scheduler takes over as if they gave up", async () => {
    const solution = join(root, 'lessons', '4-lock', 'solution.ts');
    const board = await played(challengeOf('lock', solution), ['1', '1'], 2);
    expect(board.explored, boardScreen(board)).toEqual({ schedules: pinned(board), fault: undefined, after: 'the moves ran out' });
    const wrong = join(root, 'lessons', '4-lock', 'wrong', 'check-then-set-lock.ts');
    expect((await played(challengeOf('lock', wrong), ['1', '1'], 2)).explored?.fault?.fault).toMatch(/two threads held the lock at once/);
  });
});
