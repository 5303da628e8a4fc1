import { availableParallelism } from 'node:os';
import type { Endpoint } from './runtime/endpoint.ts';
import { TaskError } from './runtime/errors.ts';
import { startProcess } from './runtime/process-endpoint.ts';
import { type Results, Runner } from './runtime/runner.ts';
import { describeCall, type TaskRef } from './runtime/task.ts';

export interface MapOptions {
  /**
   * How many items a runner takes at once (default 1): one message each way per chunk instead of per
   * item, which matters when tasks are tiny. A runner that dies fails every item of its chunk.
   * `'auto'` chooses as Python's `map` does: ceil(items / (4 × size)).
   */
  readonly chunksize?: number | 'auto';
}

/** Python's default chunksize for `map`: about four chunks per runner, at least one item each. */
export function pythonChunksize(items: number, size: number): number {
  return Math.max(1, Math.ceil(items / (4 * size)));
}

function chunksizeFor(chunksize: unknown, items: number, size: number): number {
  if (chunksize === 'auto') return pythonChunksize(items, size);
  if (!Number.isInteger(chunksize) || (chunksize as number) < 1) {
    const shown = typeof chunksize === 'string' ? JSON.stringify(chunksize) : String(chunksize);
    throw new RangeError(`map chunksize must be a positive integer or 'auto', got ${shown}`);
  }
  return chunksize as number;
}

/** What was thrown, as a message can say it (an Error as `Name: message`), whatever it is (even a value String() cannot convert). */
function shown(thrown: unknown): string {
  try {
    return String(thrown);
  } catch {
    return Object.prototype.toString.call(thrown);
  }
}

/** The items of an iterable, read once; one that throws while read is named as the cause. */
function read<Item>(items: Iterable<Item>): Item[] {
  const list: Item[] = [];
  try {
    for (const item of items) list.push(item);
  } catch (error) {
    throw new TypeError(`map could not read its items: reading item ${list.length} threw ${shown(error)}`, { cause: error });
  }
  return list;
}

/** `map` rejects with this once every task has ended and at least one failed; no result is dropped. */
export class PoolMapError extends AggregateError {
  override name = 'PoolMapError';
  /** Every item's value, in input order; `undefined` where the item failed. */
  readonly values: readonly unknown[];
  declare readonly errors: TaskError[];

  constructor({ values, errors }: Results) {
    const inOrder = [...errors].sort((a, b) => (a.item as number) - (b.item as number));
    super(inOrder, `${errors.length} of ${values.length} tasks failed; the first: ${inOrder[0]?.message}`, { cause: inOrder[0] });
    this.values = values;
  }
}

/** Consecutive items of one `map`, run by one runner in one message: a chunk. */
interface Chunk {
  readonly task: TaskRef;
  readonly items: readonly unknown[];
  /** The index of the chunk's first item in the map's input. */
  readonly first: number;
  readonly settle: (results: Results) => void;
}

type State = 'open' | 'closed' | 'terminated';

/**
 * Python's `multiprocessing.Pool(processes)`: at most `size` runners, child processes here, each running
 * one chunk at a time, reused from chunk to chunk. Runners start when work arrives; a runner that dies
 * is replaced. `ThreadPool` is the same pool over worker threads.
 */
export class Pool {
  readonly size: number;
  readonly #runners = new Set<Runner>();
  readonly #idle: Runner[] = [];
  readonly #queue: Chunk[] = [];
  #state: State = 'open';

  constructor(size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`${new.target.name} size must be a positive integer, got ${String(size)}`);
    this.size = size;
  }

  /** The child process or worker thread a new runner runs in. */
  protected startEndpoint(): Endpoint {
    return startProcess();
  }

  /**
   * Calls `task(item)` for every item and resolves with the results in input order, once every task
   * has ended: the pool "naturally waits". If any task failed, it rejects with a PoolMapError, after
   * the others have ended too, as Python's `map` does.
   */
  async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options: MapOptions = {}): Promise<Result[]> {
    // An async method: whatever is wrong with its input, even an iterable that throws, is a rejection, never a throw.
    if (this.#state !== 'open') throw new Error(`Cannot map on a ${this.#state} pool; make a new one`);
    if (typeof task?.module !== 'string' || typeof task.name !== 'string') {
      throw new TypeError(`map needs a task reference made by taskRef(moduleUrl, exportName), got ${String(task)}`);
    }
    if (typeof (items as Partial<Iterable<Item>> | null | undefined)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`map needs an iterable of items, got ${String(items)}`);
    }
    // An array is not copied (nor does Python copy a list): its chunks are sliced from it before map returns,
    // so what the caller changes afterwards is not run.
    const list = Array.isArray(items) ? (items as Item[]) : read(items);
    const chunksize = chunksizeFor(options?.chunksize === undefined ? 1 : options.chunksize, list.length, this.size);
    if (list.length === 0) return [];
    return new Promise<Result[]>((resolve, reject) => {
      const values = new Array<unknown>(list.length);
      const errors: TaskError[] = [];
      let left = list.length;
      for (let first = 0; first < list.length; first += chunksize) {
        const chunk = list.slice(first, first + chunksize);
        const settle = (results: Results) => {
          for (let offset = 0; offset < chunk.length; offset++) values[first + offset] = results.values[offset];
          for (const error of results.errors) errors.push(error);
          left -= chunk.length;
          if (left > 0) return;
          if (errors.length === 0) resolve(values as Result[]);
          else reject(new PoolMapError({ values, errors }));
        };
        this.#queue.push({ task, items: chunk, first, settle });
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
   * Ends every runner now: a busy one is killed, and its items fail saying so; an idle one, having
   * nothing to lose, is asked to leave and exits normally. Queued items fail without running.
   */
  async terminate(): Promise<void> {
    this.#state = 'terminated';
    for (const { task, items, first, settle } of this.#queue.splice(0)) {
      const never = (item: unknown, offset: number) =>
        new TaskError(describeCall(task, [item]), 'never ran: the pool was terminated', { item: first + offset });
      settle({ values: [], errors: items.map(never) });
    }
    await Promise.all([...this.#runners].map((runner) => (runner.busy ? runner.kill() : runner.stop())));
  }

  /** Waits until every runner has ended; only after `close()` or `terminate()`, as in Python. */
  async join(): Promise<void> {
    if (this.#state === 'open') throw new Error('Call close() or terminate() before join()');
    // A runner started while we wait, to replace one that died with work still queued, is waited for too.
    while (this.#runners.size > 0) await Promise.all([...this.#runners].map((runner) => runner.exited));
  }

  /** `await using pool = new Pool()` terminates the pool when the block ends, as Python's `with` does. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.terminate();
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const runner = this.#idle.pop() ?? (this.#runners.size < this.size ? this.#start() : undefined);
      if (runner === undefined) return;
      const chunk = this.#queue.shift() as Chunk;
      void runner.run(chunk.task, { items: chunk.items, spread: false }, chunk.first).then((results) => {
        if (!runner.ended) this.#idle.push(runner);
        chunk.settle(results);
        this.#pump();
      });
    }
    if (this.#state === 'closed') for (const runner of this.#idle.splice(0)) void runner.stop();
  }

  #start(): Runner {
    const runner = new Runner(this.startEndpoint());
    this.#runners.add(runner);
    void runner.exited.then(() => {
      this.#runners.delete(runner);
      const idle = this.#idle.indexOf(runner);
      if (idle >= 0) this.#idle.splice(idle, 1);
      // A runner that died is replaced, if work is waiting (after terminate() none is).
      this.#pump();
    });
    return runner;
  }
}
