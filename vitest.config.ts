import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    reporters: ['default', './spec/support/claims-reporter.ts'],
    // What a passing test printed (a counter-model's counterexample, a witness's tally) is shown only
    // with `npm test -- --silent=false`; a failing test's output is always shown.
    silent: 'passed-only',
    globalSetup: ['spec/support/global-setup.ts'],
    setupFiles: ['spec/support/fast-check.ts', 'spec/support/no-leaks.ts', 'spec/support/measure-per-file.ts', 'spec/support/watchdog.ts'],
    // Two spec files per core: much of a file's time is spent waiting on children and workers (or on a
    // bound a broken implementation is meant to hit), and every quantitative margin derives from costs
    // measured under the load it runs in (claims/support/bounds.ts). Measured on 2 cores: 71 s with one file per core, 54 s with two.
    maxWorkers: 2 * availableParallelism(),
    // Files share their worker's module graph: importing vitest, fast-check and our modules afresh for every
    // file cost about 0.6 s of CPU each. What a file leaves running is still checked after it (no-leaks.ts).
    // `npm run coverage` isolates them again (--isolate): a worker that outlives its file reads every coverage
    // file its children wrote, and once read one a child was still writing (invalid JSON, the run failed).
    isolate: false,
    // Specs import our modules as Node itself does (type stripping), like the children and workers they start.
    experimental: { viteModuleRunner: false },
    // A property runs real processes many times over; the bound is for a hang, not for a slow machine.
    testTimeout: 120_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // Code that runs inside child processes and workers counts too: they inherit NODE_V8_COVERAGE,
      // and write their coverage when they exit normally (never SIGKILL a child whose lines must count).
      autoAttachSubprocess: true,
      reporter: ['text', 'json-summary', 'json'],
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
  },
});
