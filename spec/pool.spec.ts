/** The document's "using Pool": `Pool()` then `pool.map(download_task, files)`, which "naturally waits". */
import { availableParallelism } from 'node:os';
import { fc, it } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { Pool, type WorkerPool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { title } from './claims.ts';
import { Coordinator } from './support/coordinator.ts';
import { measureSpawnCost } from './support/spawn-cost.ts';
import { type PoolAnswer, poolItemTask } from './tasks/rendezvous.ts';

let bound = 0;
beforeAll(async () => {
  bound = 20 * (await measureSpawnCost()) + 5_000;
});

/**
 * Runs `map` over `count` rendezvous tasks and steers them: a task goes on only once the pool is full
 * (as many live as it may run), so a pool that runs fewer at once never fills and fails at the bound;
 * the last task is held until all others have ended, so a `map` that resolves early is caught holding.
 */
async function steerMap(pool: WorkerPool, count: number) {
  await using coordinator = await Coordinator.open();
  const items = Array.from({ length: count }, (_, i) => ({ address: coordinator.address, id: `item${i}` }));
  let endedWhenMapSettled: number | undefined;
  const mapped = pool.map(poolItemTask, items).finally(() => {
    endedWhenMapSettled = coordinator.count('ended');
  });
  mapped.catch(() => {});
  for (let ended = 0; ended < count; ended = coordinator.count('ended')) {
    const full = Math.min(pool.size, count - ended);
    await coordinator.until(() => coordinator.live.size >= full, `${full} tasks running at once`, bound);
    const next = [...coordinator.live][0] as string;
    if (count - ended === 1) expect(endedWhenMapSettled, 'map settled while a task was still running').toBeUndefined();
    coordinator.release(next);
    await coordinator.until(() => coordinator.count('ended') > ended, `${next} to end`, bound);
  }
  const results: PoolAnswer[] = await mapped;
  return { results, items, endedWhenMapSettled, maxLive: coordinator.maxLive };
}

// Python has both: multiprocessing.Pool and multiprocessing.pool.ThreadPool, with one contract.
const backends = [
  { name: 'Pool', make: (size?: number) => new Pool(size) },
  { name: 'ThreadPool', make: (size?: number) => new ThreadPool(size) },
];

describe.each(backends)('using Pool ($name)', ({ name, make }) => {
  it.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 8 })], { numRuns: 10 })(`${title('pool.waits')} (${name})`, async (size, count) => {
    await using pool = make(size);
    const { results, items, endedWhenMapSettled, maxLive } = await steerMap(pool, count);

    expect(endedWhenMapSettled).toBe(count);
    expect(results.map((result) => result.id)).toEqual(items.map((item) => item.id));
    expect(maxLive).toBeLessThanOrEqual(size);
    // A pool reuses its runners: never more processes, or threads, than its size.
    expect(new Set(results.map((result) => `${result.pid}/${result.threadId}`)).size).toBeLessThanOrEqual(size);
  });

  it(`pool.waits: ${name}() defaults to one runner per available CPU, and runs that many at once`, async () => {
    await using pool = make();
    expect(pool.size).toBe(availableParallelism());
    const { maxLive } = await steerMap(pool, pool.size + 1);
    expect(maxLive).toBe(pool.size);
  });
});
