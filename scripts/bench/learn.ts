/** The learner's loop, each lesson's save to its verdict under `npm run learn -- --watch`: what a learner waits on every save. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessons } from '../../lessons/lessons.ts';
import { ms } from './format.ts';
import { median } from './measure.ts';
import { measuring, run } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Table } from './table.ts';

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

/**
 * Median time from a save of `lesson`'s file to its verdict, over `saves` saves, with `npm run learn -- --watch`
 * running. Ours stands in the learner's place (it passes), in a scratch workspace beside lessons/yours/, which
 * is left alone.
 */
async function saveToVerdict(lesson: Lesson, saves: number): Promise<number> {
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
      run(n, saves);
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

/** The section: every lesson against its target, 3 s for the first three lessons and 5 s for the last two. */
export async function learnSection(table: Table, runs: number): Promise<Facts> {
  const add = table.section("the learner's loop: a save to its verdict, with npm run learn -- --watch (ours in the learner's place)");
  for (const lesson of lessons) {
    const targetMs = lessons.indexOf(lesson) < 3 ? 3_000 : 5_000;
    const label = `lesson ${lessons.indexOf(lesson) + 1}, ${lesson.name}: save to verdict vs the target`;
    measuring(label);
    const took = await saveToVerdict(lesson, Math.min(runs, 5));
    add({
      label,
      a: ms(took),
      b: ms(targetMs),
      ratio: `${(took / targetMs).toFixed(2)}×`,
      target: { text: `≤ ${targetMs / 1000} s`, met: took <= targetMs },
    });
  }
  return {};
}
