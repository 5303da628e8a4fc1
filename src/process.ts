import { startProcess } from './runtime/process-endpoint.ts';
import { Runnable } from './runtime/runnable.ts';
import type { TaskRef } from './runtime/task.ts';

export interface ProcessOptions {
  /** Takes the child's stdout instead of letting it print to ours. */
  readonly onStdout?: (chunk: string) => void;
}

/**
 * Python's `multiprocessing.Process(target, args)`: `start()` runs the target in a new child process
 * and returns at once; `join()` waits for it to end. Unlike Python, `join()` also reports the
 * target's failure: it rejects with a TaskError whose cause is the child's own error and stack.
 */
export class Process<Args extends unknown[] = unknown[]> extends Runnable<Args> {
  constructor(target: TaskRef<Args>, args: Args = [] as unknown[] as Args, options: ProcessOptions = {}) {
    super('Process', target, args, () => startProcess(options.onStdout));
  }

  /** The child's pid once started; `undefined` before. */
  get pid(): number | undefined {
    return this.runner?.pid;
  }
}
