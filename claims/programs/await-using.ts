/** `await using`, the syntax Python's `with Pool() as pool:` maps to; Node 24 and later parse it. */
import type { Pool } from '../../src/pool.ts';

export async function disposeByUsing(pool: Pool): Promise<void> {
  await using _disposed = pool;
}
