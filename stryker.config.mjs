// `npm run mutate`: how strong the spec is, measured by Stryker (docs/mutation.md). One file:
// `npm run mutate -- --mutate src/lock.ts`. Each setting says why it is set.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The teaching classes at the top of src/; the runtime machinery beneath them is judged through them.
  mutate: ['src/*.ts'],
  testRunner: 'vitest',
  vitest: {
    // npm test's config plus the setup file that lets a mutant reach our children and workers.
    configFile: 'stryker.vitest.config.ts',
    // Every spec file runs in the dry run, not only those that import the mutated file (vitest --related):
    // a model loads the class it judges by module URL and export name (a ClassRef), which no import graph
    // shows, so `related` left the SharedCounter model out of its mutants' runs and let `increment() {}`
    // live. Each mutant is still judged only by the tests that ran its code (coverageAnalysis below).
    related: false,
    // npm test runs spec files in child processes (vitest's default pool), so does a mutation run.
    pool: 'forks',
  },
  // `--testRunner command`: one whole vitest run per mutant, the mutant switched on through the environment,
  // which our children and workers inherit. The vitest runner above sees only the code the spec files run
  // in their own process (a deposit runs in a worker): the command runner is the honest judge of the rest.
  // MUTATE_SPECS narrows it to the spec files named (vitest's filters), e.g. the ones the vitest runner
  // found related; unset, it is npm test's whole suite. --bail=1: a mutant is killed by its first failure.
  commandRunner: { command: `node scripts/vitest.ts run --config stryker.vitest.config.ts --bail=1 ${process.env.MUTATE_SPECS ?? ''}`.trim() },
  // Only the tests that ran a mutant's code judge it: a whole-suite run per mutant would take hours here.
  // A mutant whose code runs only in a child or a worker is seen by none of them (their coverage does not
  // come back), and is reported "no coverage": counted against the score, never as killed.
  coverageAnalysis: 'perTest',
  // Stryker rewrites tsconfig.json in its sandbox through TypeScript's JavaScript API, which the
  // `typescript` 7 package no longer has (`ts.parseConfigFileTextToJson is not a function`). Node strips our
  // types itself and no build reads the tsconfig, so a file that does not exist makes Stryker skip it.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  // No typescript-checker: it needs the same API; a mutant that does not type-check still runs, and is
  // killed by the tests or reported as a survivor to read.
  checkers: [],
  // Nothing here type-checks the sandbox, so no `// @ts-nocheck` need be put at the top of every file there.
  // Put in, it moved each file's lines down by two: places and source lines the specs read (the board's
  // screens, spec/tools/board.spec.ts) then named lines other than the ones a learner sees.
  disableTypeChecks: false,
  // Static mutants (module-level constants, class fields) are kept: `self = threadId + 1` in the lock is one.
  ignoreStatic: false,
  // A rerun after a small change tests only the mutants it touches. The file stays out of git (reports/
  // is ignored): its results depend on the machine and on the other branches' code, and every run rewrites it.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Two cores, shared: one test runner at a time (`--concurrency 2` when the machine is yours).
  concurrency: 1,
  // The sandbox needs no coverage output and no learner's files.
  ignorePatterns: ['/coverage', '/lessons/yours', '/lessons/.scratch-*'],
};
