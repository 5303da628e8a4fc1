/**
 * What `npm run learn` prints of a verdict (scripts/learn/screens.ts), as a learner reads it: a failure of a
 * claim, of the contract, of a file that cannot be judged yet, of a method not written; with a schedule's
 * story, the learner's own output, a hint, in a watch or not, with --verbose or not; each lesson passed;
 * the progress line. The verdicts are made here, as the judge gives them: what the judge finds is
 * spec/tools/judge.spec.ts and learn.spec.ts. Each screen is pinned as a file in spec/tools/screens/, read
 * in review before it is recorded (`npx vitest run spec/tools/lesson-screens.spec.ts -u`).
 */
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Failure, root } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonNamed, lessons } from '../../lessons/lessons.ts';
import { failureScreen, passScreen, progressLine, whatNext } from '../../scripts/learn/screens.ts';

const named = (name: string) => lessonNamed(name) as Lesson;
const plain = (screen: string) => `${stripVTControlCharacters(screen)}\n`;
const screen = (name: string) => `./screens/lesson.${name}.txt`;
const yours = (lesson: Lesson) => join(root, 'lessons', 'yours', lesson.file);

const lockFailure: Failure = {
  claim: 'lock.mutual-exclusion',
  failed: 'two threads held the lock at once',
  diagnostics: 'thread 2: expected 2 to be 1 // Object.is equality\nthe coordinator saw: nothing',
  mistake: 'Check and take the lock in one step: a load, then a store, lets two threads both see it free.',
  counterexample: 'two threads, each taking the lock once',
  story: [
    'thread 1 loads lock = free (0)',
    'thread 2 loads lock = free (0) (a preemption)',
    'thread 1 stores thread 1 (1) in lock',
    'thread 2 stores thread 2 (2) in lock',
  ],
  schedule: '0,1,0,1',
  look: 'lessons/yours/4-lock.ts:12',
};

describe('A failure', () => {
  it("of a claim under every schedule: what failed, the mistake, the smallest case, the story with the lesson's legend, the replay, where to look", async () => {
    const lock = named('lock');
    await expect(plain(failureScreen(lock, yours(lock), lockFailure, { hint: 0, verbose: false }, undefined))).toMatchFileSnapshot(screen('claim'));
  });

  it('with --verbose: what failed as the checks said it too', async () => {
    const lock = named('lock');
    await expect(plain(failureScreen(lock, yours(lock), lockFailure, { hint: 0, verbose: true }, undefined))).toMatchFileSnapshot(screen('claim.verbose'));
  });

  it('a lesson judged by real processes, in a watch, asked for two hints, the last ten lines the code printed', async () => {
    const pool = named('pool');
    const printed = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const failure: Failure = {
      claim: 'pool.waits',
      failed: 'map settled while a task was still running',
      mistake: 'map must wait for every task: await each runner, not only the first.',
      counterexample: 'a map of 3 items on a pool of 2',
      look: 'lessons/yours/2-pool.ts:31',
    };
    await expect(plain(failureScreen(pool, yours(pool), failure, { hint: 2, verbose: false, watch: true }, printed))).toMatchFileSnapshot(
      screen('claim.watch-hint-printed'),
    );
  });

  it('of the contract, with no mistake the judge knows', async () => {
    const process = named('process');
    const failure: Failure = {
      contract: "join rejects with the task's error, or says how the child ended",
      failed: 'join resolved though the task threw',
      counterexample: 'a task that throws',
      look: 'lessons/yours/1-process.ts:20',
    };
    await expect(plain(failureScreen(process, yours(process), failure, { hint: 0, verbose: true }, undefined))).toMatchFileSnapshot(screen('contract'));
  });

  it('a method not written yet: what to write, and nothing of a mistake or a case', async () => {
    const process = named('process');
    const failure: Failure = {
      claim: 'process.concurrent',
      failed: 'Not written yet: start(): start a child that runs the target',
      notWritten: 'start(): start a child that runs the target',
      counterexample: '3 downloads, of 10 ms, 20 ms, 30 ms',
      look: 'lessons/yours/1-process.ts:9',
    };
    await expect(plain(failureScreen(process, yours(process), failure, { hint: 0, verbose: false }, undefined))).toMatchFileSnapshot(screen('not-written'));
  });

  it('a file that cannot be judged yet', async () => {
    const counter = named('counter');
    const failure: Failure = { failed: 'lessons/yours/3-counter.ts could not be loaded: Unexpected token', look: 'lessons/yours/3-counter.ts:1' };
    await expect(plain(failureScreen(counter, yours(counter), failure, { hint: 1, verbose: false }, undefined))).toMatchFileSnapshot(
      screen('cannot-be-judged'),
    );
  });

  it('a judging that ended before its verdict: nothing to look at', async () => {
    const pool = named('pool');
    const failure: Failure = { claim: 'pool.waits', failed: 'the program judging pool.waits exited with code 7 before its verdict' };
    await expect(plain(failureScreen(pool, yours(pool), failure, { hint: 0, verbose: false }, undefined))).toMatchFileSnapshot(screen('ended-before-verdict'));
  });
});

describe('A lesson passed', () => {
  it.each(lessons.map((lesson) => lesson.name))('%s: each claim, the contract kept, what it taught, ours to compare', async (name) => {
    await expect(plain(passScreen(named(name)))).toMatchFileSnapshot(screen(`passed.${name}`));
  });

  it('a lesson of claims alone says nothing of a contract', () => {
    const lock = named('lock');
    const claimsAlone = { ...lock, checks: lock.checks.filter((check) => check.contract === undefined) };
    expect(plain(passScreen(claimsAlone))).not.toContain('contract');
  });
});

describe('The progress line, and what to do next', () => {
  it.each<[string[], string[], string]>([
    [[], [], 'Progress: 0 of 5 lessons done · 0 of 9 claims hold for your code'],
    [[], ['process.concurrent'], 'Progress: 0 of 5 lessons done · 1 of 9 claims hold for your code'],
    [['process'], ['process.concurrent'], 'Progress: 1 of 5 lessons done · 3 of 9 claims hold for your code'],
    [['process', 'pool'], ['thread.shared-memory'], 'Progress: 2 of 5 lessons done · 5 of 9 claims hold for your code'],
    [['process', 'pool', 'counter', 'lock', 'account'], [], 'Progress: 5 of 5 lessons done · 9 of 9 claims hold for your code'],
  ])('passed %j, holding %j', (passed, holding, line) => {
    expect(stripVTControlCharacters(progressLine(new Set(passed), holding))).toBe(line);
  });

  it('edit and run again, or, in a watch, save', () => {
    const path = yours(named('lock'));
    expect(stripVTControlCharacters(whatNext(path))).toBe(
      'Edit lessons/yours/4-lock.ts, then run npm run learn again (or leave npm run learn -- --watch running).',
    );
    expect(stripVTControlCharacters(whatNext(path, true))).toBe('Edit lessons/yours/4-lock.ts and save it: the watch judges it again.');
  });
});
