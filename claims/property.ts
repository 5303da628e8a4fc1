import type * as fc from 'fast-check';
import { type Case, inCase } from './support/case.ts';

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

/**
 * A property as written: its `check` is given, besides the implementation, the case it runs in (its bound,
 * and what to end once it is over: claims/support/case.ts), so that its body says only what it claims.
 */
export type Written<Impl, Values extends unknown[], P extends Property<Impl, Values>> = Omit<P, 'check'> & {
  readonly check: (impl: Impl, each: Case) => (...values: Values) => Promise<void>;
};

/** A written property's check, each case run in a Case of its own. */
function inCases<Impl, Values extends unknown[]>(written: Written<Impl, Values, Property<Impl, Values>>): Property<Impl, Values>['check'] {
  return (impl, options) =>
    (...values) =>
      inCase(options, (each) => written.check(impl, each)(...values));
}

export function claimProperty<Impl, Values extends unknown[]>(property: Written<Impl, Values, ClaimProperty<Impl, Values>>): ClaimProperty<Impl, Values> {
  return { ...property, check: inCases(property) };
}

/** A property the project promises beyond the document's claims: that programs end, that faults never hang. */
export function projectProperty<Impl, Values extends unknown[]>(
  property: Written<Impl, Values, Property<Impl, Values>> & { readonly aspect: string },
): Property<Impl, Values> & { readonly aspect: string } {
  return { ...property, check: inCases(property) };
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
