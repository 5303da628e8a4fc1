import { PoolMapError } from '../../src/pool.ts';
import type { TaskError } from '../../src/runtime/errors.ts';

/**
 * A map's every outcome, whether it resolved or rejected with a PoolMapError: each item's value, and the
 * errors of those that failed. Any other rejection (a bound that ran out) is passed on as it is.
 */
export async function outcomesOf<T>(mapped: Promise<T[]>): Promise<{ values: readonly unknown[]; errors: readonly TaskError[] }> {
  return mapped.then(
    (values) => ({ values, errors: [] }),
    (error: unknown) => {
      if (!(error instanceof PoolMapError)) throw error;
      return { values: error.values, errors: error.errors };
    },
  );
}
