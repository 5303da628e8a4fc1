/**
 * Lesson 2 of 5: Pool.map.
 *
 * The claim (pool.waits): a Pool "naturally waits": `map` returns only when every task is done, with
 * the results in the order of the items, never more than `size` tasks at once.
 *
 * Python's `Pool(4).map(download, files)`: four processes take the items one after another, each the
 * next item as soon as it is free, and `map` returns every result, in the order of the items, once the
 * last has ended. Write `map()` and `[Symbol.asyncDispose]()` below. `startRunner()`
 * (lessons/helpers.ts) starts a child process that runs one task at a time: `await runner.run(task,
 * item, index)` gives what the task returned.
 *
 * And the contract our Pool keeps, which the judge holds yours to as well:
 * - a task that fails does not stop the others: `map` settles only once every item has ended, and then,
 *   if any failed, rejects with a `PoolMapError` (lessons/helpers.ts) of every failure:
 *   `new PoolMapError({ values, errors })`, imported from '../helpers.ts' (Python's map, too, raises only once every task has ended);
 * - a runner whose child died (`runner.ended`) fails only the item it ran: start another in its place;
 * - `items` is any iterable (an array, a Set, a generator), an empty one too (map then gives []);
 * - disposing of the pool stops every runner it started, and waits until they have ended; a second
 *   dispose has nothing left to stop, and resolves as well.
 *
 * `npm run learn` judges this file. Stuck? `npm run learn -- --hint`.
 */
import { availableParallelism } from 'node:os';
import { startRunner, type TaskRef, type TaskRunner, todo } from '../helpers.ts';

export class Pool {
  /** The most tasks this pool runs at once, each in a runner of its own. */
  readonly size: number;
  /** The runners this pool started, so that it can stop them; never more than `size`. */
  readonly runners: TaskRunner[] = [];

  constructor(size = availableParallelism()) {
    this.size = size;
  }

  /**
   * Runs `task(item)` for every item, at most `size` at a time; once all have ended, resolves with their
   * results in the items' order, or rejects with a PoolMapError of every item that failed.
   */
  async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    todo(
      "map(): run task(item) for every item in at most `size` runners (startRunner), each taking the next item once free; return the results in the items' order, once all have ended",
    );
  }

  /** Stops every runner this pool started (`await using pool = new Pool()` calls it). */
  async [Symbol.asyncDispose](): Promise<void> {
    todo('[Symbol.asyncDispose](): stop every runner this pool started, and wait until they have ended');
  }
}
