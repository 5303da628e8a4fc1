/**
 * A lane: some of a lesson's checks (those of one `lane`, lessons/lesson.ts), judged in a program of their
 * own beside the judge's, which judges lane 0 itself. A program of its own, so that nothing one lane's checks
 * count (what this process started and still runs, a scheduler's threads) is the other's, and both cores
 * work. It is told where the lesson is, the file and its checks over IPC, tells the judge each check's
 * progress and end, skips what an earlier failure made needless, and ends, with what it started, once its
 * checks have.
 */
import { type ChildProcess, fork } from 'node:child_process';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { spawnCost } from '../claims/support/bounds.ts';
import { descendantsOf, killAll as killProcesses } from '../claims/support/process-table.ts';
import { killAll } from '../src/runtime/alive.ts';
import { childEnv } from '../src/runtime/endpoint.ts';
import type { Failure, Progress } from './judge.ts';
import { type Check, checkName, type Lesson } from './lesson.ts';
import { type CheckOptions, type Lane, runChecks } from './run-checks.ts';

type LaneOptions = Pick<CheckOptions, 'quick' | 'boundMs' | 'limitMs'> & {
  /**
   * Once none of its checks is needed, end at once, and what it started with it, rather than after the cases
   * in flight: for a judge that answers without waiting (JudgeOptions.waitForAll false), whose own end ends
   * what is left (its process group, stopped by npm run learn). Meanwhile the cores are the needed checks'.
   */
  readonly stopAtOnce?: boolean;
};

/**
 * What the judge tells a lane: which checks to judge (of the lesson in the module at `lessonAt`), then,
 * perhaps, that those after an index are not needed.
 */
type ToLane =
  | { readonly lessonAt: string; readonly path: string; readonly indexes: readonly number[]; readonly options: LaneOptions }
  | { readonly skipAfter: number };
type FromLane = { readonly progress: Progress } | { readonly failing: number } | { readonly index: number; readonly failure?: Failure };

export interface LaneApart {
  /** Settles once the lane's program has ended. */
  readonly ended: Promise<void>;
  /** The check at `index` failed (in any lane): the lane's checks after it are not needed. */
  skipAfter(index: number): void;
}

function startLane(): ChildProcess {
  // Not tracked among what this process runs (src/runtime/alive.ts): a check that waits until nothing it
  // started still runs must not wait for a lane. Its output is the judge's, as the judged code's is.
  return fork(import.meta.filename, [], { env: childEnv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
}

/** In watch mode, lanes started ahead with their judge, warm by the next save: as many as a lesson has beside the judge's own. */
const spares: ChildProcess[] = [];

export function warmLanes(count: number): void {
  while (spares.length < count) spares.push(startLane());
}

/**
 * Judges `lesson`'s checks at `indexes` in a lane, which loads the lesson from `lessonAt` (the URL of a module
 * whose export `lesson` it is), telling `judge` how each ended. A lane that ends before telling a check it
 * still owed (it crashed, or the judged code ended it) fails that check, saying so.
 */
export function judgeInLane(
  lesson: Lesson,
  lessonAt: string,
  path: string,
  indexes: readonly number[],
  options: LaneOptions,
  onProgress: ((progress: Progress) => void) | undefined,
  judge: Lane,
): LaneApart {
  const lane = spares.shift() ?? startLane();
  const owed = new Set(indexes);
  const send = (message: ToLane) => void lane.send(message, () => {});
  lane.on('message', (message: FromLane) => {
    if ('progress' in message) return onProgress?.(message.progress);
    if ('failing' in message) return judge.failing(message.failing);
    owed.delete(message.index);
    judge.checked(message.index, message.failure);
  });
  const ended = new Promise<void>((resolve) => {
    lane.once('exit', (code, signal) => {
      // The first it owed, in the lesson's order. One after an earlier failure, skipped, changes nothing:
      // the verdict names the earliest.
      const [first] = owed;
      if (first !== undefined) {
        const check = lesson.checks[first] as Check;
        const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
        judge.checked(first, { claim: check.claim, contract: check.contract, failed: `the program judging ${checkName(check)} ${how} before its verdict` });
      }
      resolve();
    });
  });
  send({ lessonAt, path, indexes, options });
  return {
    ended,
    // To a lane that has ended, nothing is sent (send's callback is told so).
    skipAfter: (index) => send({ skipAfter: index }),
  };
}

if (import.meta.main) {
  // As in the judge: work the judged code left unawaited may fail after its check has ended.
  process.on('unhandledRejection', () => {});
  // The judge is gone (it answered, or was stopped): what this lane started goes with it.
  process.once('disconnect', () => {
    killAll();
    process.exit(0);
  });
  let failedAt = Number.POSITIVE_INFINITY;
  const left = new Set<number>();
  let stopAtOnce = false;
  const told = new Promise<Extract<ToLane, { lessonAt: string }>>((resolve) =>
    process.on('message', (message: ToLane) => {
      if (!('skipAfter' in message)) return resolve(message);
      failedAt = Math.min(failedAt, message.skipAfter);
      // None of its checks is needed any more: nothing it runs now can change the verdict.
      if (!stopAtOnce || [...left].some((index) => index <= failedAt)) return;
      killAll();
      killProcesses(descendantsOf() ?? []);
      process.exit(0);
    }),
  );
  const [{ lessonAt, path, indexes, options }] = await Promise.all([told, spawnCost()]);
  for (const index of indexes) left.add(index);
  stopAtOnce = options.stopAtOnce === true;
  const { lesson } = (await import(lessonAt)) as { lesson: Lesson };
  const module = pathToFileURL(path).href;
  const exported = ((await import(module)) as Record<string, unknown>)[lesson.export];
  // Every message is handed over before the lane ends.
  const sent: Promise<void>[] = [];
  const say = (message: FromLane) => sent.push(new Promise<void>((resolve) => process.send?.(message, () => resolve())));
  const onProgress = (progress: Progress) => void say({ progress });
  const lane: Lane = {
    failedAt: () => failedAt,
    failing(index) {
      failedAt = Math.min(failedAt, index);
      say({ failing: index });
    },
    checked(index, failure) {
      left.delete(index);
      if (failure !== undefined) failedAt = Math.min(failedAt, index);
      say({ index, failure });
    },
  };
  await runChecks(lesson, path, exported, { module, name: lesson.export }, indexes, { ...options, onProgress }, lane);
  killAll();
  await Promise.all(sent);
  process.exit(0);
}
