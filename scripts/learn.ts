/**
 * `npm run learn`: the document's claims as lessons you write, judged by the properties `npm test`
 * runs on src/. It copies each lesson's starting file into lessons/yours/ (never over your work),
 * judges the first lesson not yet passed, and stops at its first failing claim, saying what failed,
 * the mistake it is typical of, the smallest counterexample and the line to look at.
 *
 * Each judging runs in a program of its own (lessons/judge.ts), stopped at a bound: code that hangs is
 * reported, never waited on. It exits 0 when every lesson it judged passed, 1 when one failed (as a failing
 * test run does, and rustlings), 2 for a bad flag.
 */
import { watch } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { solutionText } from '../lessons/hint.ts';
import type { Lesson } from '../lessons/lesson.ts';
import { lessonNamed, lessons } from '../lessons/lessons.ts';
import { endJudgesOnSignals, type Judging, judgeApart, warmUp } from './learn/judging.ts';
import { JudgingView } from './learn/judging-view.ts';
import { options, UsageError, usage } from './learn/options.ts';
import { play } from './learn/play.ts';
import { bold, dim, failureScreen, green, passScreen, progressLine, red, whatNext } from './learn/screens.ts';
import { typeErrors } from './learn/type-errors.ts';
import {
  askHint,
  changedSincePassed,
  ensureWorkspace,
  firstNotPassed,
  names,
  passedLessons,
  record,
  reset,
  shown,
  workspace,
  yours,
} from './learn/workspace.ts';

interface Run {
  /** The lesson to judge first; the path then goes on from it while lessons pass, unless `only`. */
  readonly from: Lesson;
  readonly only: boolean;
  readonly file?: string;
  readonly hint: boolean;
  readonly verbose: boolean;
  readonly watch: boolean;
}

let running: Judging | undefined;

/** A lesson failed: the run exits 1, as a failing test run does (a watch goes on, and its last verdict counts). */
function failed(): void {
  process.exitCode = 1;
}

/** Judges lessons from `run.from` on, printing each verdict; stops at the first that fails. */
async function learn(run: Run): Promise<void> {
  // In a watch, each judging's verdict replaces the last one's.
  process.exitCode = 0;
  const passed = passedLessons();
  for (let lesson: Lesson | undefined = run.from; lesson !== undefined; ) {
    const path = run.file === undefined ? yours(lesson) : resolve(run.file);
    const number = lessons.indexOf(lesson) + 1;
    // The header is printed with its verdict: a judging cut short by a newer save leaves no header behind.
    // Meanwhile the view shows each check as it starts and ends (scripts/learn/judging-view.ts).
    const header = `${bold(`Lesson ${number} of ${lessons.length}: ${lesson.title}`)}  ${dim(shown(path))}`;
    const began = performance.now();
    let judging: Judging | undefined;
    const view = new JudgingView(`lesson ${number}, ${lesson.name}`, () => running === judging);
    const heading = () => {
      view.end();
      console.log(header);
    };
    judging = judgeApart(lesson, path, (progress) => view.told(progress));
    running = judging;
    const errors = await typeErrors(path);
    if (running !== judging) return; // Stopped: a newer save is being judged.
    if (errors.length > 0) {
      judging.stop();
      heading();
      console.log(`${progressLine(passed, [])}\n`);
      console.log(`${red('✗')} ${bold(`${shown(path)} does not compile:`)}\n${errors.map((error) => `  ${error}`).join('\n')}\n`);
      console.log(whatNext(path, run.watch));
      failed();
      if (run.watch) warmUp(lesson.name);
      return;
    }
    const verdict = await judging.verdict;
    if (running !== judging) return; // Stopped: a newer save is being judged.
    running = undefined;
    heading();
    // The next judging, warm by the time of the next save.
    if (run.watch) warmUp(lesson.name);
    const took = dim(`(judged in ${((performance.now() - began) / 1000).toFixed(1)} s)`);
    if (verdict.failure !== undefined) {
      if (run.file === undefined && passed.delete(lesson.name)) record(passed);
      console.log(`${progressLine(passed, verdict.holding)}\n`);
      // Each --hint on a lesson that fails says one part more than the last.
      const hint = run.hint ? askHint(lesson) : 0;
      console.log(failureScreen(lesson, path, verdict.failure, { ...run, hint }, verdict.printed));
      console.log(took);
      failed();
      return;
    }
    if (run.file === undefined) {
      passed.add(lesson.name);
      record(passed, lesson);
    }
    console.log(`${progressLine(passed, [])}\n`);
    console.log(passScreen(lesson));
    console.log(`${took}\n`);
    if (run.only || run.file !== undefined) return;
    lesson = lessons.find((next) => !passed.has(next.name));
  }
  console.log(
    green(bold(`All ${lessons.length} lessons done: every claim of the path holds for your code.`)),
    `\nNow read ours in src/, and run ${bold('npm test')} to see every claim of the document judged on it.`,
  );
}

