/**
 * What the lessons give you ready-made, because it is not the lesson: starting a child process and
 * passing it messages. These are the very pieces our own Process and Pool are built on (src/runtime/).
 */
import { KnownFailure } from '../claims/failures.ts';
import { startChild as startRunning } from '../src/runtime/child.ts';
import { startProcess } from '../src/runtime/process-endpoint.ts';
import { Runner } from '../src/runtime/runner.ts';
import type { TaskRef } from '../src/runtime/task.ts';

export { LockTimeoutError } from '../src/lock.ts';
export { PoolMapError } from '../src/pool.ts';
export type { TaskError } from '../src/runtime/errors.ts';
export type { TaskRef } from '../src/runtime/task.ts';

/** What a lesson's starting file throws where you have something to write: `todo('start(): ...')`. */
export function todo(what: string): never {
  throw new Error(`Not written yet: ${what}`);
}

export interface ChildOptions {
  /** Takes the child's output instead of letting it print to ours. */
  readonly onStdout?: (chunk: string) => void;
}

/** A child process running one task. */
export interface Child {
  readonly pid: number;
  /** Settles once the child has ended: resolves if its task returned, rejects with its error if it threw. */
  readonly ended: Promise<void>;
}

/** Starts a child process that runs `task(...args)` once, then ends. Returns at once, while the child runs. */
export function startChild<Args extends unknown[]>(task: TaskRef<Args>, args: Args, options: ChildOptions = {}): Child {
  const { runner, ended } = startRunning(startProcess(options.onStdout), task, args);
  return { pid: runner.pid, ended };
}

/** A child process that runs tasks one at a time, for as long as it is not stopped: what a pool is made of. */
export interface TaskRunner {
  readonly pid: number;
  /** Whether its child has ended (stopped, or died while it ran a task): a runner that has ended runs nothing more. */
  readonly ended: boolean;
  /**
   * Runs `task(item)` in the child: resolves with what it returned, or rejects with its error (a
   * TaskError, which names the item by `index`, its place among the map's items). One at a time.
   */
  run<Item, Result>(task: TaskRef<[Item], Result>, item: Item, index?: number): Promise<Result>;
  /** Asks the child to end once idle; resolves once it has. */
  stop(): Promise<void>;
}

export function startRunner(): TaskRunner {
  const runner = new Runner(startProcess());
  return {
    pid: runner.pid,
    get ended() {
      return runner.ended;
    },
    async run<Item, Result>(task: TaskRef<[Item], Result>, item: Item, index = 0): Promise<Result> {
      if (runner.busy) throw new Error(`Runner ${runner.pid} is still running a task: a runner runs one task at a time; await run() before the next`);
      if (runner.ended) throw new KnownFailure('runner.reused-after-end', `Runner ${runner.pid} has ended: start another with startRunner()`);
      const { values, errors } = await runner.run(task, { items: [item], spread: false }, index);
      if (errors.length > 0) throw errors[0];
      return values[0] as Result;
    },
    async stop(): Promise<void> {
      await runner.stop();
    },
  };
}
