/** The learner's loop, each lesson's save to its verdict under `npm run learn -- --watch`, a right answer's and a wrong one's: what a learner waits on every save. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import type { Lesson } from '../../lessons/lesson.ts';
import { folderOf, lessons } from '../../lessons/lessons.ts';
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
 * Each lesson's typical wrong answer (lessons/N-name/wrong/): the one a learner is likeliest to write first,
 * whose verdict they wait for most often.
 */
const typicalWrong: Readonly<Record<string, string>> = {
  process: 'join-at-once.ts',
  pool: 'completion-order.ts',
  counter: 'plain-counter.ts',
  lock: 'check-then-set-lock.ts',
  account: 'no-finally-account.ts',
};

/** A right answer (ours) and a wrong one, each against its target: a wrong answer's verdict is wanted sooner, to fix it. */
const answers = [
  { kind: 'right', targetMs: 4_000, source: (lesson: Lesson) => `../../${lesson.ours}` },
  { kind: 'wrong', targetMs: 2_000, source: (lesson: Lesson) => `../${folderOf(lesson)}/wrong/${typicalWrong[lesson.name]}` },
] as const;

/**
 * Median time from a save of `lesson`'s file to its verdict, over `saves` saves, with `npm run learn -- --watch`
 * running. The file re-exports `source` (ours, or a wrong answer), in a scratch workspace beside lessons/yours/,
 * which is left alone.
 */
async function saveToVerdict(lesson: Lesson, source: string, saves: number): Promise<number> {
  const workspace = `.scratch-bench-${process.pid}`;
  const folder = join(root, 'lessons', workspace);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, lesson.file);
  const save = (n: number) => writeFileSync(file, `export { ${lesson.export} } from '${source}'; // save ${n}\n`);
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

/** The section: every lesson, a right answer and a wrong one, each against its target. */
export async function learnSection(table: Table, runs: number): Promise<Facts> {
  const add = table.section(
    "the learner's loop: a save to its verdict, with npm run learn -- --watch (ours, or a typical wrong answer, in the learner's place)",
  );
  for (const lesson of lessons) {
    for (const { kind, targetMs, source } of answers) {
      const label = `lesson ${lessons.indexOf(lesson) + 1}, ${lesson.name}: a ${kind} answer's save to verdict vs the target`;
      measuring(label);
      const took = await saveToVerdict(lesson, source(lesson), Math.min(runs, 5));
      add({
        label,
        a: ms(took),
        b: ms(targetMs),
        ratio: `${(took / targetMs).toFixed(2)}×`,
        target: { text: `≤ ${targetMs / 1000} s`, met: took <= targetMs },
      });
    }
  }
  return {};
}