/** Lessons recorded as passed whose file changed since: no longer passed, so that the path judges them again. */
function unpassChanged(): void {
  const changed = changedSincePassed();
  if (changed.length === 0) return;
  const passed = passedLessons();
  for (const lesson of changed) passed.delete(lesson.name);
  record(passed);
  for (const lesson of changed) console.log(dim(`${shown(yours(lesson))} changed since it passed: lesson ${lessons.indexOf(lesson) + 1} is judged again.`));
}

function watchForSaves(run: Run): void {
  const watching = () => console.log(dim(`\nWatching ${shown(workspace)}/ for saves (Ctrl-C to stop).`));
  let timer: NodeJS.Timeout | undefined;
  let saves = 0;
  watch(workspace, (_event, file) => {
    const saved = lessons.find((lesson) => lesson.file === file);
    if (saved === undefined) return;
    // An editor's save is often several writes: judge once they have settled.
    clearTimeout(timer);
    timer = setTimeout(() => {
      running?.stop();
      running = undefined;
      if (process.stdout.isTTY) console.clear();
      const save = ++saves;
      const from = run.only ? run.from : saved;
      // A judging cut short by a newer save says nothing more: the newer one speaks.
      void learn({ ...run, from }).then(() => save === saves && watching());
    }, 100);
  });
  // Said once the watch is on (a pipe's write is synchronous: whoever reads this may save at once).
  watching();
}

async function main(): Promise<void> {
  const values = options();
  if (values.help) {
    console.log(usage);
    return;
  }
  ensureWorkspace();
  if (values.play) return play({ name: values.challenge, file: values.file, lesson: values.lesson, moves: values.moves });
  if (values.reset !== undefined) return reset(lessonNamed(values.reset) as Lesson);
  if (values.solution) return console.log(solutionText(values.lesson === undefined ? firstNotPassed() : (lessonNamed(values.lesson) as Lesson)));
  const chosen = values.lesson === undefined ? undefined : lessonNamed(values.lesson);
  // A lesson that passed and whose file changed since is judged again: the exit code speaks for every lesson.
  if (chosen === undefined && values.file === undefined) unpassChanged();
  const run: Run = {
    from: chosen ?? firstNotPassed(),
    only: chosen !== undefined,
    file: values.file,
    hint: values.hint,
    verbose: values.verbose,
    watch: values.watch,
  };
  if (chosen === undefined && passedLessons().size === lessons.length && !values.watch) {
    console.log(
      green(bold(`All ${lessons.length} lessons are done, and none of their files changed since it passed.`)),
      `Judge one again with ${bold('npm run learn -- --lesson NAME')}; the lessons: ${names.join(', ')}.`,
    );
    return;
  }
  endJudgesOnSignals();
  await learn(run);
  if (values.watch) watchForSaves(run);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\nSee npm run learn -- --help.`);
  process.exitCode = 2;
}
