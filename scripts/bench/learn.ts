/**
 * The learner's loop, timed as a learner meets it: `npm run learn -- --watch` running, a lesson's file
 * saved, and the verdict printed. Ours stands in the learner's place (it passes), in a scratch
 * workspace beside lessons/yours/, which is left alone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import type { Lesson } from '../../lessons/lesson.ts';
import { median } from './measure.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** Resolves the next time `child` prints `text`. */
function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((done) => {
    let seen = '';
    const look = (chunk: Buffer) => {
      seen += chunk;
      if (!seen.includes(text)) return;
      child.stdout?.off('data', look);
      done();
    };
    child.stdout?.on('data', look);
  });
}

/** Median time from a save of `lesson`'s file to its verdict, over `saves` saves, with `npm run learn -- --watch` running. */
export async function saveToVerdict(lesson: Lesson, saves: number): Promise<number> {
  const workspace = `.scratch-bench-${process.pid}`;
  const folder = join(root, 'lessons', workspace);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, lesson.file);
  const ours = `../../${lesson.ours}`;
  const save = (n: number) => writeFileSync(file, `export { ${lesson.export} } from '${ours}'; // save ${n}\n`);
  save(0);
  const learn = spawn(process.execPath, [join(root, 'scripts', 'learn.ts'), '--watch', '--lesson', lesson.name], {
    env: { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await printed(learn, 'for saves');
    const took: number[] = [];
    for (let n = 1; n <= saves; n++) {
      // Both awaited lines may come in one chunk: listen for both before the save.
      const verdict = printed(learn, 'judged in');
      const watching = printed(learn, 'for saves');
      const saved = performance.now();
      save(n);
      await verdict;
      took.push(performance.now() - saved);
      await watching;
    }
    return median(took);
  } finally {
    learn.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}
