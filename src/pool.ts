import { availableParallelism } from 'node:os';
import { TaskError } from './errors.ts';
import { forkRunner } from './process-endpoint.ts';
import { RunnerHost } from './runner-host.ts';
import { describeCall, type TaskRef } from './task.ts';

/** Some consecutive items of one `map`, run by one runner: one item, or a chunk of `chunksize`. */
interface Job {
  readonly task: TaskRef;
  readonly items: readonly unknown[];
  /** The index of `items[0]` in the map's input. */
  readonly first: number;
  /** Sent as a chunk (`chunksize` > 1), even when it holds a single item. */
  readonly chunked: boolean;
  /** Records the job's results: `values[offset]` for each item, except those `failures` has a reason for. */
  readonly settle: (first: number, count: number, values: readonly unknown[], failures: ReadonlyMap<number, unknown>) => void;
}

export interface MapOptions {
  /**
   * How many items a runner takes at once (default 1): one message each way per chunk instead of per
   * item, which matters when tasks are tiny. A runner that dies loses its whole chunk, so each of the
   * chunk's items fails. `'auto'` chooses as Python's `map` does: ceil(items / (4 × size)).
   */
  readonly chunksize?: number | 'auto';
}

/** Python's default chunksize for `map`: about four chunks per worker, at least one item each. */
export function pythonChunksize(items: number, size: number): number {
  return Math.max(1, Math.ceil(items / (4 * size)));
}

function chunksizeFor(chunksize: unknown, items: number, size: number): number {
  if (chunksize === 'auto') return pythonChunksize(items, size);
  if (!Number.isInteger(chunksize) || (chunksize as number) < 1) {
    throw new RangeError(
      `map chunksize must be a positive integer or 'auto', got ${typeof chunksize === 'string' ? JSON.stringify(chunksize) : String(chunksize)}`,
    );
  }
  return chunksize as number;
}

/** `map` rejects with this once every task has ended and at least one failed; no result is dropped. */
export class PoolMapError extends AggregateError {
  override name = 'PoolMapError';
  /** Every item's outcome, in input order. */
  readonly outcomes: readonly PromiseSettledResult<unknown>[];

  constructor(outcomes: readonly PromiseSettledResult<unknown>[]) {
    const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    super(errors, `${errors.length} of ${outcomes.length} tasks failed; the first: ${errors[0]?.message}`, { cause: errors[0] });
    this.outcomes = outcomes;
  }
}

type State = 'open' | 'closed' | 'terminated';

const noFailures: ReadonlyMap<number, unknown> = new Map();

/**
 * Python's `multiprocessing.Pool`: at most `size` runners, each running one task at a time, reused
 * from task to task. Runners start when work arrives and idle ones do not keep the program alive.
 * Subclasses choose what a runner is: `Pool` uses child processes, `ThreadPool` worker threads.
 */
export class WorkerPool {
  readonly size: number;
  readonly #limit: number;
  readonly #startRunner: () => RunnerHost;
  readonly #runners = new Set<RunnerHost>();
  readonly #idle: RunnerHost[] = [];
  readonly #queue: Job[] = [];
  #state: State = 'open';

