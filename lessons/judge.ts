/**
 * Judges one lesson's file with the lesson's checks and names the first, in the lesson's order, that
 * fails, saying why as a learner reads it (lessons/run-checks.ts). The checks run in lanes, side by side:
 * the verdict is given as soon as it is settled, and the same whatever lane ends first.
 *
 * `npm run learn` runs it as a program of its own (`node lessons/judge.ts LESSON FILE`, or without
 * arguments, told them over IPC once warm), so that code that hangs can be stopped; it answers over IPC.
 * The meta-spec calls `judge` directly.
 */
import { relative } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { forgetSharedRuns } from '../claims/properties/runnables.ts';
import { spawnCost } from '../claims/support/bounds.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';
import { killAll } from '../src/runtime/alive.ts';
import { judgeInLane, type LaneApart, warmLanes } from './lane.ts';
import type { Lesson } from './lesson.ts';
import { lessonModule, lessonNamed, lessons } from './lessons.ts';
import { type Lane, lookAt, root, runChecks } from './run-checks.ts';

export { inWords, root } from './run-checks.ts';

export interface Failure {
  /** The claim whose check failed; none when the file could not be loaded, or when it was the contract's. */
  readonly claim?: string;
  /** What the contract our class keeps promises, when its check failed. */
  readonly contract?: string;
  /** What failed, in the lesson's words: an assertion's own words and values, never the test runner's phrasing. */
  readonly failed: string;
  /** What failed, as the checks and the scheduler said it, when the lesson's words leave something out: shown with --verbose. */
  readonly diagnostics?: string;
  /** What the starting file still asks for: `start(): start a child ...`. */
  readonly notWritten?: string;
  readonly mistake?: string;
  readonly counterexample?: string;
  /** A schedule's steps, one a line, and the schedule that replays it: `SCHEDULE=0,0,1,1` (the thread, from 0, of each step). */
  readonly story?: readonly string[];
  readonly schedule?: string;
  /** The line to look at: `lessons/yours/2-pool.ts:31`. */
  readonly look?: string;
}

export interface Verdict {
  readonly lesson: string;
  /** The claims whose checks all passed, in order. */
  readonly holding: readonly string[];
  /** What of the contract our class keeps, beyond the claims, was kept: each check's `contract`, in order. */
  readonly kept?: readonly string[];
  /** Absent when every check passed. */
  readonly failure?: Failure;
}

/** What the judge tells while it judges, so that the learner is never left looking at nothing: a check begun, a case of it passed, a check ended. */
export type Progress = (
  | { readonly check: string; readonly state: 'started'; readonly of: number | undefined }
  | { readonly check: string; readonly state: 'held' | 'failed' }
  | { readonly check: string; readonly state: 'case'; readonly passed: number; readonly of: number }
) & {
  /** The check's place in the lesson: two checks of one claim (under every schedule, and in real threads) may run at once, in two lanes. */
  readonly index?: number;
};

export interface JudgeOptions {
  /** Told of each check as it starts and ends, and of each case it passes (`npm run learn` shows them). */
  readonly onProgress?: (progress: Progress) => void;
  /** How long a property waits for what never comes before it fails (see CheckOptions): one bound, boundFor(), unless told. */
  readonly boundMs?: number;
  /**
   * Once the verdict is settled, wait for the checks still running (those no longer needed stop after
   * their case in flight) and for the lanes to end before answering (true), or answer at once (false:
   * for a judge that exits right after, which ends them and its lanes).
   */
  readonly waitForAll?: boolean;
  /**
   * Each property on its examples and two generated cases, and one short hammering: enough to show that
   * the judge's wiring accepts a correct file. Only for ours, in the meta-spec (spec/tools/learn.spec.ts): the
   * claim specs run the same properties in full on the same code. A learner's file is always judged in full.
   */
  readonly quick?: boolean;
  /**
   * Where the lesson is, for its lanes, which load it there: the URL of a module whose export `lesson` it
   * is. A lesson lessons/lessons.ts lists is found in its folder; one made elsewhere (a spec's) is judged in
   * its lanes when told where it is, and in the judge's own program alone when not.
   */
  readonly lessonAt?: string;
  /**
   * How long one check may run, its shrinking included, unless told: 15 s (a lesson's check takes 1 to
   * 4 s here, quiet), or 100 times what starting a child costs here and now, if more: on a machine busy
   * enough to make a child cost more than 150 ms, the same check takes longer, and is given longer.
   */
  readonly limitMs?: number;
}

/** Judges `path` (a learner's file, a starting file, ours in src/, or a wrong answer) as `lesson`'s file. */
export async function judge(lesson: Lesson, path: string, options: JudgeOptions = {}): Promise<Verdict> {
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(path).href)) as Record<string, unknown>)[lesson.export];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      lesson: lesson.name,
      holding: [],
      failure: { failed: `${relative(root, path)} could not be loaded: ${message}`, look: lookAt(path, error, lesson.export) },
    };
  }
  if (typeof exported !== 'function') {
    return {
      lesson: lesson.name,
      holding: [],
      failure: {
        failed: `${relative(root, path)} exports no class \`${lesson.export}\`: the judge needs \`export class ${lesson.export}\``,
        look: lookAt(path, undefined, lesson.export),
      },
    };
  }
  const ref = { module: pathToFileURL(path).href, name: lesson.export };
  try {
    return await judgeChecks(lesson, path, exported, ref, options);
  } finally {
    // What the judged code left running (a pool it never stopped) is ended with its verdict: the next
    // judging, in this process (the meta-spec's), would count it as its own; nor may it share its runs.
    killAll();
    forgetSharedRuns();
  }
}

