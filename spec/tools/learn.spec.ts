/**
 * The learning path is judged honestly, both ways: every lesson's starting file fails and says what to
 * write; ours (src/) in the learner's place passes every lesson; typical wrong answers (fixtures/lessons/)
 * are rejected, each naming its mistake. `npm run learn` itself is spec/tools/learn-cli.spec.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, root } from '../../lessons/judge.ts';
import { type Lesson, lessonNamed, lessons } from '../../lessons/lessons.ts';

const named = (name: string) => lessonNamed(name) as Lesson;

describe('The lessons (lessons/): judged by the claim properties, honestly both ways', () => {
  for (const lesson of lessons) {
    it(`lesson ${lesson.name}: its starting file fails, saying what to write, and ours (${lesson.ours}) passes every claim`, async () => {
      const start = await judge(lesson, join(root, 'lessons', 'start', lesson.file));
      const failure = start.failure;
      expect(failure, 'the starting file passed').toBeDefined();
      // It says what to write (or, for the account, the document's own mistake), and where.
      expect(failure?.notWritten ?? failure?.mistake, `what to write, for ${JSON.stringify(failure)}`).toBeDefined();
      expect(failure?.look).toMatch(new RegExp(`^lessons/start/${lesson.file}:\\d+$`));
      expect(failure?.failed).not.toMatch(/ at .*\(file:/);
      const passed = await judge(lesson, join(root, lesson.ours), { quick: true });
      expect(passed.failure, JSON.stringify(passed.failure)).toBeUndefined();
      expect(passed.holding).toEqual([...new Set(lesson.checks.map((check) => check.claim))]);
    });
  }
});

describe('A check the judge had to stop is not a pass', () => {
  // process.concurrent's 10 cases each start real processes, wait for the slowest of their downloads (10 ms
  // at least) and for every exit: 60 ms a case at the very least, so 0.5 s stops the check after some of
  // them (here, usually one or two), never after all. Before, a check stopped after some cases was a pass.
  it('ours, stopped before all its cases have run, fails saying judging stopped, not that the claim holds', async () => {
    const { holding, failure } = await judge(named('process'), join(root, 'src', 'process.ts'), { limitMs: 500 });
    expect(holding).toEqual([]);
    expect(failure?.failed).toMatch(/^judging stopped after 0.5 s, with only \d+ of its cases run: the claim is not shown to hold/);
  });
});

/** Each typical wrong answer, the lesson it answers, and what its rejection must name. */
const wrongAnswers: readonly { file: string; lesson: string; claim: string; mistake: RegExp; story?: boolean }[] = [
  { file: 'join-at-once.ts', lesson: 'process', claim: 'process.concurrent', mistake: /join\(\) returned while the child was still running/ },
  { file: 'eager-map.ts', lesson: 'pool', claim: 'pool.waits', mistake: /map\(\) resolved before all its tasks had ended/ },
  { file: 'completion-order.ts', lesson: 'pool', claim: 'pool.waits', mistake: /not in the items' order/ },
  { file: 'module-level-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /a module-level variable/ },
  { file: 'plain-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /Increments were lost/ },
  { file: 'check-then-set-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /checking that it is free and then setting it/, story: true },
  { file: 'silent-release-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /release\(\) must wake a sleeper/, story: true },
  { file: 'no-finally-account.ts', lesson: 'account', claim: 'lock.release-on-error', mistake: /release it in `finally`/, story: true },
];

describe('Typical wrong answers (fixtures/lessons/) are rejected, each naming its mistake', () => {
  for (const { file, lesson, claim, mistake, story } of wrongAnswers) {
    it(`lesson ${lesson} rejects fixtures/lessons/${file}, by ${claim}`, async () => {
      const { failure } = await judge(named(lesson), join(root, 'fixtures', 'lessons', file));
      expect(failure?.claim, JSON.stringify(failure)).toBe(claim);
      expect(failure?.mistake ?? `no mistake named, for ${JSON.stringify(failure)}`).toMatch(mistake);
      expect(failure?.look).toMatch(new RegExp(`^fixtures/lessons/${file}:\\d+$`));
      // A schedule's fault is told step by step, with the schedule that replays it.
      if (story) expect(failure?.story?.length, 'steps in the story').toBeGreaterThan(1);
      if (story) expect(failure?.schedule).toMatch(/^\d(,\d)*$/);
    });
  }
});
