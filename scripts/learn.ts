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
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline/promises';
import { parseArgs, styleText } from 'node:util';
import type { Failure, Verdict } from '../lessons/judge.ts';
import { type Lesson, lessonClaims, lessonNamed, lessons } from '../lessons/lessons.ts';
import { claim } from '../spec/claims.ts';
import { childEnv } from '../src/endpoint.ts';
import { killTree } from './kill-tree.ts';

const root = resolve(import.meta.dirname, '..');
const startDir = join(root, 'lessons', 'start');
/** Where your lessons live. The meta-spec and the bench use a scratch folder beside it (lessons/.scratch-*), leaving yours alone. */
const workspace = join(root, 'lessons', process.env.LEARN_WORKSPACE ?? 'yours');
const progressFile = join(workspace, 'progress.json');
/** How long one judging may take before it is called a hang. */
const boundMs = Number(process.env.LEARN_BOUND_MS ?? 60_000);

const names = lessons.map((lesson) => lesson.name);
const usage = `Usage: npm run learn [-- options]

Write the document's claims yourself, lesson by lesson; the spec's own properties judge your code.
Your files are in ${relative(root, workspace)}/ (ignored by git: your work stays yours).

Lessons, in order:
${lessons.map((lesson, i) => `  ${lesson.name.padEnd(8)} ${i + 1}. ${lesson.title}  (${relative(root, workspace)}/${lesson.file})`).join('\n')}

Options:
  --lesson NAME   judge this lesson, passed or not, and only it
  --watch         judge again each time you save a lesson's file
  --hint          show a hint for the lesson that fails
  --reset NAME    put a lesson's starting file back in place of yours, after asking (yours is kept beside it)
  --file PATH     judge another file in the lesson's place (needs --lesson): try --lesson lock --file src/lock.ts
  --help          show this

Code that runs longer than ${boundMs / 1000} s is stopped, and the verdict says so.
It exits with 0 when every lesson it judged passed, 1 when one failed, 2 for a bad option:
\`npm run learn && git commit\` commits only work that passes.`;

class UsageError extends Error {}

function options() {
  try {
    const { values } = parseArgs({
      options: {
        lesson: { type: 'string' },
        watch: { type: 'boolean', default: false },
        hint: { type: 'boolean', default: false },
        reset: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    });
    for (const name of [values.lesson, values.reset]) {
      if (name !== undefined && lessonNamed(name) === undefined)
        throw new UsageError(`There is no lesson ${JSON.stringify(name)}. The lessons are: ${names.join(', ')}.`);
    }
    if (values.file !== undefined && values.lesson === undefined) throw new UsageError('--file needs --lesson NAME: which lesson to judge the file as.');
    if (values.file !== undefined && !existsSync(values.file)) throw new UsageError(`--file ${values.file}: no such file.`);
    if (values.reset !== undefined && (values.watch || values.lesson !== undefined || values.file !== undefined)) {
      throw new UsageError('--reset NAME stands alone: reset, then run `npm run learn`.');
    }
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the option it did not know; say which it knows.
    throw new UsageError(`${(error as Error).message.split('. ')[0]}. The options are --lesson NAME, --watch, --hint, --reset NAME, --file PATH, --help.`);
  }
}

const bold = (text: string) => styleText('bold', text);
const red = (text: string) => styleText('red', text);
const green = (text: string) => styleText('green', text);
const dim = (text: string) => styleText('dim', text);
const yours = (lesson: Lesson) => join(workspace, lesson.file);
const shown = (path: string) => relative(root, path);

/** Copies every lesson's starting file that is not there yet; never one over your work. */
function ensureWorkspace(): void {
  mkdirSync(workspace, { recursive: true });
  for (const lesson of lessons) if (!existsSync(yours(lesson))) copyFileSync(join(startDir, lesson.file), yours(lesson));
}

function passedLessons(): Set<string> {
  try {
    return new Set((JSON.parse(readFileSync(progressFile, 'utf8')) as { passed: string[] }).passed);
  } catch {
    return new Set();
  }
}

function record(passed: Set<string>): void {
  writeFileSync(progressFile, `${JSON.stringify({ passed: names.filter((name) => passed.has(name)) }, null, 2)}\n`);
}

/** The type checker's errors in `path` (syntax errors too), each with its file and line. */
function typeErrors(path: string): Promise<string[]> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const flags = ['--ignoreConfig', '--noEmit', '--pretty', 'false', '--strict', '--target', 'esnext', '--module', 'nodenext', '--types', 'node'];
  const more = ['--allowImportingTsExtensions', '--erasableSyntaxOnly', '--verbatimModuleSyntax', '--noImplicitOverride', '--skipLibCheck'];
  return new Promise((done) => {
    execFile(process.execPath, [tsc, ...flags, ...more, path], { cwd: root }, (_error, stdout) => {
      const file = shown(path);
      // `lessons/yours/1-process.ts(12,5): error TS2322: ...` becomes `lessons/yours/1-process.ts:12:5: ...`.
      const errors = stdout
        .split('\n')
        .filter((line) => line.startsWith(`${file}(`))
        .map((line) => line.replace(/^(.*?)\((\d+),(\d+)\): error (TS\d+): /, '$1:$2:$3: $4 '));
      done(errors);
    });
  });
}

