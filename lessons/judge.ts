/**
 * Judges one lesson's file with the lesson's checks, in order, stopping at the first that fails, and
 * says why as a learner reads it: the claim, what failed, the mistake it is typical of, the smallest
 * counterexample (for a lock: the interleaving, step by step), and the line to look at.
 *
 * `npm run learn` runs it as a program of its own (`node lessons/judge.ts LESSON FILE`, or without
 * arguments, told them over IPC once warm), so that code that hangs can be stopped; it answers over IPC.
 * The meta-spec calls `judge` directly.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { failureIds } from '../claims/failures.ts';
import { expectNoForbiddenOutcome, type HammerEffort } from '../claims/properties/witness.ts';
import { boundFor, spawnCost } from '../claims/support/bounds.ts';
import { ScheduleFault } from '../claims/support/every-schedule.ts';
import { BoundExceeded } from '../claims/support/settles.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';
import { scheduleText } from '../scheduler/schedule.ts';
import { killAll } from '../src/runtime/alive.ts';
import { type Check, checkName, type Lesson, type Mistake } from './lesson.ts';
import { lessonNamed } from './lessons.ts';
import { lineOf } from './source.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));

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
export type Progress =
  | { readonly check: string; readonly state: 'started'; readonly of: number | undefined }
  | { readonly check: string; readonly state: 'held' | 'failed' }
  | { readonly check: string; readonly state: 'case'; readonly passed: number; readonly of: number };

export interface JudgeOptions {
  /** Told of each check as it starts and ends, and of each case it passes (`npm run learn` shows them). */
  readonly onProgress?: (progress: Progress) => void;
  /** How long a property waits for what never comes before it fails (see CheckOptions): one bound, boundFor(), unless told. */
  readonly boundMs?: number;
  /**
   * Once a check fails, wait for the others still running before answering (true), or answer at once
   * (false: for a judge that exits right after, which ends them).
   */
  readonly waitForAll?: boolean;
  /**
   * Each property on its examples and two generated cases, and one short hammering: enough to show that
   * the judge's wiring accepts a correct file. Only for ours, in the meta-spec (spec/tools/learn.spec.ts): the
   * claim specs run the same properties in full on the same code. A learner's file is always judged in full.
   */
  readonly quick?: boolean;
  /**
   * How long one check may run, its shrinking included, unless told: 15 s (a lesson's check takes 1 to
   * 4 s here, quiet), or 100 times what starting a child costs here and now, if more: on a machine busy
   * enough to make a child cost more than 150 ms, the same check takes longer, and is given longer.
   */
  readonly limitMs?: number;
}

const quickHammer: HammerEffort = { times: 1, rounds: 10_000, forMs: 0 };

/**
 * How far a failing check shrinks its counterexample: so many smaller cases tried, and so long, at most.
 * The count, not the clock, is what stops it on a machine of any speed, so the same file is told the same case.
 */
const maxShrinks = 30;
const shrinkMs = 10_000;

/**
 * The judge's cases are the same every run: the same file gets the same verdict, a fix is judged on the
 * case that failed, and a learner is never told a mistake by luck. (npm test draws new cases each run.)
 */
const seed = 20_260_101;

/** A failure that was a wait running out (claims/support/settles.ts), whatever wraps it. */
function isHang(error: unknown): boolean {
  for (let each = error; each instanceof Error; each = each.cause) if (each instanceof BoundExceeded) return true;
  return false;
}

/** Where to look: the first line of the learner's file in the error's stack, else the method the failure names. */
function lookAt(path: string, error: unknown, method: string): string {
  const shown = relative(root, path);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const url = pathToFileURL(path).href;
  for (const line of stack.split('\n')) {
    const at = line.indexOf(url);
    if (at >= 0) {
      const [, row] = /^:(\d+)/.exec(line.slice(at + url.length)) ?? [];
      if (row !== undefined) return `${shown}:${row}`;
    }
  }
  return `${shown}:${lineOf(readFileSync(path, 'utf8'), method)}`;
}

