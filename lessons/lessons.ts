/**
 * The learning path: the document's claims as five lessons, in its order. Each lesson is a folder,
 * lessons/N-name/: its data (lesson.ts), the file the learner starts from (start.ts), our solution
 * (solution.ts) and typical wrong answers (wrong/). Each is judged by the very claim properties `npm test`
 * runs on src/ (claims/properties/), and by the same witness. This file only lists them, in order.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lesson as process } from './1-process/lesson.ts';
import { lesson as pool } from './2-pool/lesson.ts';
import { lesson as counter } from './3-counter/lesson.ts';
import { lesson as lock } from './4-lock/lesson.ts';
import { lesson as account } from './5-account/lesson.ts';
import type { Lesson } from './lesson.ts';

const lessonsDir = dirname(fileURLToPath(import.meta.url));

export const lessons: readonly Lesson[] = [process, pool, counter, lock, account];

/** A lesson's folder in lessons/: its starting file, its solution, its typical wrong answers. */
export const folderOf = (lesson: Lesson) => lesson.file.replace(/\.ts$/, '');
export const startFile = (lesson: Lesson) => join(lessonsDir, folderOf(lesson), 'start.ts');
export const solutionFile = (lesson: Lesson) => join(lessonsDir, folderOf(lesson), 'solution.ts');
export const wrongAnswerFile = (lesson: Lesson, file: string) => join(lessonsDir, folderOf(lesson), 'wrong', file);
/** Where a lesson's data is, as a URL: its folder's lesson.ts, whose export `lesson` it is (a lane loads it there: lessons/lane.ts). */
export const lessonModule = (lesson: Lesson) => pathToFileURL(join(lessonsDir, folderOf(lesson), 'lesson.ts')).href;

/** The lesson a file is of: named as the lesson's file is (4-lock.ts), or kept in its folder (lessons/4-lock/solution.ts). */
export function lessonOfFile(path: string): Lesson | undefined {
  const parts = path.split(/[\\/]/);
  return lessons.find((lesson) => parts.at(-1) === lesson.file || parts.includes(folderOf(lesson)));
}

export function lessonNamed(name: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.name === name);
}

/** Every claim the path judges, each once, in the lessons' order. */
export const lessonClaims: readonly string[] = [...new Set(lessons.flatMap((lesson) => lesson.checks.flatMap((check) => check.claim ?? [])))];
