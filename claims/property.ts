import type * as fc from 'fast-check';

export interface CheckOptions {
  /**
   * How long to wait for what the property waits for (a rendezvous, a join, a program's end) before
   * calling it a failure. It stops a broken implementation from hanging the spec; a correct one settles
   * far sooner. The meta-spec shortens it.
   */
  readonly boundMs?: number;
}

/** Our classes (src/) a property can judge. */
export type OurClass = 'Process' | 'Thread' | 'Pool' | 'ThreadPool' | 'SharedCounter' | 'Lock' | 'Account' | 'UnlockedAccount';

export const ourClasses: readonly OurClass[] = ['Process', 'Thread', 'Pool', 'ThreadPool', 'SharedCounter', 'Lock', 'Account', 'UnlockedAccount'];

/**
 * A property apart from the implementation it judges: `check(impl)` is the predicate for the real
 * implementation in `src/` and, unchanged, for each broken one in `claims/counter-models/` or a learner's class.
 */
export interface Property<Impl, Values extends unknown[]> {
  /**
   * Which of our classes it judges, when `specify` gives it ours. A lesson whose class is among them
   * runs it too, or says why it does not apply (spec/tools/learn.spec.ts checks the pairing).
   */
  readonly judges: readonly OurClass[];
  /** What it promises: the test's title, or, for a claim's property, added to the claim's own. */
  readonly aspect?: string;
  readonly arbitraries: { [K in keyof Values]: fc.Arbitrary<Values[K]> };
  readonly numRuns: number;
  /** Cases tried before the generated ones, every run: those that expose a bug once seen. */
  readonly examples?: Values[];
  readonly check: (impl: Impl, options?: CheckOptions) => (...values: Values) => Promise<void>;
}

/** A property of one of the document's claims (claims/claims.ts). */
export interface ClaimProperty<Impl, Values extends unknown[]> extends Property<Impl, Values> {
  readonly claim: string;
}

export function claimProperty<Impl, Values extends unknown[]>(property: ClaimProperty<Impl, Values>): ClaimProperty<Impl, Values> {
  return property;
}

/** A property the project promises beyond the document's claims: that programs end, that faults never hang. */
export function projectProperty<Impl, Values extends unknown[]>(
  property: Property<Impl, Values> & { readonly aspect: string },
): Property<Impl, Values> & { readonly aspect: string } {
  return property;
}

/**
 * A property narrowed to the cases a learner's class can take (lessons/): it has no `terminate()`, say,
 * so no case ends by it. The lesson runs it in the property's place; `why` is said on its screen.
 */
// biome-ignore lint/suspicious/noExplicitAny: any property, whatever it judges
export function narrowed<P extends Property<any, any[]>>(
  property: P,
  changes: Partial<Pick<P, 'arbitraries' | 'examples' | 'numRuns'>>,
  why: string,
): P & { readonly narrows: P; readonly why: string } {
  return { ...property, ...changes, narrows: property, why };
}
