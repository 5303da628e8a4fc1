import process from 'node:process';
import * as fc from 'fast-check';
import { TestRunner } from 'vitest';
import { title } from '../../claims/claims.ts';
import { type OurClass, ourClasses, type Property } from '../../claims/property.ts';
import { pinOf } from '../../claims/schedule-pins.ts';
import { type Counted, takeCounts } from '../../claims/support/schedule-counts.ts';
import { BoundExceeded } from '../../claims/support/settles.ts';
import { prop } from './prop.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** How many schedules each case of a scheduled property judged (claims/support/schedule-counts.ts). */
    schedules?: Counted[];
  }
}

/**
 * Carries the counts a case recorded to its test, for the claims reporter, and says them in verbose
 * output; with `pinned`, each must be its configuration's pinned count (claims/schedule-pins.ts).
 */
function carryCounts(pinned: boolean): void {
  const counts = takeCounts();
  if (counts.length === 0) return;
  const test = TestRunner.getCurrentTest();
  if (test !== undefined) test.meta.schedules = [...(test.meta.schedules ?? []), ...counts];
  for (const { claim, configuration, schedules, reduced } of counts) {
    console.log(`${claim}: ${schedules} schedules of ${configuration} judged${reduced ? ', with the partial-order reduction' : ''}`);
    if (!pinned) continue;
    const pin = pinOf(claim, configuration);
    const expected = reduced ? pin.reduced : pin.plain;
    if (schedules !== expected) {
      throw new Error(
        `${claim} judged ${schedules} schedules of ${configuration}${reduced ? ' (reduced)' : ''}; ${expected} are pinned (claims/schedule-pins.ts)`,
      );
    }
  }
}

export interface SpecifyOptions {
  /** The implementation's name in the test's title: `(threads)`. */
  readonly backend?: string;
  /** Every scheduled case must judge its configuration's pinned count of schedules: ours, not a learner's or a counter-model's. */
  readonly countsPinned?: boolean;
  /** The seed of another property's run, to draw the same cases: two that share their runs (sharingRuns) need it. */
  readonly seed?: number;
}

/** `FC_SEED=… FC_PATH=… npx vitest run <file> -t <id>` replays the counterexample `npm test` reported. */
function replay(): Partial<fc.Parameters<[unknown]>> {
  if (process.env.FC_SEED === undefined) return {};
  return { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}), endOnFailure: true };
}

/** Which of our classes `impl` is, where that can be told: a class itself, or a class by module and name. */
function ourClassIn(impl: unknown): OurClass | undefined {
  const name = typeof impl === 'function' ? impl.name : (impl as { module?: unknown; name?: unknown } | undefined)?.name;
  const module = typeof impl === 'object' && impl !== null ? (impl as { module?: unknown }).module : undefined;
  if (typeof impl !== 'function' && typeof module !== 'string') return undefined;
  return ourClasses.find((each) => each === name);
}

/**
 * Declares a property as a test of `impl`. A claim's is titled with the claim, `process.concurrent: Two
 * processes ...`, its aspect in parentheses; any other is titled with its aspect.
 */
export function specify<Impl, Values extends unknown[]>(
  property: Property<Impl, Values> & { claim?: string },
  impl: Impl,
  { backend, countsPinned = false, seed }: SpecifyOptions = {},
): void {
  // A property given one of our classes says so: the lessons' pairing (spec/tools/learn.spec.ts) reads `judges`.
  const ours = ourClassIn(impl);
  if (ours !== undefined && !property.judges.includes(ours)) {
    throw new Error(`${property.claim ?? property.aspect} is given our ${ours}, but its \`judges\` (${property.judges.join(', ')}) does not name it`);
  }
  const name = (property.claim === undefined ? [property.aspect] : [title(property.claim), property.aspect && `(${property.aspect})`])
    .concat(backend && `(${backend})`)
    .filter(Boolean)
    .join(' ');
  const arbitraries = property.arbitraries as unknown as [fc.Arbitrary<unknown>];
  const inner = property.check(impl) as unknown as (...values: unknown[]) => Promise<void>;
  // A case that hit its bound (a hang) is the one reported: each smaller case tried after it would most
  // likely hang too, and cost a bound each, so shrinking stops there (every later case is skipped).
  let hung = false;
  const check = async (...values: unknown[]) => {
    fc.pre(!hung);
    // Only this case's counts: a property run elsewhere (a counter-model's, by fc.check) leaves its own behind.
    takeCounts();
    let failed = true;
    try {
      await inner(...values);
      failed = false;
    } catch (error) {
      hung ||= error instanceof BoundExceeded || (error instanceof Error && error.cause instanceof BoundExceeded);
      throw error;
    } finally {
      // A case that failed already says why; its counts are still shown.
      carryCounts(countsPinned && !failed);
    }
  };
  const examples = (property.examples ?? []) as unknown as [unknown][];
  prop(arbitraries, { numRuns: property.numRuns, examples, ...(seed === undefined ? {} : { seed }), ...replay() })(name, check);
}
