/** The game's key latency, each challenge's slowest key to its screen under `npm run learn -- --play`: what a player waits. */
import { type Challenge, challenges } from '../../lessons/challenges.ts';
import { boardScreen } from '../learn/board.ts';
import { Game } from '../learn/game.ts';
import { ms } from './format.ts';
import { median, sequence } from './measure.ts';
import { measuring } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Table } from './table.ts';

/**
 * The slowest key of one game of `challenge`, in ms. The game is played to its end by always choosing the first
 * thread that can go on; every key's time (the scheduler's replay of the schedule so far, and the screen drawn)
 * is measured, and the slowest of a game is what a learner waits.
 */
async function slowestKey(challenge: Challenge): Promise<number> {
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

/** The section: every challenge, the median of `runs` games, against 100 ms, past which a key no longer feels instant. */
export async function playSection(table: Table, runs: number): Promise<Facts> {
  const add = table.section('npm run learn -- --play: a key to its screen (the slowest key of a game played out, median of the runs)');
  for (const challenge of challenges) {
    const label = `challenge ${challenges.indexOf(challenge) + 1}, ${challenge.name}: slowest key vs the target`;
    measuring(label);
    const took = median(await sequence(runs, () => slowestKey(challenge)));
    add({
      label,
      a: ms(took),
      b: ms(100),
      ratio: `${(took / 100).toFixed(2)}×`,
      target: { text: '≤ 100 ms', met: took <= 100 },
    });
  }
  return {};
}