/**
 * The verdict, once the checks told so far settle it: every check held, or one failed and each before it,
 * in the lesson's order, held. Undefined while a check it depends on is still running.
 */
function verdictOf(lesson: Lesson, checked: ReadonlyMap<number, Failure | undefined>): Verdict | undefined {
  const holding: string[] = [];
  const kept: string[] = [];
  for (const [index, check] of lesson.checks.entries()) {
    if (!checked.has(index)) return undefined;
    const failure = checked.get(index);
    if (failure !== undefined) return { lesson: lesson.name, holding: holding.filter((claim) => claim !== check.claim), kept, failure };
    if (check.claim !== undefined && !holding.includes(check.claim)) holding.push(check.claim);
    if (check.contract !== undefined) kept.push(check.contract);
  }
  return { lesson: lesson.name, holding, kept };
}

/**
 * Runs the lesson's checks, each lane's beside the others (lane 0 here, each other in a program of its
 * own: lessons/lane.ts), and answers as soon as the verdict is settled. A lesson given whole, as
 * lessons/lessons.ts lists it, or one whose module the judge is told, runs in its lanes; one made for the
 * occasion (a few of a lesson's checks) runs here alone.
 */
async function judgeChecks(lesson: Lesson, path: string, exported: unknown, ref: ClassRef, options: JudgeOptions): Promise<Verdict> {
  const at = options.lessonAt ?? (lessonNamed(lesson.name) === lesson ? lessonModule(lesson) : undefined);
  const lanes = new Map<number, number[]>();
  for (const [index, check] of lesson.checks.entries()) {
    const lane = at === undefined ? 0 : (check.lane ?? 0);
    lanes.set(lane, [...(lanes.get(lane) ?? []), index]);
  }
  const checked = new Map<number, Failure | undefined>();
  let failedAt = Number.POSITIVE_INFINITY;
  let settled: (verdict: Verdict) => void = () => {};
  const verdict = new Promise<Verdict>((resolve) => (settled = resolve));
  const apart: LaneApart[] = [];
  const failing = (index: number) => {
    if (index >= failedAt) return;
    failedAt = index;
    for (const lane of apart) lane.skipAfter(index);
  };
  const lane: Lane = {
    failedAt: () => failedAt,
    failing,
    checked(index, failure) {
      checked.set(index, failure);
      if (failure !== undefined) failing(index);
      const known = verdictOf(lesson, checked);
      if (known !== undefined) settled(known);
    },
  };
  const { quick, boundMs, limitMs, onProgress } = options;
  const stopAtOnce = options.waitForAll === false;
  for (const [number, indexes] of lanes) {
    if (number !== 0) apart.push(judgeInLane(lesson, at as string, path, indexes, { quick, boundMs, limitMs, stopAtOnce }, onProgress, lane));
  }
  const here = runChecks(lesson, path, exported, ref, lanes.get(0) ?? [], options, lane);
  const ended = Promise.all([here, ...apart.map((lane) => lane.ended)]);
  const answer = await verdict;
  if (options.waitForAll !== false) await ended;
  return answer;
}

/**
 * How many lanes `lesson` judges in beside the judge's own; for a lesson not known yet, the most any has.
 * A lane warmed for nothing ends with its judge; one missing is started when asked, cold.
 */
export function lanesBeside(lesson: Lesson | undefined): number {
  const lanes = (each: Lesson) => new Set(each.checks.map((check) => check.lane ?? 0).filter((lane) => lane !== 0)).size;
  return lesson === undefined ? Math.max(...lessons.map(lanes)) : lanes(lesson);
}

if (import.meta.main) {
  // Work the learner's code left running and unawaited may fail after its check has ended: the verdict
  // already says what went wrong, so such a failure must not end the judge before it gives it.
  process.on('unhandledRejection', () => {});
  // Started ahead (`npm run learn -- --watch`), it is warm before the save: imports loaded, the cost
  // of a child measured, a lane started and warm too; it is then told which lesson and file to judge.
  // Listening from the start: a message that came while no one listened would be lost.
  const told = new Promise<string[]>((resolve) => process.once('message', (message) => resolve(message as string[])));
  if (process.argv.length <= 2) warmLanes(lanesBeside(lessonNamed(process.env.LEARN_WARM_FOR ?? '')));
  const [name = '', path = ''] = process.argv.length > 2 ? process.argv.slice(2) : (await Promise.all([told, spawnCost()]))[0];
  const lesson = lessonNamed(name);
  if (lesson === undefined) throw new Error(`judge: no lesson named ${JSON.stringify(name)}`);
  // LEARN_JUDGE=quick is the meta-spec's (spec/tools/learn-cli.spec.ts), for ours in the learner's place; see JudgeOptions.quick.
  const onProgress = process.send === undefined ? undefined : (progress: Progress) => process.send?.({ progress });
  const verdict = await judge(lesson, path, { waitForAll: false, quick: process.env.LEARN_JUDGE === 'quick', onProgress });
  // Once the verdict is sent, nothing the judged code left running may keep the judge alive.
  if (process.send === undefined) {
    console.log(JSON.stringify(verdict, null, 2));
    process.exit(0);
  }
  process.send(verdict, () => process.exit(0));
}
