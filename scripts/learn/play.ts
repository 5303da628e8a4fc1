/**
 * `npm run learn -- --play`: the challenges, and one game in the terminal. Each key is read raw and played
 * (game.ts), the screen drawn anew (board.ts). Without a terminal the moves are given as keys
 * (`--moves 1,1,2,u,2`), through the same path a key takes: that is how the specs play.
 */
import process from 'node:process';
import { type Challenge, challengeNamed, challenges, yourChallenge } from '../../lessons/challenges.ts';
import { lessonOfFile } from '../../lessons/lessons.ts';
import { boardScreen } from './board.ts';
import { type Board, Game } from './game.ts';
import { UsageError } from './options.ts';
import { bold, dim, green } from './screens.ts';
import { recordWin, shown, wonChallenges } from './workspace.ts';

export interface PlayOptions {
  readonly name: string | undefined;
  readonly file: string | undefined;
  readonly lesson: string | undefined;
  readonly moves: string | undefined;
}

export function challengeList(): string {
  const won = wonChallenges();
  const first = challenges.find((each) => !won.has(each.name)) ?? (challenges[0] as Challenge);
  return [
    bold('You are the scheduler: choose which thread takes each step, and break the code.'),
    `Progress: ${won.size} of ${challenges.length} challenges won`,
    '',
    ...challenges.map((each, i) => `  ${won.has(each.name) ? green('✓') : ' '} ${String(i + 1)}. ${each.name.padEnd(17)} ${each.title}: ${each.goal}`),
    '',
    `Open one: ${bold(`npm run learn -- --play ${first.name}`)}`,
    `Break your own code: ${bold('npm run learn -- --play --file lessons/yours/4-lock.ts')} (a lock, an account or a counter)`,
  ].join('\n');
}

function chosen(options: PlayOptions): Challenge {
  if (options.file !== undefined) {
    const lesson = options.lesson ?? lessonOfFile(options.file)?.name;
    const challenge = lesson === undefined ? undefined : yourChallenge(lesson, options.file, shown(options.file));
    if (challenge === undefined) {
      throw new UsageError(
        `--play --file plays a lock, an account or a counter: name its lesson with --lesson lock, account or counter (or name the file as its lesson's is, 4-lock.ts, or keep it in its lesson's folder, lessons/4-lock/).`,
      );
    }
    return challenge;
  }
  const challenge = challengeNamed(options.name as string);
  if (challenge === undefined)
    throw new UsageError(`There is no challenge ${JSON.stringify(options.name)}. The challenges are: ${challenges.map((each) => each.name).join(', ')}.`);
  return challenge;
}

const won = (board: Board) => board.fault !== undefined;
/** The game ended as it should: a win; or, for code not known to break, every schedule tried and none breaking it. */
const ended = (board: Board) => won(board) || (board.explored !== undefined && board.explored.fault === undefined);

/**
 * A challenge of the campaign is won, and kept so as a lesson passed is, when the learner broke it; ours,
 * which cannot be broken, once they played it until the moves ran out. Giving up wins nothing, and a game of
 * the learner's own code is not a challenge of the campaign: recordWin keeps none.
 */
function remember(board: Board): void {
  if (won(board) || (ended(board) && board.explored?.after === 'the moves ran out')) recordWin(board.challenge.name);
}

/** Plays `options.moves`, each a key, and prints the screen they lead to. Exit 0 if the game ended as it should. */
async function playMoves(challenge: Challenge, moves: string): Promise<void> {
  const game = await Game.open(challenge);
  try {
    let board = game.board;
    const keys = moves.split(',').map((key) => key.trim());
    for (const [i, key] of keys.entries()) {
      board = await game.press(key);
      // A key that did nothing stops the moves there: the rest would be played from somewhere else than meant.
      if (board.said !== undefined) {
        board = { ...board, said: `Move ${i + 1} (${key}) was not played: ${board.said}` };
        break;
      }
    }
    remember(board);
    console.log(boardScreen(board, process.stdout.columns));
    process.exitCode = ended(board) ? 0 : 1;
  } finally {
    await game.close();
  }
}

/** One game, key by key, in the terminal; `again` is the command that opens it again. */
async function playKeys(challenge: Challenge, again: string): Promise<void> {
  const game = await Game.open(challenge);
  const { stdin, stdout } = process;
  const draw = (board: Board) => stdout.write(`\x1b[2J\x1b[H${boardScreen(board, stdout.columns)}\n`);
  // Raw before the first screen: a key pressed as it appears is read, not echoed onto it.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  draw(game.board);
  let quitting: Promise<void> | undefined;
  const quit = () => {
    quitting ??= (async () => {
      stdin.setRawMode(false);
      stdin.pause();
      await game.close();
      stdout.write(`${dim(`Left the game. Open it again: ${again}`)}\n`);
    })();
    return quitting;
  };
  // Keys are played one after another: a key pressed during a move waits for it.
  let playing = Promise.resolve();
  stdin.on('data', (keys: string) => {
    for (const key of keys) {
      playing = playing.then(async () => {
        if (quitting !== undefined) return;
        // Ctrl-C reaches a raw terminal as a key, not as SIGINT.
        if (key === 'q' || key === '\x03') return quit();
        const board = key === 'r' && game.over ? await game.again() : await game.press(key);
        remember(board);
        draw(board);
      });
    }
  });
  // A terminal closed (SIGHUP) or a kill (SIGTERM) leaves the game as q does.
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void quit());
}

/** The command that opens the game `options` name. */
function playCommand(options: PlayOptions): string {
  const lesson = options.lesson === undefined ? '' : ` --lesson ${options.lesson}`;
  return `npm run learn -- --play ${options.file === undefined ? options.name : `--file ${options.file}${lesson}`}`;
}

export async function play(options: PlayOptions): Promise<void> {
  if (options.name === undefined && options.file === undefined) {
    if (options.moves !== undefined) throw new UsageError('--moves needs a challenge: npm run learn -- --play NAME --moves 1,2,1');
    console.log(challengeList());
    return;
  }
  const challenge = chosen(options);
  if (options.moves !== undefined) return playMoves(challenge, options.moves);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      `--play takes your keys from a terminal, and this is not one. Without one, give the moves as keys: ${playCommand(options)} --moves 1,2,1`,
    );
  }
  await playKeys(challenge, playCommand(options));
}