/** Runs one check; the error it failed with and the counterexample, or undefined if it passed. */
async function run(check: Check, exported: unknown, ref: ClassRef, options: JudgeOptions) {
  if ('hammer' in check) {
    try {
      await expectNoForbiddenOutcome(check.hammer, ref, options.quick === true ? quickHammer : check.effort);
      return undefined;
    } catch (error) {
      // Not a schedule the judge chose: a hammer's finding is told as one, with no story to replay.
      const { times, rounds } = options.quick === true ? quickHammer : check.effort;
      return { error, counterexample: `found by hammering, not by a schedule: ${times} × ${rounds.toLocaleString('en')} rounds in real threads at full speed` };
    }
  }
  const { property, judged, shown } = check;
  const limitMs = options.limitMs ?? Math.max(15_000, 100 * (await spawnCost()));
  // One bound for every wait, whatever the case: a hang is named within it (about 7 s here), not within a
  // bound that grows with the case (a map of ten items, twenty times a child's cost for each).
  const boundMs = options.boundMs ?? (await boundFor());
  const inner = property.check(judged(exported, ref), { ...options, boundMs }) as (...values: unknown[]) => Promise<void>;
  // A failure is shrunk to a smaller case for a few seconds, then reported as it stands; after a hang, not
  // at all: each smaller case would most likely hang too, and cost a bound each.
  let failedAt: number | undefined;
  let shrinks = 0;
  let hung = false;
  const numRuns = casesOf(check, options) as number;
  let passed = 0;
  const predicate = async (...values: unknown[]) => {
    if (failedAt !== undefined) shrinks += 1;
    fc.pre(!hung && (failedAt === undefined || (shrinks <= maxShrinks && performance.now() - failedAt < shrinkMs)));
    try {
      await inner(...values);
      if (failedAt === undefined) options.onProgress?.({ check: checkName(check), state: 'case', passed: ++passed, of: numRuns });
    } catch (error) {
      failedAt ??= performance.now();
      hung ||= isHang(error);
      throw error;
    }
  };
  const details = await fc.check(fc.asyncProperty(...(property.arbitraries as [fc.Arbitrary<unknown>]), predicate), {
    numRuns,
    examples: (property.examples ?? []) as [unknown][],
    seed,
    // Stopped before any case failed, the check has not made its runs: that is not a pass. Unless told a
    // limit, a case that hangs is given its whole bound after the limit: the hang, not the limit, is told.
    interruptAfterTimeLimit: options.limitMs ?? limitMs + boundMs,
    markInterruptAsFailure: true,
  });
  if (!details.failed) return undefined;
  if (details.interrupted && details.counterexample === null) {
    const why = `judging stopped after ${Number((limitMs / 1000).toFixed(1))} s, with only ${details.numRuns} of its cases run: the claim is not shown to hold (is something slow, a sleep or a busy loop?)`;
    return { error: new Error(why), counterexample: undefined };
  }
  const values = (details.counterexample ?? []) as never[];
  return { error: details.errorInstance, counterexample: shown(...values) };
}

/** A livelock's story is thousands of steps: its start and its end are told, and how many lie between. */
function shortened(story: string[]): string[] {
  if (story.length <= 60) return story;
  return [...story.slice(0, 30), `... ${(story.length - 40).toLocaleString('en')} more steps, the same loop ...`, ...story.slice(-10)];
}

/**
 * An assertion's failure in a learner's words: `downloads ended when join returned: expected +0 to be 2`
 * reads `downloads ended when join returned: 0, not 2`; a comparison the words cannot say keeps only its
 * label. Anything else is as the check said it.
 */
export function inWords(text: string): string {
  const [first = ''] = text.split('\n');
  const assertion = /^(.*?): expected (.+?) (not )?to (?:be|equal|deeply equal|strictly equal) (.+?)(?: \/\/ Object\.is equality)?$/.exec(first);
  if (assertion !== null) {
    const [, label, actual, not, expected] = assertion as unknown as [string, string, string, string | undefined, string];
    const plain = (value: string) => value.replace(/^\+0$/, '0');
    return not === undefined ? `${label}: ${plain(actual)}, not ${plain(expected)}` : `${label}: ${plain(actual)}, which it must not be`;
  }
  const compared = /^(.*?): expected .* to /.exec(first);
  return compared === null ? text : (compared[1] as string);
}

/** A scheduled fault whose threads then did not replay: the learner's code keeps state the threads do not share. */
const diverging =
  'and its threads, run again, did not do as they had: your code keeps state outside the shared memory (a module-level variable, or a clock of its own), and each thread has its own copy of it';