  constructor(size: number, startRunner: () => RunnerHost, kind: string) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`${kind} size must be a positive integer, got ${String(size)}`);
    }
    this.size = size;
    this.#limit = size;
    this.#startRunner = startRunner;
  }

  /**
   * Calls `task(item)` for every item and resolves with the results in input order, once every task
   * has ended: the pool "naturally waits". If any task failed, it rejects with a PoolMapError, after
   * the others have ended too, as Python's `map` does.
   */
  map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options: MapOptions = {}): Promise<Result[]> {
    if (this.#state !== 'open') return Promise.reject(new Error(`Cannot map on a ${this.#state} pool; make a new one`));
    if (typeof task?.module !== 'string' || typeof task.name !== 'string') {
      return Promise.reject(new TypeError(`map needs a task reference made by taskRef(moduleUrl, exportName), got ${String(task)}`));
    }
    if (items === null || typeof (items as Partial<Iterable<Item>>)?.[Symbol.iterator] !== 'function') {
      return Promise.reject(new TypeError(`map needs an iterable of items, got ${String(items)}`));
    }
    const list = [...items];
    let chunksize: number;
    try {
      const requested = options?.chunksize;
      chunksize = chunksizeFor(requested === undefined ? 1 : requested, list.length, this.size);
    } catch (error) {
      return Promise.reject(error);
    }
    const results = new Array<unknown>(list.length);
    const failed = new Map<number, unknown>();
    let left = list.length;
    if (left === 0) return Promise.resolve([]);
    return new Promise<Result[]>((resolve, reject) => {
      const settle = (first: number, count: number, values: readonly unknown[], failures: ReadonlyMap<number, unknown>) => {
        for (let offset = 0; offset < count; offset++) {
          if (failures.size > 0 && failures.has(offset)) failed.set(first + offset, failures.get(offset));
          else results[first + offset] = values[offset];
        }
        left -= count;
        if (left > 0) return;
        if (failed.size === 0) resolve(results as Result[]);
        else {
          // Not results.map: a failed item's place in `results` is a hole, which map would skip.
          const outcome = (_: unknown, index: number): PromiseSettledResult<unknown> =>
            failed.has(index) ? { status: 'rejected', reason: failed.get(index) } : { status: 'fulfilled', value: results[index] };
          reject(new PoolMapError(Array.from(results, outcome)));
        }
      };
      for (let first = 0; first < list.length; first += chunksize) {
        this.#queue.push({ task, items: list.slice(first, first + chunksize), first, chunked: chunksize > 1, settle });
      }
      this.#pump();
    });
  }

  /** No more work may be submitted; runners leave once the queued work is done. */
  close(): void {
    if (this.#state === 'open') this.#state = 'closed';
    this.#pump();
  }

  /**
   * Ends every runner now: a busy one is killed, and its task fails with an error that says so; an idle
   * one, having nothing to lose, is asked to leave and exits normally. Queued tasks fail without running.
   */
  async terminate(): Promise<void> {
    this.#state = 'terminated';
    for (const job of this.#queue.splice(0)) {
      const never = (item: unknown, offset: number) =>
        [offset, new TaskError(describeCall(job.task, [item]), 'never ran: the pool was terminated', { item: job.first + offset })] as const;
      job.settle(job.first, job.items.length, [], new Map(job.items.map(never)));
    }
    await Promise.all([...this.#runners].map((runner) => (runner.busy ? runner.kill() : runner.stop())));
  }

  /** Waits for every runner to end; only after `close()` or `terminate()`, as in Python. */
  async join(): Promise<void> {
    if (this.#state === 'open') throw new Error('Call close() or terminate() before join()');
    await Promise.all([...this.#runners].map((runner) => runner.exited));
  }

  /** On Node 24 and later, `await using pool = new Pool()` terminates the pool when the block ends, as Python's `with` does. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.terminate();
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const runner = this.#idle.pop() ?? (this.#runners.size < this.#limit ? this.#start() : undefined);
      if (runner === undefined) return;
      this.#run(runner, this.#queue.shift() as Job);
    }
    if (this.#state === 'closed') {
      for (const runner of this.#idle.splice(0)) void runner.stop();
    }
  }

  #start(): RunnerHost {
    const runner = this.#startRunner();
    this.#runners.add(runner);
    void runner.exited.then(() => {
      // A runner that died is replaced by the next #pump, if work is waiting.
      this.#runners.delete(runner);
      const idle = this.#idle.indexOf(runner);
      if (idle >= 0) this.#idle.splice(idle, 1);
      if (this.#state !== 'terminated') this.#pump();
    });
    return runner;
  }

  #run(runner: RunnerHost, { task, items, first, chunked, settle }: Job): void {
    const done = (values: readonly unknown[], failures: ReadonlyMap<number, unknown>) => {
      settle(first, items.length, values, failures);
      if (!runner.ended) this.#idle.push(runner);
      this.#pump();
      // Still idle once the waiting work is handed out: it must not keep the program alive.
      if (this.#idle.includes(runner)) runner.idle();
    };
    if (!chunked) {
      runner.run(task, items, first).then(
        (value) => done([value], noFailures),
        (reason: unknown) => done([], new Map([[0, reason]])),
      );
      return;
    }
    runner.runChunk(task, items, first).then(
      (results) => done(results.values, results.failures),
      (lost: Error) => {
        const reason = (item: unknown, offset: number) =>
          [offset, new TaskError(describeCall(task, [item]), `was lost with its chunk: ${lost.message}`, { cause: lost, item: first + offset })] as const;
        done([], new Map(items.map(reason)));
      },
    );
  }
}

/** Python's `multiprocessing.Pool(processes)`: a pool of child processes. */
export class Pool extends WorkerPool {
  constructor(size: number = availableParallelism()) {
    super(size, () => new RunnerHost(forkRunner()), 'Pool');
  }
}
