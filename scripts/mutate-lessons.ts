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
import process from 'node:process';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import type { Lesson } from '../lessons/lesson.ts';
import { folderOf, lessonNamed, lessons } from '../lessons/lessons.ts';
import { boundMs } from './learn/options.ts';

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
  const detected = count('Killed', 'Timeout');
  const valid = detected + count('Survived', 'NoCoverage');
  const timedOut = count('Timeout') === 0 ? '' : `, ${count('Timeout')} of them by outlasting the judge's own bound`;
  scores.push(
    `${solution}: ${detected} of ${valid} mutants rejected by lesson ${lesson.name}${timedOut} (${((100 * detected) / Math.max(valid, 1)).toFixed(1)} %)`,
  );
}
console.log(`\n${scores.join('\n')}`);
