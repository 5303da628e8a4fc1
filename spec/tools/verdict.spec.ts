/**
 * A verdict claims no more than its checks showed: a check the judge had to stop has not made its runs,
 * whether none of its cases had passed or some had; and a claim one of whose checks failed is not among
 * those that hold, though an earlier check of it passed, nor counted by the progress line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCost } from '../../claims/support/bounds.ts';
import { judge, root } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonClaims, lessonNamed, lessons } from '../../lessons/lessons.ts';
import { progressLine } from '../../scripts/learn/screens.ts';

const named = (name: string) => lessonNamed(name) as Lesson;

describe('A check the judge had to stop is not a pass', () => {
  // process.concurrent's 10 cases each start real processes, wait for the slowest of their downloads (10 ms
  // at least) and for every exit: 60 ms a case at the very least, so 0.5 s stops the check after some of
  // them (here, usually one or two), never after all. Before, a check stopped after some cases was a pass.
  it('ours, stopped before all its cases have run, fails saying judging stopped, not that the claim holds', async () => {
    const { holding, failure } = await judge(named('process'), join(root, 'src', 'process.ts'), { limitMs: 500 });
    expect(holding).toEqual([]);
    expect(failure?.failed).toMatch(/^judging stopped after 0.5 s, with only \d+ of its cases run: the claim is not shown to hold/);
  });

  // A run stopped before any case passed is a failure whatever the judge tells fast-check; one stopped after
  // a case passed is one only because the judge counts an interrupted run as failed. The learner's class
  // passes its first case and is then too slow, by construction (fixtures/lessons/slow-after-first-case-process.ts),
  // so exactly one case has passed when the limit stops the check: given the time of a few children, however loaded.
  it('a class that passes the first case and is too slow for the rest fails at the limit, with one case run, not passed', async () => {
    const lesson = named('process');
    const concurrent = lesson.checks.filter((check) => check.claim === 'process.concurrent');
    const limitMs = 2_000 + 10 * (await spawnCost());
    const path = join(root, 'fixtures', 'lessons', 'slow-after-first-case-process.ts');
    const { holding, failure } = await judge({ ...lesson, checks: concurrent }, path, { limitMs });
    expect(holding).toEqual([]);
    expect(failure?.claim).toBe('process.concurrent');
    expect(failure?.failed).toMatch(/^judging stopped after [\d.]+ s, with only 1 of its cases run: the claim is not shown to hold/);
  });
});

describe('A claim holds only if every check of it passed', () => {
  // Lesson 3 checks thread.shared-memory twice: under every schedule, then by hammering. A counter of 16
  // bits passes the first (its counts are a few) and fails the second (millions of increments wrap it).
  it('a counter that passes the schedules and fails the hammer: the claim is told as failed, and neither the verdict nor the progress line counts it', async () => {
    const lesson = named('counter');
    expect(lesson.checks.flatMap((check) => check.claim ?? [])).toEqual(['thread.shared-memory', 'thread.shared-memory']);
    const { holding, failure } = await judge(lesson, join(root, 'fixtures', 'lessons', 'int16-counter.ts'));
    expect(failure?.claim).toBe('thread.shared-memory');
    expect(failure?.counterexample, 'the failing check is the hammer, the second').toMatch(/^found by hammering/);
    expect(holding).toEqual([]);
    expect(progressLine(new Set(), holding)).toContain(`0 of ${lessons.length} lessons done · 0 of ${lessonClaims.length} claims hold`);
  });
});
