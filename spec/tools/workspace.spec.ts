/**
 * The learner's workspace (scripts/learn/workspace.ts), in a scratch folder of its own: the starting files
 * copied, never over the learner's work; the lessons passed kept with what their file held, so that a file
 * changed since must pass again; hints counted; challenges won kept in the game's order; the first lesson
 * not passed; a reset that asks first and keeps the learner's file. (`npm run learn` on it, in a terminal,
 * is spec/tools/learn-cli.spec.ts.)
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonNamed, lessons, startFile } from '../../lessons/lessons.ts';
import { root, sourceOf, workspaceIn } from '../../scripts/learn/workspace.ts';

const named = (name: string) => lessonNamed(name) as Lesson;
const folder = join(root, 'lessons', `.scratch-workspace-${process.pid}`);
let workspace = workspaceIn(folder);
const progressFile = join(folder, 'progress.json');
const progress = () => JSON.parse(readFileSync(progressFile, 'utf8'));

beforeEach(() => {
  rmSync(folder, { recursive: true, force: true });
  workspace = workspaceIn(folder);
  workspace.ensureWorkspace();
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('The starting files', () => {
  it('copies each lesson’s starting file, and never one over the learner’s work', () => {
    for (const lesson of lessons) expect(readFileSync(workspace.yours(lesson), 'utf8')).toBe(readFileSync(startFile(lesson), 'utf8'));
    writeFileSync(workspace.yours(named('lock')), 'mine');
    rmSync(workspace.yours(named('pool')));
    workspace.ensureWorkspace();
    expect(readFileSync(workspace.yours(named('lock')), 'utf8')).toBe('mine');
    expect(readFileSync(workspace.yours(named('pool')), 'utf8')).toBe(readFileSync(startFile(named('pool')), 'utf8'));
  });
});

describe('Progress', () => {
  it('none kept yet, or unreadable: nothing passed, nothing won, lesson 1 first', () => {
    expect([...workspace.passedLessons()]).toEqual([]);
    expect([...workspace.wonChallenges()]).toEqual([]);
    expect(workspace.firstNotPassed().name).toBe('process');
    writeFileSync(progressFile, '{ not json');
    expect([...workspace.passedLessons()]).toEqual([]);
    expect(workspace.changedSincePassed()).toEqual([]);
    writeFileSync(progressFile, '{}');
    expect(workspace.askHint(named('pool'))).toBe(1);
    expect(progress()).toEqual({ passed: [], sources: {}, won: [], hints: { pool: 1 } });
  });

  it('a lesson passed is kept with what its file held; another lesson’s digest is kept; one no longer passed is dropped', () => {
    const [process1, pool, counter] = [named('process'), named('pool'), named('counter')];
    workspace.record(new Set(['pool', 'process']), process1);
    workspace.record(new Set(['process', 'pool']), pool);
    expect(progress()).toEqual({
      passed: ['process', 'pool'],
      sources: { process: sourceOf(workspace.yours(process1)), pool: sourceOf(workspace.yours(pool)) },
      won: [],
      hints: {},
    });
    workspace.record(new Set(['pool', 'counter']), counter);
    expect(progress().passed).toEqual(['pool', 'counter']);
    expect(Object.keys(progress().sources)).toEqual(['pool', 'counter']);
    // Recorded without a lesson just judged: the digests kept are kept, no new one is made.
    workspace.record(new Set(['pool', 'counter', 'lock']));
    expect(progress().passed).toEqual(['pool', 'counter', 'lock']);
    expect(Object.keys(progress().sources)).toEqual(['pool', 'counter']);
    expect(workspace.firstNotPassed().name).toBe('process');
  });

  it('a lesson judged and failed is kept as not passed, and no digest of it is made', () => {
    workspace.record(new Set(['pool']), named('process'));
    expect(progress()).toEqual({ passed: ['pool'], sources: {}, won: [], hints: {} });
  });

  it('a file gone has no digest: its lesson passed is not recorded with one', () => {
    rmSync(workspace.yours(named('lock')));
    workspace.record(new Set(['lock']), named('lock'));
    expect(progress()).toEqual({ passed: ['lock'], sources: {}, won: [], hints: {} });
    expect(sourceOf(workspace.yours(named('lock')))).toBeUndefined();
  });

  it('a lesson whose file changed since it passed, or that passed before digests were kept, must pass again', () => {
    workspace.record(new Set(['process', 'pool']), named('process'));
    workspace.record(new Set(['process', 'pool']), named('pool'));
    expect(workspace.changedSincePassed()).toEqual([]);
    writeFileSync(workspace.yours(named('pool')), 'changed');
    expect(workspace.changedSincePassed().map((lesson) => lesson.name)).toEqual(['pool']);
    workspace.record(new Set(['process', 'pool', 'counter']));
    expect(workspace.changedSincePassed().map((lesson) => lesson.name)).toEqual(['pool', 'counter']);
  });

  it('every lesson passed: the first not passed is the last', () => {
    workspace.record(new Set(lessons.map((lesson) => lesson.name)));
    expect(workspace.firstNotPassed().name).toBe('account');
  });

  it('hints are counted for each lesson, and kept with the rest', () => {
    workspace.record(new Set(['process']), named('process'));
    expect([workspace.askHint(named('pool')), workspace.askHint(named('pool')), workspace.askHint(named('lock'))]).toEqual([1, 2, 1]);
    expect(progress()).toMatchObject({ passed: ['process'], hints: { pool: 2, lock: 1 } });
    expect(progress().sources.process).toBe(sourceOf(workspace.yours(named('process'))));
  });

  it('challenges won are kept once each, in the game’s order, with the rest', () => {
    workspace.record(new Set(['process']));
    for (const challenge of ['ours', 'check-then-set', 'ours']) workspace.recordWin(challenge);
    expect(progress()).toMatchObject({ passed: ['process'], won: ['check-then-set', 'ours'] });
    expect([...workspace.wonChallenges()]).toEqual(['check-then-set', 'ours']);
  });

  it('kept as JSON a person can read, ending with a new line', () => {
    workspace.askHint(named('pool'));
    expect(readFileSync(progressFile, 'utf8')).toBe('{\n  "passed": [],\n  "sources": {},\n  "won": [],\n  "hints": {\n    "pool": 1\n  }\n}\n');
  });
});

describe('A reset', () => {
  /** Resets `lesson`, answering `answer`: what it said. */
  async function resetting(lesson: Lesson, answer: string): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let said = '';
    output.on('data', (chunk) => (said += chunk));
    const done = workspace.reset(lesson, input, output);
    input.end(answer);
    await done;
    return said;
  }

  it('asks first; anything but yes changes nothing', async () => {
    const lock = named('lock');
    writeFileSync(workspace.yours(lock), 'mine');
    for (const answer of ['n\n', '\n', 'yess\n', 'no, y\n']) {
      expect(await resetting(lock, answer)).toBe(
        `Put the starting file back in lessons/.scratch-workspace-${process.pid}/4-lock.ts? Yours is kept as lessons/.scratch-workspace-${process.pid}/4-lock.ts.before-reset. [y/N] Nothing changed.\n`,
      );
      expect(readFileSync(workspace.yours(lock), 'utf8')).toBe('mine');
    }
  });

  it('yes: the starting file again, the learner’s kept beside it (never over a copy kept before), the lesson no longer passed', async () => {
    const lock = named('lock');
    const path = workspace.yours(lock);
    workspace.record(new Set(['process', 'lock']), lock);
    writeFileSync(path, 'first');
    expect(await resetting(lock, 'y\n')).toMatch(/ is the starting file again; yours is lessons\/\.scratch-workspace-\d+\/4-lock\.ts\.before-reset\.\n$/);
    writeFileSync(path, 'second');
    await resetting(lock, ' YES \n');
    writeFileSync(path, 'third');
    await resetting(lock, 'Y\n');
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(startFile(lock), 'utf8'));
    expect(['.before-reset', '.before-reset-2', '.before-reset-3'].map((kept) => readFileSync(`${path}${kept}`, 'utf8'))).toEqual(['first', 'second', 'third']);
    expect(progress().passed).toEqual(['process']);
  });

  it('yes, the learner’s file gone: the starting file, nothing kept; a lesson not passed stays so', async () => {
    const lock = named('lock');
    workspace.record(new Set(['process']), named('process'));
    const before = readFileSync(progressFile, 'utf8');
    rmSync(workspace.yours(lock));
    await resetting(lock, 'y\n');
    expect(readFileSync(workspace.yours(lock), 'utf8')).toBe(readFileSync(startFile(lock), 'utf8'));
    expect(existsSync(`${workspace.yours(lock)}.before-reset`)).toBe(false);
    expect(readFileSync(progressFile, 'utf8')).toBe(before);
  });
});
