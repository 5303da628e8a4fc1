/**
 * A game of `npm run learn -- --play` (scripts/learn/game.ts), key by key, in the spec's own process: what
 * each key does, and what the game says when a key does nothing (the board that shows it is pinned in
 * spec/tools/board.spec.ts; the game in a terminal is play.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { type Challenge, challengeNamed } from '../../lessons/challenges.ts';
import { Game, keysHelp } from '../../scripts/learn/game.ts';
import { played } from '../support/played.ts';

const named = (name: string) => challengeNamed(name) as Challenge;

describe('What a key that does nothing says', () => {
  it.each<[string, string[], string]>([
    ['u at the start', ['u'], 'Nothing to undo: no step has been taken.'],
    ['a key with no meaning', ['x'], `The key "x" does nothing: ${keysHelp(3)}.`],
    ['two digits', ['12'], `The key "12" does nothing: ${keysHelp(3)}.`],
    ['0', ['0'], `The key "0" does nothing: ${keysHelp(3)}.`],
    ['a thread the game has not', ['4'], 'There is no thread 4: the threads are 1, 2 and 3.'],
    ['a thread that has finished', ['1', '1', '1', '1', '1', '1', '1'], 'Thread 1 has finished: it has no step left.'],
  ])('check-then-set, %s', async (_, keys, said) => {
    expect((await played(named('check-then-set'), keys)).said).toBe(said);
  });

  it('ours: a thread asleep in Atomics.wait, until a notify', async () => {
    expect((await played(named('ours'), ['1', '2', '2', '2'])).said).toBe(
      'Thread 2 waits in Atomics.wait, without a timeout: only a notify of that cell wakes it, and none has.',
    );
  });

  it('a game won: any thread', async () => {
    expect((await played(named('silent-release'), ['1', '2', '2', '1', '2'])).said).toBe(
      'You have won: deadlock: no thread can go on, yet some have not finished. u undoes a step, r restarts, q quits.',
    );
  });

  it('a schedule played out: any thread', async () => {
    const game = await Game.open(named('load-then-store'));
    try {
      // Each thread in turn, until it has finished.
      for (const thread of ['1', '2']) while ((await game.press(thread)).said === undefined);
      expect((await game.press('1')).said).toBe('Every thread has ended: this schedule is played out. u undoes a step, r restarts.');
      expect((await game.press('3')).said).toBe('There is no thread 3: the threads are 1 and 2.');
    } finally {
      await game.close();
    }
  });

  it('the keys, for one thread and for three', () => {
    expect(keysHelp(1)).toBe("1 run that thread's next step; u undoes one step, r restarts, ? explains, g gives up, q quits");
    expect(keysHelp(3)).toBe("1, 2 and 3 run that thread's next step; u undoes one step, r restarts, ? explains, g gives up, q quits");
  });
});

describe('What a key does', () => {
  it('a thread’s number takes its next step; u undoes the last; r goes back to the start', async () => {
    expect((await played(named('check-then-set'), ['1', '2', '1'])).moves).toEqual([0, 1, 0]);
    expect((await played(named('check-then-set'), ['1', '2', '1', 'u'])).moves).toEqual([0, 1]);
    expect((await played(named('check-then-set'), ['1', '2', 'r'])).moves).toEqual([]);
    expect((await played(named('check-then-set'), ['1', '2', 'r', '2'])).moves).toEqual([1]);
  });

  it('? explains the next steps, and again stops explaining', async () => {
    expect((await played(named('check-then-set'), ['?'])).explaining).toBe(true);
    expect((await played(named('check-then-set'), ['?', '?'])).explaining).toBe(false);
  });

  it('given up, the game is over: a key says so; played again, it starts afresh, its moves counted from none', async () => {
    const game = await Game.open(named('ours'), 2);
    try {
      await game.press('1');
      const over = await game.press('1');
      expect({ over: game.over, after: over.explored?.after, counted: over.explored?.schedules }).toMatchObject({ over: true, after: 'the moves ran out' });
      expect(over.explored?.schedules).toBeGreaterThan(0);
      expect((await game.press('1')).said).toBe('The game is over: r plays it again, q quits.');
      const again = await game.again();
      expect({ over: game.over, moves: again.moves, made: again.movesMade, explored: again.explored }).toEqual({
        over: false,
        moves: [],
        made: 0,
        explored: undefined,
      });
      // Its moves counted afresh: one move, not the game over again.
      expect((await game.press('1')).explored).toBeUndefined();
      expect((await game.press('g')).explored?.after).toBe('giving up');
    } finally {
      await game.close();
    }
  });

  it('a challenge known to break is not handed to the scheduler when its moves run out', async () => {
    const board = await played(named('check-then-set'), ['1', '2'], 1);
    expect({ explored: board.explored, moves: board.moves }).toEqual({ explored: undefined, moves: [0, 1] });
  });
});
