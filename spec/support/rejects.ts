import * as fc from 'fast-check';
import { expect } from 'vitest';
import type { Property } from '../../claims/property.ts';

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
  const predicate = property.check(impl, { boundMs }) as (...values: unknown[]) => Promise<void>;
  const details = await fc.check(fc.asyncProperty(...(property.arbitraries as [fc.Arbitrary<unknown>]), predicate), {
    numRuns: property.numRuns,
    examples: (property.examples ?? []) as unknown as [unknown][],
    // Shrinking a counter-model that fails at the bound costs a bound per try: stop after a while,
    // keeping the smallest counterexample found so far. Never before a case that hangs has had its whole
    // bound: one that fails only at the bound would be cut off first, and read as accepted (it was, once,
    // on Node 24 in the matrix under load: two passing examples and the third's bound outlasted 20 s).
    interruptAfterTimeLimit: 20_000 + boundMs,
    // Interrupted before any failure is not a rejection.
    markInterruptAsFailure: false,
    endOnFailure: !shrink,
  });
  // A failure with no counterexample is fast-check's for a run stopped before any case ended: not a rejection either.
  expect(details.failed && details.counterexample !== null, `the property accepted ${name}`).toBe(true);
  const why = (details.errorInstance as Error | null)?.message.split('\n')[0] ?? '';
  console.log(
    `Rejected: ${name}. Counterexample ${fc.stringify(details.counterexample)}, after ${details.numShrinks} shrinks` +
      ` (replay: seed ${details.seed}, path "${details.counterexamplePath}"):\n  ${why}`,
  );
  return why;
}
