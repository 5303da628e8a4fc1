/** A game of `npm run learn -- --play`, played in the spec's own process as a learner's keys play it. */
import type { Challenge } from '../../lessons/challenges.ts';
import { type Board, Game } from '../../scripts/learn/game.ts';

/** The board `keys` lead to, pressed one by one in a game of `challenge` (`bound` moves before the scheduler takes over). */
export async function played(challenge: Challenge, keys: readonly string[], bound?: number): Promise<Board> {
  const game = await Game.open(challenge, bound);
  try {
    let board = game.board;
    for (const key of keys) board = await game.press(key);
    return board;
  } finally {
    await game.close();
  }
}
