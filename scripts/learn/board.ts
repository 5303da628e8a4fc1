/**
 * The screen of `npm run learn -- --play`: one column per thread with the source lines it is in (read
 * from the real files, its next step's line marked), the shared cells, the goal, the story so far in the
 * scheduler's words, and the keys. A win adds what made it possible and the commands that replay it.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { challenges } from '../../lessons/challenges.ts';
import { lessons, solutionFile } from '../../lessons/lessons.ts';
import { scheduleText } from '../../scheduler/schedule.ts';
import { type Execution, type Pending, type Place, valueIn } from '../../scheduler/scheduler.ts';
import { causeOf } from './cause.ts';
import { type Board, keysHelp, movesBound } from './game.ts';
import { bold, dim, green, red } from './screens.ts';
import { passedLessons, root } from './workspace.ts';

/**
 * A wrong answer the game plays may take its other methods from the lesson's solution: their lines are
 * shown only to a learner who has passed that lesson, so that no challenge gives a lesson's answer away.
 */
function unpassedSolution(url: string, passed: ReadonlySet<string>, opened: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = fileURLToPath(url);
  const lesson = lessons.find((each) => solutionFile(each) === path);
  // The file the learner opened themselves (--play --file) is theirs to read.
  if (lesson === undefined || passed.has(lesson.name) || path === resolve(root, opened)) return undefined;
  return dim(`(lesson ${lessons.indexOf(lesson) + 1}'s answer: shown once you pass it)`);
}

const sources = new Map<string, readonly string[]>();
function sourceLine({ url, line }: Place, passed: ReadonlySet<string>, opened: string): string {
  const hidden = unpassedSolution(url, passed, opened);
  if (hidden !== undefined) return hidden;
  let lines = sources.get(url);
  if (lines === undefined) {
    lines = readFileSync(fileURLToPath(url), 'utf8').split('\n');
    sources.set(url, lines);
  }
  return (lines[line - 1] ?? '').trim();
}

const judgedTasks = /\/claims\/tasks\/judged\.ts$/;
/**
 * The calls a column shows, outermost first: the thread's own function (claims/tasks/judged.ts), the
 * judged code's calls, and the innermost, whose line is the step's. The judged tasks' wrappers between
 * them are left out: they only pass the call on.
 */
function shownCalls(calls: readonly Place[]): Place[] {
  const shown = calls.filter((call, i) => i === 0 || i === calls.length - 1 || !judgedTasks.test(call.url));
  return shown.slice(0, 1).concat(shown.slice(1).slice(-3)).reverse();
}

const file = (url: string) => (url.startsWith('file:') ? relative(root, fileURLToPath(url)) : url);

/** `text` padded to `width` columns (it fits: columns() makes sure). */
function padded(text: string, width: number): string {
  return text + ' '.repeat(width - stripVTControlCharacters(text).length);
}

function stateOf(pending: Pending): string {
  if (pending.state === 'finished') return green('finished');
  if (pending.state === 'failed') return red(`failed: ${pending.error}`);
  if (pending.state === 'waits' && !pending.canGoOn) return red('waits (only a notify wakes it)');
  return `next: ${bold(pending.next ?? '?')}`;
}

function column(pending: Pending, part: string, passed: ReadonlySet<string>, opened: string): string[] {
  const lines = [bold(`Thread ${pending.thread}: ${part}`)];
  const calls = shownCalls(pending.calls);
  calls.forEach((call, i) => {
    const innermost = i === calls.length - 1 && pending.state !== 'finished' && pending.state !== 'failed';
    lines.push(dim(`  ${file(call.url)}:${call.line}`), `${innermost ? '▶ ' : '  '}${sourceLine(call, passed, opened)}`);
  });
  lines.push(stateOf(pending));
  return lines;
}

/** Columns side by side when every line fits in its column, one under another when not: code is never cut. */
function columns(blocks: readonly string[][], width: number): string[] {
  const each = Math.floor((width - 2 * (blocks.length - 1)) / blocks.length);
  const widest = Math.max(...blocks.flat().map((line) => stripVTControlCharacters(line).length));
  if (widest > each) return blocks.flatMap((block, i) => (i === 0 ? block : ['', ...block]));
  const height = Math.max(...blocks.map((block) => block.length));
  return Array.from({ length: height }, (_, row) =>
    blocks
      .map((block) => padded(block[row] ?? '', each))
      .join('  ')
      .trimEnd(),
  );
}

/** The shared cells, as the claim reads them: the balance in yen, a lock's holder by its thread in the story. */
function cells(execution: Execution): string {
  return Object.entries(execution.memory)
    .map(([name, buffer]) => {
      if (name === 'balance') return `balance = ¥${new BigInt64Array(buffer)[0]}`;
      const value = new Int32Array(buffer)[0] as number;
      if (name !== 'lock') return `${name} = ${value}`;
      const said = valueIn('lock', value, execution.threadIds);
      return value === 0 ? `lock ${said}` : said.startsWith('thread') ? `lock held by ${said}` : `lock = ${value} (held)`;
    })
    .join('   ');
}

