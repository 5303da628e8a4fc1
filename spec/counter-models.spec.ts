/**
 * Every property can fail. Each claim's property, unchanged, is run against the broken implementations
 * in fixtures/ and must reject every one of them. With `npm test -- --silent=false` the shrunk
 * counterexample fast-check found is shown, with the seed and path that replay it. (The same properties
 * pass on src/, in the other spec files.)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, inject, it } from 'vitest';
import { drained } from '../claims/counter-models/one-after-another.ts';
import { counterModels } from '../claims/counter-models.ts';
import { stillAlive } from '../src/runtime/alive.ts';
import { expectRejected, rejectionBound } from './support/rejects.ts';

/**
 * A counterexample is shrunk only for someone to read: with `npm test -- --silent=false`. By default what a
 * passing test prints is dropped, and shrinking it cost about 4 s of CPU a run (each smaller try starts
 * processes or threads anew). Rejecting a model needs only its first failing case either way.
 */
const shrinkCounterexamples = inject('passingOutputShown');

/** Broken runners may outlive the property that caught them: let them finish before the next model. */
async function settle(): Promise<void> {
  await drained();
  for (let waited = 0; stillAlive().length > 0 && waited < 10_000; waited += 50) await sleep(50);
}

describe('Every property can fail: each claim rejects its counter-models', () => {
  // Titles built here, not by it.each, which would shorten each name: `npm run test:stress -- --name` must find them whole.
  for (const { property, impl, name, file, shrink } of counterModels) {
    it(`counter-model: ${property.claim} rejects ${name} (${file})`, async () => {
      try {
        await expectRejected(property, impl, await rejectionBound(), name, { shrink: shrinkCounterexamples && shrink !== false });
      } finally {
        await settle();
      }
    });
  }
});
