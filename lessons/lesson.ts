/**
 * What a lesson is, as data: the engine (lessons/judge.ts, scripts/learn*) reads these and knows no lesson;
 * each lesson's own data lives in its folder (lessons/N-name/lesson.ts), beside its start, solution and wrong answers.
 */
import type { FailureId } from '../claims/failures.ts';
import type { HammerEffort, hammers } from '../claims/properties/witness.ts';
import type { Property } from '../claims/property.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';

/**
 * One thing the judge checks of a lesson: a property of the document's claims or of the contract our
 * class keeps beyond them (claims/properties/), or a hammering at full speed. A check's `claim` is the
 * claim's id, or, for the contract, `contract: ` and what it promises.
 */
export type Check =
  | {
      /** The document's claim it judges; or, for the contract our class keeps beyond them, `contract`. */
      readonly claim?: string;
      /** What the contract promises, in a few words: `join rejects with the task's error`. */
      readonly contract?: string;
      // biome-ignore lint/suspicious/noExplicitAny: each check pairs a property with what it judges
      readonly property: Property<any, any[]> & { readonly narrows?: unknown; readonly why?: string };
      /** What the property takes, made of the learner's export (a class) and where it lives. */
      readonly judged: (exported: unknown, ref: ClassRef) => unknown;
      /** A counterexample, as a learner reads it. */
      readonly shown: (...values: never[]) => string;
      /**
       * It may run beside the lesson's other such checks, for a quicker verdict. Not a property judged
       * under the scheduler: those run one at a time. Nor one that waits until nothing the judge started
       * is left running: it would wait for the others. (Two side by side once disagreed with a schedule they
       * had recorded themselves; the cause, a late wake-up that a one-wait handshake let through, is fixed
       * and proved in spec/scheduler.spec.ts.)
       */
      readonly sideBySide?: true;
      readonly lane?: Lane;
    }
  | { readonly claim: string; readonly contract?: undefined; readonly hammer: keyof typeof hammers; readonly effort: HammerEffort; readonly lane?: Lane };

/**
 * The program a check runs in: lane 0 (unless told) is the judge's own; each other lane is a program of its
 * own, run beside it (lessons/lane.ts), its checks in the lesson's order. Lanes are chosen so that both cores
 * work: lessons 1 and 2, whose checks start children by the dozen and then wait on them, split them into three
 * lanes of about the same time (three keep two cores busier than two did: a tenth quicker, measured); a
 * hammering or real threads beside the scheduled checks, which run one thread at a time. Scheduled checks
 * run one at a time in a program, but two lanes may each run one (two schedulers at once explore as one
 * does: spec/scheduler.spec.ts): lesson 4's two, about 3 s and 2 s here (`npm run learn -- --lesson lock
 * --file src/lock.ts` prints each check's time), take a lane each. Whatever lane ends first, the verdict
 * names the first check, in the lesson's order, that failed.
 */
export type Lane = 0 | 1 | 2;

/** A claim's id, or `the contract: ...`: how a check is named on the screen. */
export function checkName(check: Check): string {
  return check.claim ?? `the contract: ${check.contract}`;
}

/**
 * A typical wrong answer, told by the id of the failure a property raised (claims/failures.ts): the
 * first of the lesson's mistakes whose id the failure carries is the one told.
 */
export interface Mistake {
  readonly id: FailureId | readonly FailureId[];
  readonly mistake: string;
  /** The method to look at, when the failure itself does not point into the file. */
  readonly look: string;
}

/** A property that judges our class in `spec/` and that the lesson does not run, and why it does not apply. */
export interface NotJudged {
  // biome-ignore lint/suspicious/noExplicitAny: any property of ours
  readonly property: Property<any, any[]>;
  readonly why: string;
}

/** One lesson: what it judges, and all it tells the learner. */
export interface Lesson {
  readonly name: string;
  readonly title: string;
  /** The learner's file, in lessons/yours/ (and how it starts, in lessons/N-name/start.ts). */
  readonly file: string;
  /** The class the file exports, and our own file that exports the same (and what else to read with it). */
  readonly export: string;
  readonly ours: string;
  readonly oursWith?: string;
  readonly checks: readonly Check[];
  /** Every other property that judges our class (its `judges` names it), each with why the lesson does not run it. */
  readonly notJudged?: readonly NotJudged[];
  readonly mistakes: readonly Mistake[];
  /**
   * What `--hint` says, one part more each time it is asked (lessons/hint.ts): first a nudge, the idea in a
   * few lines, then more. Prose, no code: our answer is shown whole, by `--solution` or once passed.
   */
  readonly hints: readonly [nudge: string, ...more: string[]];
  /** What it taught, said once it passes. */
  readonly taught: string;
  /** What usually makes this lesson's code hang. */
  readonly hangs: string;
  /** How to read a schedule's story, for the lessons judged under every schedule. */
  readonly legend?: string;
}
