/**
 * A lesson's hints, as rustlings gives them: a nudge first (the idea, in a few lines, no code), more when
 * asked again, and our answer only when asked for by name (`--solution`) or once the lesson is passed. The
 * answer is lessons/N-name/solution.ts itself, shown whole: it compiles where the learner pastes it (in
 * place of their file), and the meta-spec pastes it there and judges it.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lesson } from './lesson.ts';
import { lessons, solutionFile } from './lessons.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The hint the learner's `asked`-th `--hint` shows (from 1): every part up to it, the last marked new. */
export function hintText(lesson: Lesson, asked: number): string {
  const given = lesson.hints.slice(0, Math.max(1, asked));
  const parts = given.map((part, i) => (i === 0 ? part : `More: ${part}`));
  const left = lesson.hints.length - given.length;
  const next =
    left > 0
      ? `(Ask again, npm run learn -- --hint, for more.)`
      : `(That is every hint. Our answer, whole: npm run learn -- --solution --lesson ${lesson.name})`;
  return [...parts, next].join('\n\n');
}

/** Our answer to `lesson`, whole, as `--solution` shows it: the file, ready to take the place of the learner's. */
export function solutionText(lesson: Lesson): string {
  const path = solutionFile(lesson);
  return [
    `Our answer to lesson ${lessons.indexOf(lesson) + 1}, ${relative(root, path)}: a whole file, it can take the place of yours.`,
    '',
    readFileSync(path, 'utf8').trimEnd(),
  ].join('\n');
}
