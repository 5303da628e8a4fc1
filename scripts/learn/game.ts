/**
 * One game of `npm run learn -- --play`: the learner's keys, each a move, and where they lead. A move is a
 * replay: the scheduler runs the challenge's threads again, taking the steps chosen so far, and pauses
 * before the next (Scheduler.run's `until`). Undo is the same replay, one step shorter. Each move is
 * judged by the claim's own verdict (faultIn, and the Setup's verdict), as the property judges a schedule.
 */

import { explored, type Fault, faultIn, type Setup } from '../../claims/support/every-schedule.ts';
import { takeCounts } from '../../claims/support/schedule-counts.ts';
import type { Challenge } from '../../lessons/challenges.ts';
import { type Execution, fromChoices, type Pending, Scheduler } from '../../scheduler/scheduler.ts';

/** How many moves a game of code not known to break takes before the scheduler tries every schedule itself. */
export const movesBound = 300;

/** What the scheduler's own exploration found, once the learner gave up. */
export interface Explored {
  readonly schedules: number | undefined;
  readonly fault: Fault | undefined;
  /** Whether the learner gave up (g), or played until the moves ran out. */
  readonly after: 'giving up' | 'the moves ran out';
}

export interface Board {
  readonly challenge: Challenge;
  readonly setup: Setup;
  /** The thread (from 0) each step was given to: the schedule so far. */
  readonly moves: readonly number[];
  readonly execution: Execution;
  /** What the claim forbids, reached: the verdict's words. */
  readonly fault: string | undefined;
  /** The last key's answer, when it did not move (a thread that cannot go on, a key unknown). */
  readonly said: string | undefined;
  readonly explaining: boolean;
  /** Once the learner gave up, or the moves ran out: every schedule tried. */
  readonly explored: Explored | undefined;
  readonly movesMade: number;
}

export class Game {
  readonly challenge: Challenge;
  readonly #setup: Setup;
  readonly #scheduler: Scheduler;
  #moves: number[] = [];
  #execution: Execution;
  #explaining = false;
  #explored: Explored | undefined;
  #movesMade = 0;
  readonly #movesBound: number;

  private constructor(challenge: Challenge, setup: Setup, scheduler: Scheduler, execution: Execution, bound: number) {
    this.#movesBound = bound;
    this.challenge = challenge;
    this.#setup = setup;
    this.#scheduler = scheduler;
    this.#execution = execution;
  }

  /** `bound`: how many moves before the scheduler takes over, for code not known to break (a spec plays more). */
  static async open(challenge: Challenge, bound = movesBound): Promise<Game> {
    const setup = challenge.setup(challenge.played);
    const scheduler = await Scheduler.start(setup.memory, setup.threads, { locate: true });
    try {
      return new Game(challenge, setup, scheduler, await scheduler.run(fromChoices([]), 0), bound);
    } catch (error) {
      await scheduler.close();
      throw error;
    }
  }

  get board(): Board {
    return {
      challenge: this.challenge,
      setup: this.#setup,
      moves: this.#moves,
      execution: this.#execution,
      fault: this.#fault(),
      said: undefined,
      explaining: this.#explaining,
      explored: this.#explored,
      movesMade: this.#movesMade,
    };
  }

  #fault(): string | undefined {
    return faultIn(this.#execution, this.#setup.verdict, this.#setup.deadlock);
  }

  get over(): boolean {
    return this.#explored !== undefined;
  }

  /** One key: a thread's number runs its next step; `u` undoes one, `r` restarts, `?` explains, `g` gives up. */
  async press(key: string): Promise<Board> {
    const said = (words: string): Board => ({ ...this.board, said: words });
    if (this.over) return said('The game is over: r plays it again, q quits.');
    if (key === '?') {
      this.#explaining = !this.#explaining;
      return this.board;
    }
    if (key === 'u') {
      if (this.#moves.length === 0) return said('Nothing to undo: no step has been taken.');
      return this.#replay(this.#moves.slice(0, -1));
    }
    if (key === 'r') return this.#replay([]);
    if (key === 'g') return this.#giveUp('giving up');
    if (!/^[1-9]$/.test(key)) return said(`The key ${JSON.stringify(key)} does nothing: ${keysHelp(this.#execution.pending.length)}.`);
    const pending = this.#execution.pending[Number(key) - 1];
    if (pending === undefined) return said(`There is no thread ${key}: the threads are ${numbers(this.#execution.pending.length)}.`);
    const why = cannotGoOn(pending, this.#execution, this.#fault());
    if (why !== undefined) return said(why);
    this.#movesMade += 1;
    const board = await this.#replay([...this.#moves, pending.thread - 1]);
    if (this.challenge.exploredAtEnd === true && this.#movesMade >= this.#movesBound && board.fault === undefined) return this.#giveUp('the moves ran out');
    return board;
  }

  async #replay(moves: number[]): Promise<Board> {
    this.#execution = await this.#scheduler.run(fromChoices(moves), moves.length);
    this.#moves = moves;
    return this.board;
  }

  /** The scheduler plays on its own: every schedule with at most two preemptions, as the claim's property does. */
  async #giveUp(after: Explored['after']): Promise<Board> {
    takeCounts();
    const fault = await explored(this.challenge.setup(this.challenge.played));
    const counted = takeCounts().find((each) => each.claim === this.#setup.claim && each.configuration === this.#setup.configuration);
    this.#explored = { schedules: counted?.schedules, fault, after };
    return this.board;
  }

  /** Plays again from the start, after a game that is over. */
  async again(): Promise<Board> {
    this.#explored = undefined;
    this.#movesMade = 0;
    return this.#replay([]);
  }

  async close(): Promise<void> {
    await this.#scheduler.close();
  }
}

const numbers = (count: number) => {
  const all = Array.from({ length: count }, (_, i) => String(i + 1));
  return all.length === 1 ? (all[0] as string) : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
};

export const keysHelp = (threads: number) => `${numbers(threads)} run that thread's next step; u undoes one step, r restarts, ? explains, g gives up, q quits`;

/** Why a thread's key does nothing now, if it does nothing. */
function cannotGoOn(pending: Pending, execution: Execution, fault: string | undefined): string | undefined {
  if (fault !== undefined) return `You have won: ${fault}. u undoes a step, r restarts, q quits.`;
  if (execution.outcome !== 'paused') return `Every thread has ended: this schedule is played out. u undoes a step, r restarts.`;
  if (pending.canGoOn) return undefined;
  if (pending.state === 'finished') return `Thread ${pending.thread} has finished: it has no step left.`;
  if (pending.state === 'failed') return `Thread ${pending.thread} failed (${pending.error}): it has no step left.`;
  if (pending.state === 'waits') return `Thread ${pending.thread} waits in Atomics.wait, without a timeout: only a notify of that cell wakes it, and none has.`;
  return `Thread ${pending.thread} cannot go on now.`;
}