/** What each Atomics step does, and why it matters here. */
function meaningOf({ operation, cell }: NonNullable<Pending['nextStep']>): string {
  switch (operation) {
    case 'load':
      return 'reads the cell in one step; what it read may be stale by the time the thread writes it back';
    case 'store':
      return 'writes the cell in one step, over whatever another thread wrote there since this one read it';
    case 'compareExchange':
      return 'in one step, sets the cell only if it holds the expected value, and returns what it held: no thread can come in between';
    case 'wait':
      return cell === undefined
        ? "the document's sleep: nothing shared changes, but other threads may run meanwhile"
        : 'sleeps while the cell holds that value (checked in the same step), until a notify of the cell wakes it';
    case 'notify':
      return 'wakes a thread asleep on the cell, if one is';
    case 'add':
    case 'sub':
      return 'changes the cell in one step: no other thread can come between its read and its write';
    case 'wake':
      return 'a notify woke it: it goes on';
    case 'timeout':
      return cell === undefined
        ? 'its sleep ends: the time is virtual, so any other step may come first'
        : "its wait's timeout expires: Atomics.wait returns 'timed-out'";
    default:
      return 'a step of the judged code';
  }
}

function explanation(execution: Execution): string[] {
  return execution.pending.map((pending) => {
    if (!pending.canGoOn) return `  ${pending.thread}: ${pending.state === 'waits' ? 'waits: only a notify of its cell wakes it' : 'has no step left'}`;
    const what = pending.nextStep === undefined ? 'a step of the judged code' : meaningOf(pending.nextStep);
    return `  ${pending.thread}: ${pending.next}: ${what}`;
  });
}

/** The story so far, one step a line, the latest last: only the last dozen when it is long. */
function storySoFar(execution: Execution): string[] {
  const told = execution.steps.map((step, i) => `${String(i + 1).padStart(3)}. thread ${step.thread} ${step.action}`);
  return told.length <= 12 ? told : [dim(`  (${told.length - 12} steps before)`), ...told.slice(-12)];
}

/** `passed`: the lessons the learner has passed, whose answers the board may show. */
export function boardScreen(board: Board, width = 100, passed: ReadonlySet<string> = passedLessons()): string {
  const { challenge, execution } = board;
  const number = challenges.indexOf(challenge) + 1;
  const heading = number > 0 ? `Challenge ${number} of ${challenges.length}: ${challenge.title}` : challenge.title;
  const lines = [`${bold(heading)}  ${dim(challenge.file)}`, `Goal: ${challenge.goal}.`, ''];
  lines.push(
    ...columns(
      execution.pending.map((pending, i) => column(pending, challenge.parts[i] ?? 'a thread', passed, challenge.file)),
      width,
    ),
    '',
  );
  lines.push(`Shared: ${cells(execution)}`, '');
  lines.push(bold('The story so far:'), ...(execution.steps.length === 0 ? [dim('  no step yet: choose a thread')] : storySoFar(execution)), '');
  if (board.explored !== undefined) lines.push(...exploredLines(board));
  else if (board.fault !== undefined) lines.push(...wonLines(board));
  else if (execution.outcome !== 'paused')
    lines.push(`Played out, not broken: ${endOf(board)}. u undoes a step, r restarts${challenge.exploredAtEnd ? ', g gives up' : ''}.`, '');
  if (board.explaining && execution.outcome === 'paused') lines.push(bold('What each next step does:'), ...explanation(execution), '');
  if (board.said !== undefined) lines.push(board.said, '');
  lines.push(dim(`Keys: ${keysHelp(execution.pending.length)}.`));
  return lines.join('\n');
}

function endOf({ challenge, execution }: Board): string {
  const balance = execution.memory.balance && new BigInt64Array(execution.memory.balance)[0];
  if (balance !== undefined) return `the balance is ¥${balance}`;
  if (execution.memory.printed) {
    const printed = new Int32Array(execution.memory.printed)[0] as number;
    return `they printed ${printed} line${printed === 1 ? '' : 's'}`;
  }
  return `every thread of ${challenge.parts.length} finished, the lock free`;
}

function replayLines(board: Board, schedule: readonly number[]): string[] {
  const moves = schedule.map((thread) => thread + 1).join(',');
  return [
    `  Replay it here:   npm run learn -- --play ${board.challenge.name.startsWith('yours') ? `--file ${board.challenge.file}` : board.challenge.name} --moves ${moves}`,
    `  Every schedule:   SCHEDULE=${scheduleText(schedule)} ${board.challenge.judgedBy}`,
    dim('                    (replays yours first, then judges every schedule with at most two preemptions, as npm test does)'),
  ];
}

function wonLines(board: Board): string[] {
  const cause = causeOf(board.execution);
  return [
    green(bold(`✓ You won: ${board.fault}.`)),
    ...(cause === undefined ? [] : [`  What made it possible: ${cause}.`]),
    ...replayLines(board, board.moves),
    '',
  ];
}

function exploredLines(board: Board): string[] {
  const { explored } = board;
  if (explored?.fault !== undefined) {
    const { fault, execution } = explored.fault;
    return [
      red(bold(`✗ The scheduler broke it: ${fault}.`)),
      `  Its story: ${execution.steps.map((step) => `thread ${step.thread} ${step.action}`).join(', ')}.`,
      ...replayLines(board, execution.choices),
      '',
    ];
  }
  const count = explored?.schedules === undefined ? 'every schedule' : `all ${explored.schedules.toLocaleString('en')} schedules`;
  return [
    green(bold(`The scheduler tried ${count} with at most two preemptions: none breaks it.`)),
    `  You made ${board.movesMade} move${board.movesMade === 1 ? '' : 's'}. The same threads, under every schedule: ${board.challenge.judgedBy}`,
    ...(explored?.after === 'giving up' && challenges.includes(board.challenge) && board.challenge.exploredAtEnd === true
      ? [dim(`  Giving up wins nothing: play on until your ${movesBound} moves run out without breaking it, and it is won.`)]
      : []),
    dim('  r plays again, q quits.'),
    '',
  ];
}
