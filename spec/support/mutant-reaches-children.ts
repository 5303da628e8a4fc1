/**
 * Under `npm run mutate` only (stryker.vitest.config.ts): Stryker's vitest runner switches a mutant on in
 * this process alone (`globalThis.__stryker__.activeMutant`), but our specs judge code that also runs in
 * child processes and worker threads, which import `src/` afresh and so start with no mutant on. Stryker's
 * instrumented code, finding none, reads `__STRYKER_ACTIVE_MUTANT__` from its environment, and every child
 * and worker starts with a copy of ours (src/runtime/endpoint.ts): setting it here, before each file's
 * tests, lets the mutant reach them too. Without it a mutant of code that runs only in a child survives.
 */
import { beforeAll } from 'vitest';

interface StrykerNamespace {
  activeMutant?: string | number;
}

beforeAll(() => {
  // Runs after Stryker's own beforeAll (its setup file comes first), which sets the mutant of this run.
  const stryker = (globalThis as { __stryker__?: StrykerNamespace }).__stryker__;
  // No namespace yet: Stryker's vitest runner is not switching mutants here (its setup file makes one
  // first); under its command runner the mutant is in the environment already, and children inherit it.
  if (stryker === undefined) return;
  if (stryker.activeMutant === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__;
  else process.env.__STRYKER_ACTIVE_MUTANT__ = String(stryker.activeMutant);
});
