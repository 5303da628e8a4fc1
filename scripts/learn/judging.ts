/**
 * Each judging runs in a program of its own (lessons/judge.ts), stopped at a bound: code that hangs is
 * reported, never waited on; stopping a judge (a newer save, Ctrl-C) ends everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import type { Progress, Verdict } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { childEnv } from '../../src/runtime/endpoint.ts';
import { killTree } from '../kill-tree.ts';
import { boundMs } from './options.ts';
import { root } from './workspace.ts';

/** A verdict, and what the judged code printed to the judge's own output (a learner's console.log, say). */
export interface Judged extends Verdict {
  readonly printed?: string;
}

export interface Judging {
  readonly verdict: Promise<Judged>;
  readonly stop: () => void;
}

/**
 * A judge in a process group of its own (so that stopping it stops whatever the judged code started), given
 * its lesson and file, or none yet. It starts with the compile cache our children use: its own modules (the
 * lessons, the properties, fast-check) are stripped and compiled once, not at every verdict.
 */
export function startJudge(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const judge = spawn(process.execPath, [join(root, 'lessons', 'judge.ts'), ...args], {
    cwd: root,
    env: { ...childEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  judges.add(judge);
  judge.once('exit', () => judges.delete(judge));
  return judge;
}

/** Every judge still running: in a group of its own, none hears the learner's Ctrl-C, so it is ended here. */
const judges = new Set<ChildProcess>();

/**
 * From now on, the learner's Ctrl-C (or a closed terminal, or a kill) ends the judges, then the program. Asked
 * for by the program that judges: one that starts none (the game) answers those signals its own way.
 */
export function endJudgesOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const judge of judges) killTree(judge.pid);
      // As a shell reports a program ended by a signal: 128 and its number.
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** In watch mode, a judge started ahead and waiting, warm, for the next save. */
let warm: ChildProcess | undefined;

/**
 * Starts the next judge ahead, in watch mode, unless one is waiting already; it warms the lanes `lesson`
 * judges in beside its own (the lesson the next save is likeliest to be of, the one just judged).
 */
export function warmUp(lesson: string): void {
  warm ??= startJudge([], { LEARN_WARM_FOR: lesson });
}

/**
 * Judges `path` as `lesson`'s file in a program of its own; a judging that outlasts `bound` (npm run learn's,
 * unless told) is stopped and reported as a hang.
 */
export function judgeApart(lesson: Lesson, path: string, onProgress: (progress: Progress) => void = () => {}, bound = boundMs): Judging {
  let judge: ChildProcess | undefined;
  const verdict = new Promise<Judged>((done) => {
    if (warm !== undefined && warm.exitCode === null && warm.signalCode === null) {
      judge = warm;
      judge.send([lesson.name, path]);
    } else {
      judge = startJudge([lesson.name, path]);
    }
    warm = undefined;
    let printed = '';
    judge.stdout?.on('data', (chunk) => (printed += chunk));
    judge.stderr?.on('data', (chunk) => (printed += chunk));
    let answer: Verdict | undefined;
    judge.on('message', (message: Verdict | { progress: Progress }) => {
      if ('progress' in message) onProgress(message.progress);
      else answer = message;
    });
    const timer = setTimeout(() => {
      killTree(judge?.pid);
      const failure = {
        failed: `Lesson ${lesson.name}: your code did not finish within ${bound / 1000} s, and was stopped.`,
        mistake: `This is usually ${lesson.hangs}.`,
      };
      done({ lesson: lesson.name, holding: [], failure });
    }, bound);
    judge.on('exit', (code, signal) => {
      clearTimeout(timer);
      // The judge's own runners, and the learner's, go with it.
      killTree(judge?.pid);
      if (answer !== undefined) return done({ ...answer, printed: printed.trim() || undefined });
      const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      const said = printed.trim().split('\n').slice(-12).join('\n');
      done({
        lesson: lesson.name,
        holding: [],
        failure: { failed: `The judging of lesson ${lesson.name} ${how} before its verdict.${said ? `\n${said}` : ''}` },
      });
    });
  });
  return { verdict, stop: () => killTree(judge?.pid) };
}
