/**
 * `npm run learn`'s options (scripts/learn/options.ts), as it reads them: what each combination means, and
 * each one refused with the rule it breaks and what is allowed. (That a refusal exits with 2 and prints
 * on stderr is spec/tools/learn-cli.spec.ts.)
 */
import { join } from 'node:path';
import process from 'node:process';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../../lessons/judge.ts';
import { boundMs, options, UsageError, usage } from '../../scripts/learn/options.ts';

const argv = process.argv;
afterEach(() => {
  process.argv = argv;
});

/** The options `npm run learn -- ...args` reads. */
function read(...args: string[]) {
  process.argv = [process.execPath, join(root, 'scripts', 'learn.ts'), ...args];
  return options();
}

const file = join(root, 'src', 'lock.ts');
const defaults = { watch: false, hint: false, solution: false, verbose: false, help: false, play: false, challenge: undefined };

describe('What each combination means', () => {
  it.each<[string[], Record<string, unknown>]>([
    [[], {}],
    [['--lesson', 'lock', '--watch', '--hint', '--verbose'], { lesson: 'lock', watch: true, hint: true, verbose: true }],
    [['--lesson', 'lock', '--file', file], { lesson: 'lock', file }],
    [['--solution', '--lesson', 'pool'], { solution: true, lesson: 'pool' }],
    [['--reset', 'pool'], { reset: 'pool' }],
    [['--help'], { help: true }],
    [['--play'], { play: true }],
    [['--play', 'check-then-set', '--moves', '1,2'], { play: true, challenge: 'check-then-set', moves: '1,2' }],
    [['--play', '--file', file, '--lesson', 'lock'], { play: true, file, lesson: 'lock' }],
  ])('%j', (args, meant) => {
    expect(read(...args)).toEqual({ ...defaults, ...meant });
  });
});

describe('Each refused, saying why and what is allowed', () => {
  it.each<[string[], string]>([
    [['lock'], '"lock": npm run learn takes no name without --play (a lesson is --lesson NAME).'],
    [['--play', 'a', 'b'], '--play takes one challenge, not 2: a, b.'],
    [['--moves', '1,2'], '--moves goes with --play NAME: npm run learn -- --play NAME --moves 1,2,1'],
    ...['--watch', '--hint', '--solution', '--reset=pool'].map((flag): [string[], string] => [
      ['--play', 'ours', flag],
      '--play goes with a challenge NAME or --file PATH (and --lesson, --moves), not --watch, --hint, --solution or --reset.',
    ]),
    [['--play', '--file', 'nowhere.ts'], '--file nowhere.ts: no such file.'],
    [['--lesson', 'mutex'], 'There is no lesson "mutex". The lessons are: process, pool, counter, lock, account.'],
    [['--reset', 'mutex'], 'There is no lesson "mutex". The lessons are: process, pool, counter, lock, account.'],
    [['--file', file], '--file needs --lesson NAME: which lesson to judge the file as.'],
    [['--lesson', 'lock', '--file', 'nowhere.ts'], '--file nowhere.ts: no such file.'],
    ...[['--watch'], ['--hint'], ['--lesson', 'lock', '--file', file], ['--reset', 'lock']].map((more): [string[], string] => [
      ['--solution', ...more],
      '--solution shows our answer, and judges nothing: it goes with --lesson NAME alone.',
    ]),
    ...[['--watch'], ['--lesson', 'lock'], ['--file', file, '--lesson', 'lock']].map((more): [string[], string] => [
      ['--reset', 'pool', ...more],
      '--reset NAME stands alone: reset, then run `npm run learn`.',
    ]),
    [
      ['--lessons', 'pool'],
      "Unknown option '--lessons'. The options are --lesson NAME, --watch, --hint, --solution, --verbose, --reset NAME, --file PATH, --play [NAME], --moves KEYS, --help.",
    ],
  ])('%j', (args, why) => {
    let thrown: unknown;
    try {
      read(...args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(why);
  });
});

describe('What --help says', () => {
  it('every lesson with its number, title and file; every option; every challenge; the bound; the exit codes', () => {
    // A line each.
    expect(usage).toMatch(/\n {2}process {2}1\. Process: [^\n]*\(lessons\/yours\/1-process\.ts\)\n {2}pool {5}2\. /);
    expect(usage).toMatch(/\n {2}account {2}5\. [^\n]*\n\nOptions:/);
    expect(usage).toMatch(/\n {2}unlocked-account {2}1\. [^\n]+\n {2}load-then-store {3}2\. /);
    expect(usage).toMatch(/\n {2}ours {14}7\. [^\n]+\n\nCode that runs/);
    expect(usage).toContain(`Code that runs longer than ${boundMs / 1000} s is stopped`);
    expect(boundMs).toBe(Number(process.env.LEARN_BOUND_MS ?? 60_000));
    expect(usage).toContain('It exits with 0 when every lesson it judged passed, 1 when one failed, 2 for a bad option');
  });
});
