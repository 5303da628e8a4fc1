/**
 * Lesson 1 of 5: Process.
 *
 * The claim (process.concurrent): two processes started one after another run at the same time, and
 * join waits for them: the total is about the slowest task, not the sum. And (process.own-pid): every
 * process has its own pid.
 *
 * Python's `Process(target=download, args=('file1',))`: `start()` runs the target in a new child
 * process and returns at once, so the program can start another; `join()` waits until the child has
 * ended. Write `start()` and `join()` below. `startChild` (lessons/helpers.ts) starts a child process
 * running a task and returns at once; its `ended` settles once the child has ended.
 *
 * `npm run learn` judges this file. Stuck? `npm run learn -- --hint`.
 */
import { type Child, type ChildOptions, startChild, type TaskRef, todo } from '../helpers.ts';

export class Process<Args extends unknown[] = unknown[]> {
  readonly target: TaskRef<Args>;
  readonly args: Args;
  readonly options: ChildOptions;
  #child: Child | undefined;

  constructor(target: TaskRef<Args>, args: Args = [] as unknown[] as Args, options: ChildOptions = {}) {
    this.target = target;
    this.args = args;
    this.options = options;
  }

  /** The child's pid once started; `undefined` before. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts a child process running the target with its args, and returns at once, while it runs. */
  start(): void {
    todo('start(): start a child running this.target with this.args (and this.options), keep it in this.#child, and return at once');
  }

  /** Waits until the child started by `start()` has ended. */
  async join(): Promise<void> {
    todo('join(): wait until the child that start() started has ended');
  }
}
