/**
 * `npm run mutate:judges`'s vitest config: `npm run mutate`'s (stryker.vitest.config.ts), with the tools'
 * own spec files (spec/tools/) no longer left out: they are what judge the lesson judge and the game.
 * MUTATE_SPECS (spec files, apart by spaces) narrows the first test run to them, as it narrows each run of
 * the command runner: the whole suite's first run takes four and a half minutes here, and the game's
 * mutants are judged by a few files of spec/tools/ alone.
 */
import process from 'node:process';
import { configDefaults } from 'vitest/config';
import classes from './stryker.vitest.config.ts';

const named = process.env.MUTATE_SPECS?.split(/\s+/).filter((file) => file !== '');

export default {
  ...classes,
  test: { ...classes.test, include: named ?? classes.test?.include, exclude: configDefaults.exclude },
};
