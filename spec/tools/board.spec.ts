/**
 * The board of `npm run learn -- --play`, as a learner reads it, at the positions that show each of its
 * parts: every challenge at its start, next steps explained, a key that does nothing, a win by each cause
 * the board can name, a story longer than a dozen steps, a game played out, one given up, one whose moves ran
 * out, a learner's file the scheduler breaks, and columns side by side. Each screen is pinned as a file in
 * spec/tools/screens/, so that a change to what the learner sees is read in review before it is recorded
 * (`npx vitest run spec/tools/board.spec.ts -u`).
 */
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Challenge, challengeNamed, challenges, yourChallenge } from '../../lessons/challenges.ts';
import { root } from '../../lessons/judge.ts';
import { boardScreen } from '../../scripts/learn/board.ts';
import { type Board, Game } from '../../scripts/learn/game.ts';
import { shown } from '../../scripts/learn/workspace.ts';
import { played } from '../support/played.ts';

const named = (name: string) => challengeNamed(name) as Challenge;

/** Each thread in turn, from the first, taking every step it can: a game played out with no thread preempted. */
async function playOut(challenge: Challenge, bound?: number): Promise<Board> {
  const game = await Game.open(challenge, bound);
  try {
    let board = game.board;
    for (const [thread] of board.execution.pending.entries())
      while (board.execution.pending[thread]?.canGoOn === true) board = await game.press(String(thread + 1));
    return board;
  } finally {
    await game.close();
  }
}

/**
 * The screen as a file holds it: without colours (they follow the terminal), and with each thread's id, the
 * number in brackets after `thread N`, written `id`: worker threads are numbered in the order the process
 * started them, which depends on what ran before. (Side by side, a column padded after an id would end one
 * space sooner for a two-digit id: the wide screen below is pinned where no id is padded after.)
 */
const pinned = (board: Board, width = 100, passed: ReadonlySet<string> = new Set()) =>
  `${stripVTControlCharacters(boardScreen(board, width, passed)).replace(/thread (\d+) \(\d+\)/g, 'thread $1 (id)')}\n`;

const screen = (name: string) => `./screens/${name}.txt`;

describe('npm run learn -- --play: the board, as the learner reads it', () => {
  it.each(challenges.map((challenge) => challenge.name))('%s, at its start', async (name) => {
    await expect(pinned(await played(named(name), []))).toMatchFileSnapshot(screen(`${name}.start`));
  });

  it('check-then-set, its next steps explained, after a key that does nothing', async () => {
    await expect(pinned(await played(named('check-then-set'), ['1', '2', '1', '2', '?', 'x']))).toMatchFileSnapshot(screen('check-then-set.explained'));
  });

  it('ours, each next step explained at every move of a game: thread 2 waiting on the lock thread 1 holds, woken once it is let go', async () => {
    const game = await Game.open(named('ours'));
    try {
      const told: string[] = [];
      let board = await game.press('?');
      const keys: string[] = [];
      const explain = () => {
        const screen = pinned(board);
        const from = screen.indexOf('What each next step does:');
        told.push(`After ${keys.length === 0 ? 'no move' : keys.join(',')}:`, screen.slice(from, screen.indexOf('\n\n', from)), '');
      };
      explain();
      for (const key of ['1', '2', '2']) {
        board = await game.press(key);
        keys.push(key);
        explain();
      }
      for (const [thread] of board.execution.pending.entries())
        while (board.execution.pending[thread]?.canGoOn === true) {
          board = await game.press(String(thread + 1));
          keys.push(String(thread + 1));
          explain();
        }
      await expect(told.join('\n')).toMatchFileSnapshot(screen('ours.explained'));
    } finally {
      await game.close();
    }
  });

  it.each([
    { name: 'check-then-set', keys: '1,2,1,2,1,2', cause: 'a read between a read and a write' },
    { name: 'silent-release', keys: '1,2,2,1', cause: 'a wait nobody will end' },
    { name: 'no-finally', keys: '1,1,2,2', cause: 'a lock never given back' },
    { name: 'read-before-lock', keys: '1,2,1,1,1,1,1,1,2,2,2,2,2,2', cause: 'a story longer than a dozen steps' },
    { name: 'load-then-store', keys: '1,2,1,2,1,1,1,2,2,2', cause: 'a counter' },
  ])('$name, won by $keys: $cause', async ({ name, keys }) => {
    await expect(pinned(await played(named(name), keys.split(',')))).toMatchFileSnapshot(screen(`${name}.won`));
  });

  it('load-then-store and ours, played out unbroken, one thread after the other', async () => {
    await expect(pinned(await playOut(named('load-then-store')))).toMatchFileSnapshot(screen('load-then-store.played-out'));
    await expect(pinned(await playOut(named('ours'), Number.POSITIVE_INFINITY))).toMatchFileSnapshot(screen('ours.played-out'));
  });

  it('ours, given up at once, and with its moves run out', async () => {
    await expect(pinned(await played(named('ours'), ['g']))).toMatchFileSnapshot(screen('ours.given-up'));
    await expect(pinned(await played(named('ours'), ['1', '1'], 2))).toMatchFileSnapshot(screen('ours.moves-ran-out'));
  });

  it("a learner's own lock that the scheduler breaks, once they give up", async () => {
    const file = join(root, 'lessons', '4-lock', 'wrong', 'check-then-set-lock.ts');
    const yours = yourChallenge('lock', file, shown(file)) as Challenge;
    await expect(pinned(await played(yours, ['g']))).toMatchFileSnapshot(screen('yours.broken'));
  });

  it('check-then-set at its start, on a terminal wide enough for its threads side by side', async () => {
    await expect(pinned(await played(named('check-then-set'), []), 300)).toMatchFileSnapshot(screen('check-then-set.wide'));
  });
});
