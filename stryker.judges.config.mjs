// `npm run mutate:judges`: how strong the spec is on the code that judges (issue 35):
// the scheduler, the lesson judge and the game, measured as the teaching classes are (stryker.config.mjs,
// whose every other setting holds here too). `npm run mutate:judges -- --mutate scheduler/schedule.ts`
// narrows it to one file.
import classes from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...classes,
  mutate: ['scheduler/*.ts', 'lessons/*.ts', 'scripts/learn/*.ts'],
  // The tools' spec files too (spec/tools/), which `npm run mutate` leaves out, as `npm test` does.
  vitest: { ...classes.vitest, configFile: 'stryker.judges.vitest.config.ts' },
  commandRunner: { command: classes.commandRunner.command.replace('stryker.vitest.config.ts', 'stryker.judges.vitest.config.ts') },
  // Its own results, apart from the classes': a rerun of either reuses only its own.
  incrementalFile: 'reports/stryker-incremental-judges.json',
  htmlReporter: { fileName: 'reports/mutation-judges/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation-judges/mutation.json' },
};
