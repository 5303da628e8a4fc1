import process from 'node:process';
import { type fc, it } from '@fast-check/vitest';
import { title } from '../claims.ts';
import type { Property } from './claim-property.ts';

/** `FC_SEED=… FC_PATH=… npx vitest run <file> -t <id>` replays the counterexample `npm test` reported. */
function replay(): Partial<fc.Parameters<[unknown]>> {
  if (process.env.FC_SEED === undefined) return {};
  return { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}), endOnFailure: true };
}

/**
 * Declares a property as a test of `impl`. A claim's is titled with the claim, `process.concurrent: Two
 * processes ...`, its aspect in parentheses; any other is titled with its aspect.
 */
export function specify<Impl, Values extends unknown[]>(property: Property<Impl, Values> & { claim?: string }, impl: Impl, backend?: string): void {
  const name = (property.claim === undefined ? [property.aspect] : [title(property.claim), property.aspect && `(${property.aspect})`])
    .concat(backend && `(${backend})`)
    .filter(Boolean)
    .join(' ');
  const arbitraries = property.arbitraries as unknown as [fc.Arbitrary<unknown>];
  const check = property.check(impl) as unknown as (...values: unknown[]) => Promise<void>;
  const examples = (property.examples ?? []) as unknown as [unknown][];
  it.prop(arbitraries, { numRuns: property.numRuns, examples, ...replay() })(name, check);
}
