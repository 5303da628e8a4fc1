/** The learner's workspace: lessons/yours/ (or a scratch folder), its starting files, and the progress kept there. */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline/promises';
import { challenges } from '../../lessons/challenges.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessons, startFile } from '../../lessons/lessons.ts';

export const root = resolve(import.meta.dirname, '..', '..');
/** Where your lessons live. The meta-spec and the bench use a scratch folder beside it (lessons/.scratch-*), leaving yours alone. */
export const workspace = join(root, 'lessons', process.env.LEARN_WORKSPACE ?? 'yours');
export const names = lessons.map((lesson) => lesson.name);

export const shown = (path: string) => relative(root, path);

/** The lessons passed, each with the digest of the file that passed, and the challenges of --play won. */
interface Progress {
  readonly passed: readonly string[];
  /** What each passed lesson's file held when it passed (sha256): a file changed since must pass again. */
  readonly sources: Readonly<Record<string, string>>;
  readonly won: readonly string[];
  /** How many hints of each lesson were asked for: the next `--hint` says one part more. */
  readonly hints: Readonly<Record<string, number>>;
}

/** What a lesson's file holds now, as a digest; `undefined` if it is gone. */
export function sourceOf(path: string): string | undefined {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : undefined;
}

/** The workspace in `folder`: your files, and the progress kept beside them (spec/tools/workspace.spec.ts makes its own). */
export function workspaceIn(folder: string) {
  const progressFile = join(folder, 'progress.json');
  const yours = (lesson: Lesson) => join(folder, lesson.file);

  function progress(): Progress {
    try {
      const read = JSON.parse(readFileSync(progressFile, 'utf8')) as Partial<Progress>;
      return { passed: read.passed ?? [], sources: read.sources ?? {}, won: read.won ?? [], hints: read.hints ?? {} };
    } catch {
      return { passed: [], sources: {}, won: [], hints: {} };
    }
  }

  const keep = (kept: Progress) => writeFileSync(progressFile, `${JSON.stringify(kept, null, 2)}\n`);

  const passedLessons = () => new Set(progress().passed);
  const wonChallenges = () => new Set(progress().won);

  /** Records the lessons passed; `judged`, just judged on your file, passed with what that file holds now. */
  function record(passed: Set<string>, judged?: Lesson): void {
    const kept = progress();
    const sources = Object.fromEntries(names.filter((name) => passed.has(name) && kept.sources[name] !== undefined).map((name) => [name, kept.sources[name]]));
    const source = judged === undefined ? undefined : sourceOf(yours(judged));
    if (judged !== undefined && passed.has(judged.name) && source !== undefined) sources[judged.name] = source;
    keep({ ...kept, passed: names.filter((name) => passed.has(name)), sources });
  }

  return {
    yours,
    passedLessons,
    wonChallenges,
    record,

    /** Copies every lesson's starting file that is not there yet; never one over your work. */
    ensureWorkspace(): void {
      mkdirSync(folder, { recursive: true });
      for (const lesson of lessons) if (!existsSync(yours(lesson))) copyFileSync(startFile(lesson), yours(lesson));
    },

    /** The lessons recorded as passed whose file has changed since (or passed before digests were kept): not passed until judged again. */
    changedSincePassed(): Lesson[] {
      const { passed, sources } = progress();
      return lessons.filter((lesson) => passed.includes(lesson.name) && sources[lesson.name] !== sourceOf(yours(lesson)));
    },

    recordWin(challenge: string): void {
      const won = wonChallenges().add(challenge);
      keep({ ...progress(), won: challenges.map((each) => each.name).filter((name) => won.has(name)) });
    },

    /** One more hint of `lesson` asked for: how many, this one included. */
    askHint(lesson: Lesson): number {
      const kept = progress();
      const asked = (kept.hints[lesson.name] ?? 0) + 1;
      keep({ ...kept, hints: { ...kept.hints, [lesson.name]: asked } });
      return asked;
    },

    firstNotPassed(): Lesson {
      const passed = passedLessons();
      return lessons.find((lesson) => !passed.has(lesson.name)) ?? (lessons.at(-1) as Lesson);
    },

    /** Puts `lesson`'s starting file back in place of yours, once you say yes (asked on `input`); yours is kept beside it. */
    async reset(lesson: Lesson, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
      const path = yours(lesson);
      // A copy an earlier reset kept is never overwritten: the next one gets a number.
      let kept = `${path}.before-reset`;
      for (let copy = 2; existsSync(kept); copy++) kept = `${path}.before-reset-${copy}`;
      const asking = createInterface({ input, output });
      const answer = await asking.question(`Put the starting file back in ${shown(path)}? Yours is kept as ${shown(kept)}. [y/N] `);
      asking.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        output.write('Nothing changed.\n');
        return;
      }
      if (existsSync(path)) renameSync(path, kept);
      copyFileSync(startFile(lesson), path);
      const passed = passedLessons();
      if (passed.delete(lesson.name)) record(passed);
      output.write(`${shown(path)} is the starting file again; yours is ${shown(kept)}.\n`);
    },
  };
}

/** Yours: lessons/yours/ (or LEARN_WORKSPACE's scratch folder). */
export const { yours, ensureWorkspace, passedLessons, record, changedSincePassed, wonChallenges, recordWin, askHint, firstNotPassed, reset } =
  workspaceIn(workspace);
