/**
 * Runs some of a lesson's checks on a learner's export, in one program (the judge's own, or a lane of it:
 * lessons/lane.ts), and tells each failure as a learner reads it: the claim, what failed, the mistake it
 * is typical of, the smallest counterexample (for a lock: the interleaving, step by step), and the line to look at.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { failureIds } from '../claims/failures.ts';
import { expectNoForbiddenOutcome, type HammerEffort } from '../claims/properties/witness.ts';
import { boundFor, spawnCost } from '../claims/support/bounds.ts';
import { ScheduleFault } from '../claims/support/every-schedule.ts';
import { BoundExceeded } from '../claims/support/settles.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';
import { scheduleText } from '../scheduler/schedule.ts';
import type { Failure, JudgeOptions } from './judge.ts';
import { type Check, checkName, type Lesson, type Mistake } from './lesson.ts';
import { lineOf } from './source.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** What a lane's checks are judged with: the judge's options, but for waiting (the judge decides that for all lanes). */
export type CheckOptions = Omit<JudgeOptions, 'waitForAll'>;

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
export function lookAt(path: string, error: unknown, method: string): string {
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
/**
 * What a lane tells a check, and is told by it: whether the check is still needed (no earlier check failed),
 * and that its first case failed, so that it will fail, whatever its shrinking finds: the checks after it
 * are not needed from then on, and stop, leaving the cores to its shrinking.
 */
interface Needed {
  readonly index: number;
  readonly skipped: () => boolean;
  readonly failing: () => void;
}

async function run(check: Check, exported: unknown, ref: ClassRef, options: CheckOptions, { index, skipped, failing }: Needed) {
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
    // Not needed any more (an earlier check failed): the cases left are skipped, not run.
    fc.pre(!skipped() && !hung && (failedAt === undefined || (shrinks <= maxShrinks && performance.now() - failedAt < shrinkMs)));
    try {
      await inner(...values);
      if (failedAt === undefined) options.onProgress?.({ check: checkName(check), index, state: 'case', passed: ++passed, of: numRuns });
    } catch (error) {
      if (failedAt === undefined) failing();
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
  // Skipped midway, it is not needed: what it did not run says nothing of the file.
  if (!details.failed || skipped()) return undefined;
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

/** How many cases a check runs (its examples among them); a hammering has rounds, not cases. */
function casesOf(check: Check, options: CheckOptions): number | undefined {
  if ('hammer' in check) return undefined;
  return options.quick === true ? Math.min(2, check.property.numRuns) : check.property.numRuns;
}

/** Tells `options.onProgress` that `check` started or ended; a hammering is named as such. */
function progressOf(check: Check, index: number, options: CheckOptions) {
  const name = 'hammer' in check ? `${checkName(check)}, hammered in real threads` : checkName(check);
  return (state: 'started' | 'held' | 'failed') =>
    options.onProgress?.(state === 'started' ? { check: name, index, state, of: casesOf(check, options) } : { check: name, index, state });
}

/** What a lane is told of the other lanes' checks, and tells them of its own. */
export interface Lane {
  /** The first check, in the lesson's order, known to fail (or to be failing), in any lane; Infinity while none is. */
  readonly failedAt: () => number;
  /** The check at `index` is failing: its first case failed. */
  readonly failing: (index: number) => void;
  /** The check at `index` has ended: held (no failure), or failed. */
  readonly checked: (index: number, failure: Failure | undefined) => void;
}

/**
 * Runs the checks of `lesson` at `indexes` (in the lesson's order) and tells `lane` how each ended: the
 * checks that may run side by side start together, the others in turn. The verdict names the first check,
 * in the lesson's order, that failed: once one is failing (here, or in another lane), a later check is not
 * needed, and is skipped, or, started already, stops running its cases and says nothing more.
 */
export async function runChecks(
  lesson: Lesson,
  path: string,
  exported: unknown,
  ref: ClassRef,
  indexes: readonly number[],
  options: CheckOptions,
  lane: Lane,
): Promise<void> {
  const skipped = (index: number) => index > lane.failedAt();
  const needed = (index: number): Needed => ({ index, skipped: () => skipped(index), failing: () => lane.failing(index) });
  const started = new Map<number, ReturnType<typeof run>>();
  for (const index of indexes) {
    const check = lesson.checks[index] as Check;
    if (!('sideBySide' in check)) continue;
    progressOf(check, index, options)('started');
    started.set(index, run(check, exported, ref, options, needed(index)));
  }
  for (const index of indexes) {
    if (skipped(index)) continue;
    const check = lesson.checks[index] as Check;
    const told = progressOf(check, index, options);
    if (!started.has(index)) told('started');
    const failed = await (started.get(index) ?? run(check, exported, ref, options, needed(index)));
    if (skipped(index)) continue;
    told(failed === undefined ? 'held' : 'failed');
    lane.checked(index, failed === undefined ? undefined : failureOf(lesson, check, path, failed));
  }
  // What was stopped midway ends its case in flight before the lane's end ends what it started.
  await Promise.allSettled(started.values());
}
