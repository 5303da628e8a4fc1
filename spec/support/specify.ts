import process from 'node:process';
import { type fc, it } from '@fast-check/vitest';
import { title } from '../claims.ts';
import type { ClaimProperty } from './claim-property.ts';

/** `FC_SEED=… FC_PATH=… npx vitest run <file> -t <id>` replays the counterexample `npm test` reported. */
function replay(): Partial<fc.Parameters<[unknown]>> {
  if (process.env.FC_SEED === undefined) return {};
  return { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}), endOnFailure: true };
}

/** Declares a claim's property as a test of `impl`, titled with the claim: `process.concurrent: Two processes ...`. */
export function specify<Impl, Values extends unknown[]>(property: ClaimProperty<Impl, Values>, impl: Impl, backend?: string): void {
  const name = [title(property.claim), property.aspect && `(${property.aspect})`, backend && `(${backend})`].filter(Boolean).join(' ');
  const arbitraries = property.arbitraries as unknown as [fc.Arbitrary<unknown>];
  const check = property.check(impl) as unknown as (...values: unknown[]) => Promise<void>;
  it.prop(arbitraries, { numRuns: property.numRuns, ...replay() })(name, check);
}
