import * as fc from 'fast-check';
import { expect } from 'vitest';
import type { Property } from '../../claims/property.ts';
import { shortBoundFor } from '../../claims/support/bounds.ts';

/**
 * What each step of a broken implementation's run may take before it is called a hang. A broken one fails
 * at its broken step, at once or at this bound; every step before that one is correct, and starts runners.
 * A fixed 1.5 s was once outlasted by a correct child's start under coverage, and a broken process was
 * rejected at a step it keeps ("Step 8, after p0.start(): … none came within 1500 ms"): so the bound grows
 * with what starting a runner costs here and now: the shortened bound for one runner (four times the cost,
 * and a second), never under 1.5 s.
 */
export async function rejectionBound(): Promise<number> {
  return Math.max(1_500, Math.ceil(await shortBoundFor()));
}

/**
 * Runs `property`, unchanged, against a broken implementation and requires it to fail; returns why it
 * failed (the first line of the error), having printed the shrunk counterexample and its replay.
 */
export async function expectRejected<Impl, Values extends unknown[]>(
  property: Property<Impl, Values>,
  impl: Impl,
  boundMs: number,
  name: string,
  /** Report the first failing case as it is: for a counter-model that fails every case at the bound, shrinking only costs bounds. */
  { shrink = true }: { readonly shrink?: boolean } = {},
): Promise<string> {
  const check = property.check(impl, { boundMs }) as (...values: unknown[]) => Promise<void>;
  // Shrinking a counter-model that fails at the bound costs a bound per try: it stops a while after the first
  // failure, keeping the smallest counterexample found so far (each smaller case then is skipped, not run).
  // The search for that first failure is never cut short by a clock: under load, two passing examples once
  // outlasted such a limit before the failing third was reached, and the run was read as accepted.
  let failedAt: number | undefined;
  const predicate = async (...values: unknown[]) => {
    fc.pre(failedAt === undefined || performance.now() - failedAt < 20_000 + boundMs);
    try {
      await check(...values);
    } catch (error) {
      failedAt ??= performance.now();
      throw error;
    }
  };
  const details = await fc.check(fc.asyncProperty(...(property.arbitraries as [fc.Arbitrary<unknown>]), predicate), {
    numRuns: property.numRuns,
    examples: (property.examples ?? []) as unknown as [unknown][],
    endOnFailure: !shrink,
  });
  // A failure with no counterexample is fast-check's for a run that skipped too often: not a rejection either.
  expect(details.failed && details.counterexample !== null, `the property accepted ${name}`).toBe(true);
  const why = (details.errorInstance as Error | null)?.message.split('\n')[0] ?? '';
  console.log(
    `Rejected: ${name}. Counterexample ${fc.stringify(details.counterexample)}, after ${details.numShrinks} shrinks` +
      ` (replay: seed ${details.seed}, path "${details.counterexamplePath}"):\n  ${why}`,
  );
  return why;
}
