/**
 * `npm run learn -- --play`, timed as a learner meets it: a key to its screen. Each game is played to its
 * end by always choosing the first thread that can go on; every key's time (the scheduler's replay of the
 * schedule so far, and the screen drawn) is measured, and the slowest of a game is what a learner waits.
 */
import type { Challenge } from '../../lessons/challenges.ts';
import { boardScreen } from '../learn/board.ts';
import { Game } from '../learn/game.ts';

/** The slowest key of one game of `challenge`, played out, in ms. */
export async function slowestKey(challenge: Challenge): Promise<number> {
  const game = await Game.open(challenge);
  try {
    let board = game.board;
    let slowest = 0;
    while (board.execution.outcome === 'paused' && board.fault === undefined) {
      const next = board.execution.pending.find((each) => each.canGoOn);
      if (next === undefined) break;
      const began = performance.now();
      board = await game.press(String(next.thread));
      boardScreen(board);
      slowest = Math.max(slowest, performance.now() - began);
    }
    return slowest;
  } finally {
    await game.close();
  }
}
