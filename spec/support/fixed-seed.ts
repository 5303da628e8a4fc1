/**
 * Under `npm run mutate` only (stryker.vitest.config.ts): one fast-check seed for every property. A
 * property's test is named with its seed (`… (with seed=…)`), and Stryker finds a test again by its name:
 * from the dry run that found which tests run a mutant's code to each mutant's run, and from one run to the
 * next in incremental mode. A random seed renamed every property each time, so a mutant ran no test and
 * "survived". It also judges every mutant by the same cases.
 */
import * as fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20_251_206 });
