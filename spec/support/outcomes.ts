import type { TaskError } from '../../src/errors.ts';
import type { PoolMapError } from '../../src/pool.ts';

/** A map's every outcome, whether it resolved or rejected: each item's value, and the errors of those that failed. */
export async function outcomesOf<T>(mapped: Promise<T[]>): Promise<{ values: readonly unknown[]; errors: readonly TaskError[] }> {
  return mapped.then(
    (values) => ({ values, errors: [] }),
    (error: PoolMapError) => ({ values: error.values, errors: error.errors }),
  );
}