/** A verdict, and what the judged code printed to the judge's own output (a learner's console.log, say). */
interface Judged extends Verdict {
  readonly printed?: string;
}

interface Judging {
  readonly verdict: Promise<Judged>;
  readonly stop: () => void;
}

/**
 * A judge in a process group of its own (so that stopping it stops whatever the judged code started), given
 * its lesson and file, or none yet. It starts with the compile cache our children use: its own modules (the
 * lessons, the properties, fast-check) are stripped and compiled once, not at every verdict.
 */
function startJudge(args: readonly string[]): ChildProcess {
  const judge = spawn(process.execPath, [join(root, 'lessons', 'judge.ts'), ...args], {
    cwd: root,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  judges.add(judge);
  judge.once('exit', () => judges.delete(judge));
  return judge;
}

/** Every judge still running: in a group of its own, none hears the learner's Ctrl-C, so it is ended here. */
const judges = new Set<ChildProcess>();

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const judge of judges) killTree(judge.pid);
    // As a shell reports a program ended by a signal: 128 and its number.
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/** In watch mode, a judge started ahead and waiting, warm, for the next save. */
let warm: ChildProcess | undefined;

/** Judges `path` as `lesson`'s file in a program of its own; a judging that outlasts the bound is stopped and reported as a hang. */
function judgeApart(lesson: Lesson, path: string): Judging {
  let judge: ChildProcess | undefined;
  const verdict = new Promise<Judged>((done) => {
    if (warm !== undefined && warm.exitCode === null && warm.signalCode === null) {
      judge = warm;
      judge.send([lesson.name, path]);
    } else {
      judge = startJudge([lesson.name, path]);
    }
    warm = undefined;
    let printed = '';
    judge.stdout?.on('data', (chunk) => (printed += chunk));
    judge.stderr?.on('data', (chunk) => (printed += chunk));
    let answer: Verdict | undefined;
    judge.on('message', (message) => (answer = message as Verdict));
    const timer = setTimeout(() => {
      killTree(judge?.pid);
      const failure = {
        failed: `Lesson ${lesson.name}: your code did not finish within ${boundMs / 1000} s, and was stopped.`,
        mistake: `This is usually ${lesson.hangs}.`,
      };
      done({ lesson: lesson.name, holding: [], failure });
    }, boundMs);
    judge.on('exit', (code, signal) => {
      clearTimeout(timer);
      // The judge's own runners, and the learner's, go with it.
      killTree(judge?.pid);
      if (answer !== undefined) return done({ ...answer, printed: printed.trim() || undefined });
      const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      const said = printed.trim().split('\n').slice(-12).join('\n');
      const hint = code === 13 ? ' (code 13: it awaited a promise that never settles, such as a join() that waits for nothing)' : '';
      done({
        lesson: lesson.name,
        holding: [],
        failure: { failed: `The judging of lesson ${lesson.name} ${how} before its verdict${hint}.${said ? `\n${said}` : ''}` },
      });
    });
  });
  return { verdict, stop: () => killTree(judge?.pid) };
}

function show(label: string, text: string): string {
  const [first, ...rest] = text.split('\n');
  return [`  ${label.padEnd(16)}${first}`, ...rest.map((line) => `${' '.repeat(18)}${line}`)].join('\n');
}

function failureScreen(lesson: Lesson, path: string, failure: Failure, hint: boolean, printed: string | undefined): string {
  const lines: string[] = [];
  if (failure.claim !== undefined) lines.push(`${red('✗')} ${bold(failure.claim)}`, `  ${claim(failure.claim).claim}`, '');
  else if (failure.contract !== undefined) {
    lines.push(
      `${red('✗')} ${bold(`the contract: ${failure.contract}`)}`,
      `  ${dim('Not a claim of the document: what our class keeps beyond them, and so must yours.')}`,
      '',
    );
  } else lines.push(`${red('✗')} ${bold(`${shown(path)} cannot be judged yet`)}`, '');
  if (failure.notWritten !== undefined) lines.push(show('Write this:', failure.notWritten));
  else lines.push(show('What failed:', failure.failed));
  if (failure.mistake !== undefined) lines.push(show('The mistake:', failure.mistake));
  // Better no mistake named than the wrong one.
  else if (failure.notWritten === undefined && (failure.claim ?? failure.contract) !== undefined)
    lines.push(show('The mistake:', dim('not one the judge knows: read what failed, and the smallest case.')));
  if (failure.counterexample !== undefined && failure.notWritten === undefined) lines.push(show('Smallest case:', failure.counterexample));
  if (failure.story !== undefined) {
    lines.push(show('Step by step:', failure.story.map((step, i) => `${String(i + 1).padStart(2)}. ${step}`).join('\n')));
    if (lesson.legend !== undefined) lines.push(show('', dim(lesson.legend)));
    lines.push(show('Replay it:', `SCHEDULE=${failure.schedule} npm run learn -- --lesson ${lesson.name}`));
  }
  if (failure.look !== undefined) lines.push(show('Look at:', failure.look));
  if (printed !== undefined) lines.push(show('Your code said:', printed.split('\n').slice(-10).join('\n')));
  lines.push('');
  if (hint) lines.push(bold('Hint:'), ...lesson.hint.split('\n').map((line) => `  ${line}`), '');
  lines.push(`Edit ${shown(path)}, then run ${bold('npm run learn')} again (or leave ${bold('npm run learn -- --watch')} running).`);
  if (!hint) lines.push(`Stuck? ${bold('npm run learn -- --hint')}`);
  return lines.join('\n');
}

function passScreen(lesson: Lesson): string {
  const number = lessons.indexOf(lesson) + 1;
  const claims = [...new Set(lesson.checks.flatMap((check) => check.claim ?? []))];
  const contract = lesson.checks.flatMap((check) => check.contract ?? []);
  return [
    `${green('✓')} ${bold(`Lesson ${number} of ${lessons.length}, ${lesson.title}: every claim holds.`)}`,
    ...claims.map((id) => `  ${green('✓')} ${id}: ${claim(id).claim}`),
    ...(contract.length === 0 ? [] : [`  ${dim('And the contract our class keeps beyond them:')}`, ...contract.map((each) => `  ${green('✓')} ${each}`)]),
    show('What it taught:', lesson.taught),
    show('Compare:', `ours is in ${lesson.ours}${lesson.oursWith === undefined ? '' : ` (and ${lesson.oursWith})`}.`),
  ].join('\n');
}

function progressLine(passed: Set<string>, holding: readonly string[]): string {
  const held = new Set([
    ...lessons.filter((lesson) => passed.has(lesson.name)).flatMap((lesson) => lesson.checks.flatMap((check) => check.claim ?? [])),
    ...holding,
  ]);
  return dim(`Progress: ${passed.size} of ${lessons.length} lessons done · ${held.size} of ${lessonClaims.length} claims hold for your code`);
}

interface Run {
  /** The lesson to judge first; the path then goes on from it while lessons pass, unless `only`. */
  readonly from: Lesson;
  readonly only: boolean;
  readonly file?: string;
  readonly hint: boolean;
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
    console.log(`${bold(`Lesson ${number} of ${lessons.length}: ${lesson.title}`)}  ${dim(shown(path))}`);
    const began = performance.now();
    const judging = judgeApart(lesson, path);
    running = judging;
    const errors = await typeErrors(path);
    if (errors.length > 0) {
      judging.stop();
      console.log(`${progressLine(passed, [])}\n`);
      console.log(`${red('✗')} ${bold(`${shown(path)} does not compile:`)}\n${errors.map((error) => `  ${error}`).join('\n')}\n`);
      console.log(`Fix it, then run ${bold('npm run learn')} again.`);
      failed();
      if (run.watch) warm ??= startJudge([]);
      return;
    }
    const verdict = await judging.verdict;
    if (running !== judging) return; // Stopped: a newer save is being judged.
    running = undefined;
    // The next judging, warm by the time of the next save.
    if (run.watch) warm ??= startJudge([]);
    const took = dim(`(judged in ${((performance.now() - began) / 1000).toFixed(1)} s)`);
    if (verdict.failure !== undefined) {
      if (run.file === undefined && passed.delete(lesson.name)) record(passed);
      console.log(`${progressLine(passed, verdict.holding)}\n`);
      console.log(failureScreen(lesson, path, verdict.failure, run.hint, verdict.printed));
      console.log(took);
      failed();
      return;
    }
    if (run.file === undefined) {
      passed.add(lesson.name);
      record(passed);
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

function firstNotPassed(): Lesson {
  const passed = passedLessons();
  return lessons.find((lesson) => !passed.has(lesson.name)) ?? (lessons.at(-1) as Lesson);
}

async function reset(lesson: Lesson): Promise<void> {
  const path = yours(lesson);
  // A copy an earlier reset kept is never overwritten: the next one gets a number.
  let kept = `${path}.before-reset`;
  for (let copy = 2; existsSync(kept); copy++) kept = `${path}.before-reset-${copy}`;
  const asking = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await asking.question(`Put the starting file back in ${shown(path)}? Yours is kept as ${shown(kept)}. [y/N] `);
  asking.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    console.log('Nothing changed.');
    return;
  }
  if (existsSync(path)) renameSync(path, kept);
  copyFileSync(join(startDir, lesson.file), path);
  const passed = passedLessons();
  if (passed.delete(lesson.name)) record(passed);
  console.log(`${shown(path)} is the starting file again; yours is ${shown(kept)}.`);
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
  if (values.reset !== undefined) return reset(lessonNamed(values.reset) as Lesson);
  const chosen = values.lesson === undefined ? undefined : lessonNamed(values.lesson);
  const run: Run = { from: chosen ?? firstNotPassed(), only: chosen !== undefined, file: values.file, hint: values.hint, watch: values.watch };
  if (chosen === undefined && passedLessons().size === lessons.length && !values.watch) {
    console.log(
      green(bold(`All ${lessons.length} lessons are done.`)),
      `Judge one again with ${bold('npm run learn -- --lesson NAME')}; the lessons: ${names.join(', ')}.`,
    );
    return;
  }
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
