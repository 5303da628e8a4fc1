/** Pools a careless author might write, each over our own Pool, broken in one way. */
import { type MapOptions, Pool } from '../../src/pool.ts';
import type { TaskRef } from '../../src/runtime/task.ts';

/** Resolves `map` as soon as every task is handed out, without waiting for one to end. */
export class EagerPool extends Pool {
  override map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    const list = [...items];
    super.map(task, list).catch(() => {});
    return Promise.resolve(list.map(() => undefined as Result));
  }
}

/** Has `size` runners, but hands out the next item only once the last has ended. */
export class SerialPool extends Pool {
  override async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options?: MapOptions): Promise<Result[]> {
    const results: Result[] = [];
    for (const item of items) results.push(...(await super.map(task, [item], options)));
    return results;
  }
}

/** Ignores its size: a new runner for every task, as many as there are. */
export class UnboundedPool extends Pool {
  readonly #unbounded = new Pool(1_000);

  override map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options?: MapOptions): Promise<Result[]> {
    return this.#unbounded.map(task, items, options);
  }

  override async terminate(): Promise<void> {
    await Promise.all([this.#unbounded.terminate(), super.terminate()]);
  }
}

/** Returns the results in the order the tasks ended, not in the order of their items. */
export class CompletionOrderPool extends Pool {
  override async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options?: MapOptions): Promise<Result[]> {
    const results: Result[] = [];
    await Promise.all([...items].map(async (item) => results.push(...(await super.map(task, [item], options)))));
    return results;
  }
}

/**
 * Sends a runner its next item while it still runs the last, to save a round trip (pipelining): that item
 * then waits behind the runner's task even when another runner is free, so at times the pool runs fewer
 * tasks at once than it may. Python's workers take their next task from one shared queue only once free.
 */
export class PrefetchingPool extends Pool {
  /** One single-runner pool per runner: what it has been handed runs in order, behind what it runs. */
  readonly #runners: { readonly pool: Pool; held: number }[];

  constructor(size?: number) {
    super(size);
    this.#runners = Array.from({ length: this.size }, () => ({ pool: new Pool(1), held: 0 }));
  }

  override map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    const waiting = [...items].map((item, index) => ({ item, index }));
    const results: Result[] = [];
    let left = waiting.length;
    return new Promise((resolve, reject) => {
      const handOut = () => {
        for (;;) {
          // The runner holding the fewest: an idle one first, then one that runs a task but holds no next.
          const runner = this.#runners.reduce((fewest, each) => (each.held < fewest.held ? each : fewest));
          const next = runner.held < 2 ? waiting.shift() : undefined;
          if (next === undefined) return;
          runner.held++;
          runner.pool.map(task, [next.item]).then(([result]) => {
            results[next.index] = result as Result;
            runner.held--;
            if (--left === 0) resolve(results);
            handOut();
          }, reject);
        }
      };
      if (left === 0) resolve(results);
      else handOut();
    });
  }

  override async terminate(): Promise<void> {
    await Promise.all([...this.#runners.map(({ pool }) => pool.terminate()), super.terminate()]);
  }
}
