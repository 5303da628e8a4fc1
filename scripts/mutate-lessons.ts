/**
 * `npm run mutate:lessons [-- NAME...]`: how strong each lesson is, measured by Stryker. Each lesson's
 * solution (lessons/N-name/solution.ts) is mutated, and every mutant is judged by that lesson, exactly as a
 * learner's file is: `npm run learn -- --lesson NAME --file <the mutant>`. A mutant the lesson passes is a
 * wrong answer a learner could hand in and be told it is right, unless it is equivalent (docs/mutation.md).
 *
 * The command runner switches a mutant on through the environment, which the judge, its children and its
 * workers inherit; one lesson's run is one Stryker run, with an incremental file of its own. The rest of the
 * settings are stryker.config.mjs's.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import type { MutantResult, Position } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';
import type { Lesson } from '../lessons/lesson.ts';
import { folderOf, lessonNamed, lessons } from '../lessons/lessons.ts';
import { boundMs } from './learn/options.ts';
import { typeErrors } from './learn/type-errors.ts';
import { root } from './learn/workspace.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
const names = lessons.map((lesson) => lesson.name);
if (values.help) {
  console.log(`Usage: npm run mutate:lessons -- [--force] [LESSON...]

  LESSON    one of ${names.join(', ')} (every lesson when none is named)
  --force   judges every mutant again, not only those whose code changed since the last run
            (needed after a change to the lesson's checks: the command runner's results name no test file)`);
  process.exit(0);
}
const unknown = positionals.filter((name) => lessonNamed(name) === undefined);
if (unknown.length > 0) {
  console.error(`No lesson named ${unknown.join(', ')}; the lessons: ${names.join(', ')}.`);
  process.exit(2);
}
const chosen = positionals.length === 0 ? lessons : positionals.map((name) => lessonNamed(name) as Lesson);

/** The solution with `mutant` in it, alone: the file a learner would hand in. */
function withMutant(source: string, { location, replacement }: MutantResult): string {
  const lines = source.split('\n');
  // A result's positions count from 1, lines and columns alike, as its report's do.
  const offset = ({ line, column }: Position) => lines.slice(0, line - 1).reduce((sum, each) => sum + each.length + 1, 0) + column - 1;
  return source.slice(0, offset(location.start)) + replacement + source.slice(offset(location.end));
}

/**
 * Whether `npm run learn` refuses `mutant` before it judges it: the lesson type-checks a learner's file first,
 * strictly, but Stryker's instrumented file starts with `// @ts-nocheck`, so a survivor may be a file no
 * learner could hand in. Checked here as the lesson checks it, in a folder beside the lesson's own, so
 * that its imports resolve as the solution's do.
 */
async function refusedToCompile(lesson: Lesson, solution: string, mutant: MutantResult): Promise<boolean> {
  const folder = join(root, 'lessons', `.scratch-mutant-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, lesson.file);
  try {
    writeFileSync(file, withMutant(readFileSync(join(root, solution), 'utf8'), mutant));
    return (await typeErrors(file)).length > 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const scores: string[] = [];
for (const lesson of chosen) {
  const folder = folderOf(lesson);
  const solution = `lessons/${folder}/solution.ts`;
  const results = await new Stryker({
    mutate: [solution],
    testRunner: 'command',
    coverageAnalysis: 'off',
    commandRunner: { command: `node scripts/learn.ts --lesson ${lesson.name} --file ${solution}` },
    force: values.force,
    // Every verdict is the lesson's own: the judge stops code that runs past its bound (60 s) and says so,
    // so Stryker waits past that bound instead of calling a slow verdict a "timeout" it never saw.
    timeoutMS: boundMs + 15_000,
    timeoutFactor: 1,
    incrementalFile: `reports/stryker-incremental-lesson-${folder}.json`,
    htmlReporter: { fileName: `reports/mutation/lesson-${folder}.html` },
    jsonReporter: { fileName: `reports/mutation/lesson-${folder}.json` },
  }).runMutationTest();
  const count = (...statuses: string[]) => results.filter((mutant) => statuses.includes(mutant.status)).length;
  const survivors = results.filter((mutant) => mutant.status === 'Survived' || mutant.status === 'NoCoverage');
  const uncompiled: MutantResult[] = [];
  for (const mutant of survivors) if (await refusedToCompile(lesson, solution, mutant)) uncompiled.push(mutant);
  const detected = count('Killed', 'Timeout') + uncompiled.length;
  const valid = count('Killed', 'Timeout') + survivors.length;
  const how = [
    count('Timeout') === 0 ? '' : `${count('Timeout')} by outlasting the judge's own bound`,
    uncompiled.length === 0 ? '' : `${uncompiled.length} by its type check (${uncompiled.map(({ location }) => `line ${location.start.line}`).join(', ')})`,
  ].filter((each) => each !== '');
  const said = how.length === 0 ? '' : `, ${how.join(' and ')}`;
  scores.push(
    `${solution}: ${detected} of ${valid} mutants rejected by lesson ${lesson.name}${said} (${((100 * detected) / Math.max(valid, 1)).toFixed(1)} %)`,
  );
}
console.log(`\n${scores.join('\n')}`);
