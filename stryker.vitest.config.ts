/**
 * `npm test`'s vitest config as a mutation run needs it: the same spec files (not the tools' own, which
 * `npm test` leaves out too), plus two setup files of its own: one fast-check seed, so that a property's
 * test keeps its name from run to run (spec/support/fixed-seed.ts), and the active mutant handed on to the
 * child processes and worker threads the specs start (spec/support/mutant-reaches-children.ts).
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'spec/tools/**'],
      setupFiles: ['spec/support/fixed-seed.ts', 'spec/support/mutant-reaches-children.ts'],
    },
  }),
);
