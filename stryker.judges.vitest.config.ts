/**
 * `npm run mutate:judges`'s vitest config: `npm run mutate`'s (stryker.vitest.config.ts), with the tools'
 * own spec files (spec/tools/) no longer left out: they are what judge the lesson judge and the game.
 */
import { configDefaults } from 'vitest/config';
import classes from './stryker.vitest.config.ts';

export default { ...classes, test: { ...classes.test, exclude: configDefaults.exclude } };
