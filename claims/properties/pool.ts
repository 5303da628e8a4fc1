/** The document's "using Pool": the property, for any implementation of a pool. */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import type { TaskRef } from '../../src/runtime/task.ts';
import { type FailureId, tagged } from '../failures.ts';
import { claimProperty } from '../property.ts';
import { Coordinator } from '../support/coordinator.ts';
import { type PoolAnswer, poolItemTask } from '../tasks/rendezvous.ts';

export interface PoolLike extends AsyncDisposable {
  readonly size: number;
  /** A learner's map takes no options: each chunk is then one item. */
  map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options?: { chunksize?: number }): Promise<Result[]>;
}

/** `Pool`, `ThreadPool`, or a broken imitation: `make(size)`, or `make()` for the default size. */
export type MakePool = (size?: number) => PoolLike;

/**
 * Runs `map` over `count` rendezvous tasks and steers them: a task goes on only once the pool is full
 * (as many live as it may run), so a pool that runs fewer at once never fills and fails at the bound;
 * the last task is held until all others have ended, so a `map` that resolves early is caught holding.
 * Which running task goes on is `picks`' choice (the oldest, without one): tasks then end in an order
 * other than the items', and a pool that returns results in the order they ended is caught.
 */
export async function steerMap(pool: PoolLike, count: number, boundMs: number, picks: readonly number[] = []) {
  const coordinator = await Coordinator.open();
  try {
    const items = Array.from({ length: count }, (_, i) => ({ address: coordinator.address, id: `item${i}` }));
    let endedWhenMapSettled: number | undefined;
    const mapped = pool.map(poolItemTask, items).finally(() => {
      endedWhenMapSettled = coordinator.count('ended');
    });
    mapped.catch(() => {});
    // A map that fails has nothing left to steer: its error is the failure, at once rather than at the bound.
    const mapFailed = mapped.then(() => new Promise<never>(() => {}));
    const until = (condition: () => boolean, what: string, id?: FailureId) => {
      const waiting = coordinator.until(condition, what, boundMs, id);
      waiting.catch(() => {});
      return Promise.race([waiting, mapFailed]);
    };
    for (let ended = 0; ended < count; ended = coordinator.count('ended')) {
      const full = Math.min(pool.size, count - ended);
      await until(() => coordinator.live.size >= full, `${full} tasks running at once`, 'map.too-few-at-once');
      // In the items' order, not the order they happened to start in: a pick means the same task every run.
      const live = [...coordinator.live].sort((a, b) => Number(a.slice('item'.length)) - Number(b.slice('item'.length)));
      const next = live[(picks[ended] ?? 0) % live.length] as string;
      if (count - ended === 1) tagged('map.settled-early', () => expect(endedWhenMapSettled, 'map settled while a task was still running').toBeUndefined());
      coordinator.release(next);
      await until(() => coordinator.count('ended') > ended, `${next} to end`);
    }
    const results: PoolAnswer[] = await mapped;
    return { results, items, endedWhenMapSettled, maxLive: coordinator.maxLive };
  } finally {
    await coordinator.close();
  }
}

export const poolWaits = claimProperty({
  judges: ['Pool', 'ThreadPool'],
  claim: 'pool.waits',
  arbitraries: [fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.nat({ max: 2 }), { maxLength: 8 })],
  numRuns: 10,
  // Two tasks at once, the second ending first: results in the order tasks ended are not in input order.
  // A third item makes that order certain, not likely: its task starts only once the second's result has
  // reached the parent (a runner is free), and only then is the first let go. With two items the first
  // could be let go, and its result arrive, while the second's was still on its way (seen once under load).
  examples: [[2, 3, [1]]],
  check: (make: MakePool, thisCase) => async (size: number, count: number, picks: number[]) => {
    const pool = thisCase.defer(make(size), (pool) => pool[Symbol.asyncDispose](), 'disposing of the pool');
    const { results, items, endedWhenMapSettled, maxLive } = await steerMap(pool, count, await thisCase.bound(), picks);
    tagged('map.settled-early', () => expect(endedWhenMapSettled, 'tasks ended when map settled').toBe(count));
    tagged('map.results-out-of-order', () =>
      expect(
        results.map((result) => result?.id),
        'results, in input order',
      ).toEqual(items.map((item) => item.id)),
    );
    tagged('map.too-many-at-once', () => {
      expect(maxLive, 'the most tasks running at once').toBeLessThanOrEqual(size);
      // A pool reuses its runners: never more processes, or threads, than its size.
      expect(new Set(results.map((result) => `${result.pid}/${result.threadId}`)).size, 'runners used').toBeLessThanOrEqual(size);
    });
  },
});
