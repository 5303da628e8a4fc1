import { TaskError } from './errors.ts';
import { forkRunner } from './process-endpoint.ts';
import { RunnerHost } from './runner-host.ts';
import { describeCall, type TaskRef } from './task.ts';

export interface ProcessOptions {
  /** Takes the child's stdout instead of letting it print to ours. */
  readonly onStdout?: (chunk: string) => void;
}

/**
 * Python's `multiprocessing.Process(target, args)`: `start()` runs the target in a new child process
 * and returns at once; `join()` waits for it to end. Unlike Python, `join()` also reports the
 * target's failure: it rejects with a TaskError whose cause is the child's own error and stack.
 */
export class Process<Args extends unknown[] = unknown[]> {
  readonly #target: TaskRef<Args>;
  readonly #args: Args;
  readonly #options: ProcessOptions;
  #host: RunnerHost | undefined;
  #finished: Promise<void> | undefined;
  #exitCode: number | null = null;

  constructor(target: TaskRef<Args>, args: Args = [] as unknown[] as Args, options: ProcessOptions = {}) {
    if (typeof target?.module !== 'string' || typeof target.name !== 'string') {
      throw new TypeError(`A Process target must be a task reference made by taskRef(moduleUrl, exportName), got ${String(target)}`);
    }
    if (!Array.isArray(args)) throw new TypeError(`Process args must be an array, got ${typeof args}`);
    this.#target = target;
    this.#args = args;
    this.#options = options;
  }

  /** The child's pid once started; `undefined` before. */
  get pid(): number | undefined {
    return this.#host?.pid;
  }

  /** The child's exit code once it has ended: 0, or 1 when the target threw; `null` before, or when killed by a signal. */
  get exitCode(): number | null {
    return this.#exitCode;
  }

  start(): void {
    if (this.#host !== undefined) throw new Error(`${describeCall(this.#target, this.#args)}: a process can only be started once`);
    const host = new RunnerHost(forkRunner(this.#options.onStdout));
    this.#host = host;
    const ran = host.run(this.#target, this.#args);
    this.#finished = ran.then(
      async () => {
        this.#exitCode = (await host.stop(0)).code;
      },
      async (error: unknown) => {
        this.#exitCode = (await host.stop(1)).code;
        throw error;
      },
    );
    // A failure is reported by join(); a process nobody joins must not crash the parent.
    this.#finished.catch(() => {});
  }

  /** Resolves once the child has ended (its output included); rejects if the target failed. */
  join(): Promise<void> {
    if (this.#finished === undefined) {
      return Promise.reject(new Error(`${describeCall(this.#target, this.#args)}: can only join a started process; call start() first`));
    }
    return this.#finished;
  }

  /** Ends the child at once (SIGKILL), as Python's `terminate()` does; `join()` then rejects. */
  async terminate(): Promise<void> {
    await this.#host?.kill();
  }
}
