/**
 * A lesson's hint, as the learner reads it: its prose, and between the lines, parts of the lesson's
 * solution (lessons/N-name/solution.ts) read from the file itself. The code a hint shows is the code the
 * meta-spec judges, so a hint cannot teach what the solution does not do.
 */
import { readFileSync } from 'node:fs';
import type { Lesson } from './lesson.ts';
import { solutionFile } from './lessons.ts';
import { memberLines } from './source.ts';

/** A line of prose, or a member of the solution's class shown as written: whole, or only its body. */
export type HintPart = string | { readonly shows: string; readonly body?: true };

/** Code is shown indented by four spaces, whatever its indent in the file. */
function indented(lines: readonly string[]): string[] {
  const least = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)?.[0].length ?? 0));
  return lines.map((line) => (line.trim() === '' ? '' : `    ${line.slice(least)}`));
}

export function hintText(lesson: Lesson): string {
  const solution = readFileSync(solutionFile(lesson), 'utf8');
  return lesson.hint
    .flatMap((part) => (typeof part === 'string' ? [part] : indented(memberLines(solution, part.shows, { body: part.body === true }))))
    .join('\n');
}