function failureOf(lesson: Lesson, check: Check, path: string, { error, counterexample }: { error: unknown; counterexample: string | undefined }): Failure {
  const fault = error instanceof ScheduleFault ? error.fault : undefined;
  const text = fault?.fault ?? (error instanceof Error ? error.message : String(error));
  const notWritten = /Not written yet: (.*)/.exec(text)?.[1];
  const ids = failureIds(error);
  const mistake: Mistake | undefined = notWritten === undefined ? lesson.mistakes.find(({ id }) => [id].flat().some((each) => ids.includes(each))) : undefined;
  const method = notWritten?.match(/^\[?[\w.]+\]?/)?.[0] ?? mistake?.look ?? lesson.export;
  const steps = fault?.execution.steps ?? [];
  const said = text.split('\n').slice(0, 4).join('\n');
  const raw = said.replace(' // Object.is equality', '');
  return {
    claim: check.claim,
    contract: check.contract,
    // The first line says what failed; a witness's tally follows it, a few lines at most.
    failed: [inWords(raw), fault?.diverged === undefined ? [] : diverging].flat().join('; '),
    ...(said !== raw || fault?.diverged !== undefined ? { diagnostics: [said, fault?.diverged ?? []].flat().join('\n') } : {}),
    notWritten,
    mistake: mistake?.mistake,
    counterexample,
    ...(steps.length > 0 && {
      story: shortened(steps.map((step) => `thread ${step.thread} ${step.action}${step.preempted ? ' (a preemption)' : ''}`)),
      schedule: fault && scheduleText(fault.execution.choices),
    }),
    look: lookAt(path, error, method),
  };
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
    // judging, in this process (the meta-spec's), would count it as its own.
    killAll();
  }
}

/** How many cases a check runs (its examples among them); a hammering has rounds, not cases. */
function casesOf(check: Check, options: JudgeOptions): number | undefined {
  if ('hammer' in check) return undefined;
  return options.quick === true ? Math.min(2, check.property.numRuns) : check.property.numRuns;
}

/** Tells `options.onProgress` that `check` started or ended; a hammering is named as such. */
function progressOf(check: Check, options: JudgeOptions) {
  const name = 'hammer' in check ? `${checkName(check)}, hammered in real threads` : checkName(check);
  return (state: 'started' | 'held' | 'failed') =>
    options.onProgress?.(state === 'started' ? { check: name, state, of: casesOf(check, options) } : { check: name, state });
}

async function judgeChecks(lesson: Lesson, path: string, exported: unknown, ref: ClassRef, options: JudgeOptions): Promise<Verdict> {
  // The checks that may run side by side start together, for a quicker verdict; the others run in turn.
  // Either way the verdict names the first check, in the lesson's order, that failed.
  const properties = lesson.checks.map((check) => {
    if (!('sideBySide' in check)) return undefined;
    progressOf(check, options)('started');
    return run(check, exported, ref, options);
  });
  const holding: string[] = [];
  const kept: string[] = [];
  for (const [i, check] of lesson.checks.entries()) {
    const told = progressOf(check, options);
    if (properties[i] === undefined) told('started');
    const failed = await (properties[i] ?? run(check, exported, ref, options));
    told(failed === undefined ? 'held' : 'failed');
    if (failed !== undefined) {
      if (options.waitForAll !== false) await Promise.allSettled(properties);
      return { lesson: lesson.name, holding: holding.filter((claim) => claim !== check.claim), kept, failure: failureOf(lesson, check, path, failed) };
    }
    if (check.claim !== undefined && !holding.includes(check.claim)) holding.push(check.claim);
    if (check.contract !== undefined) kept.push(check.contract);
  }
  return { lesson: lesson.name, holding, kept };
}

if (import.meta.main) {
  // Work the learner's code left running and unawaited may fail after its check has ended: the verdict
  // already says what went wrong, so such a failure must not end the judge before it gives it.
  process.on('unhandledRejection', () => {});
  // Started ahead (`npm run learn -- --watch`), it is warm before the save: imports loaded, the cost
  // of a child measured; it is then told which lesson and file to judge.
  // Listening from the start: a message that came while no one listened would be lost.
  const told = new Promise<string[]>((resolve) => process.once('message', (message) => resolve(message as string[])));
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
