import type { fc } from '@fast-check/vitest';

export interface CheckOptions {
  /**
   * How long to wait for a rendezvous before calling it a failure. It stops a broken implementation
   * from hanging the spec; a correct one meets it far sooner. The meta-spec shortens it.
   */
  readonly boundMs?: number;
}

/**
 * A claim's property, apart from the implementation it judges: `check(impl)` is the predicate for the
 * real implementation in `src/` and, unchanged, for each broken one in `fixtures/`.
 */
export interface ClaimProperty<Impl, Values extends unknown[]> {
  readonly claim: string;
  /** Added to the claim in the test's title, to tell several properties of one claim apart. */
  readonly aspect?: string;
  readonly arbitraries: { [K in keyof Values]: fc.Arbitrary<Values[K]> };
  readonly numRuns: number;
  readonly check: (impl: Impl, options?: CheckOptions) => (...values: Values) => Promise<void>;
}

export function claimProperty<Impl, Values extends unknown[]>(property: ClaimProperty<Impl, Values>): ClaimProperty<Impl, Values> {
  return property;
}
