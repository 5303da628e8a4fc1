/** The claims are checked on one Node: children and workers run the very binary and version of their parent. */
import process from 'node:process';
import { describe, expect, it } from 'vitest';
import { whoAmITask } from '../claims/tasks/rendezvous.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';

describe('The runtime', () => {
  it("children and workers report their parent's own process.version", async () => {
    const pools = [new Pool(1), new ThreadPool(1)];
    try {
      for (const pool of pools) {
        const [answer] = await pool.map(whoAmITask, [undefined]);
        expect(answer?.version).toBe(process.version);
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.terminate()));
    }
  });
});
