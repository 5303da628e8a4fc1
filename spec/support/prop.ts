/**
 * A property as a vitest test: `prop([arbitraries], parameters)('name', predicate)`, titled `name (with
 * seed=…)`, so that `FC_SEED` replays it (specify.ts) and Stryker finds it again by its name (fixed-seed.ts).
 * It stands in for @fast-check/vitest's `it.prop`, which it mirrors: that package's import built every chain
 * of vitest's test API (`it.skip.concurrent.fails…`), about 0.25 s of CPU in each vitest worker and in each
 * file of an isolated run. What it adds, vitest's beforeEach and afterEach hooks run again around each case,
 * our hooks do not need: the watchdog's names the test, and no-leaks' acts only once a test has failed.
 */
import * as fc from 'fast-check';
import { it } from 'vitest';

/** A seed for a property's run: the one every property is given, if one is (fixed-seed.ts), or a new one. */
export function newSeed(): number {
  return fc.readConfigureGlobal().seed ?? Date.now() ^ (Math.random() * 0x1_0000_0000);
}

export function prop<Values extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Values]: fc.Arbitrary<Values[K]> },
  parameters: fc.Parameters<Values> = {},
) {
  return (name: string, predicate: (...values: Values) => unknown, timeout?: number): void => {
    // Chosen here, not by fast-check, to be in the title: a global one (fixed-seed.ts) is every test's.
    const seed = parameters.seed ?? newSeed();
    it(
      `${name} (with seed=${seed})`,
      async () => {
        const property = fc.asyncProperty(
          ...(arbitraries as unknown as [fc.Arbitrary<unknown>]),
          // What it returns is kept: a predicate that returns false fails, as in fast-check itself.
          (...values: unknown[]) => Promise.resolve(predicate(...(values as Values))) as Promise<boolean | undefined>,
        );
        await fc.assert(property as unknown as fc.IAsyncProperty<Values>, { ...parameters, seed });
      },
      timeout,
    );
  };
}
