import { startChild } from './child.ts';
import type { Endpoint } from './endpoint.ts';
import type { Runner } from './runner.ts';
import { describeCall, type TaskRef } from './task.ts';

/**
 * What Process and Thread have in common: a target run once in a runner of its own. `start()` returns
 * at once; `join()` waits for the runner to end and rejects if the target failed.
 */
export class Runnable<Args extends unknown[] = unknown[]> {
  readonly #kind: string;
  readonly #target: TaskRef<Args>;
  readonly #args: Args;
  readonly #start: () => Endpoint;
  #runner: Runner | undefined;
  #finished: Promise<void> | undefined;
  #exitCode: number | null = null;

  /** `start` starts the child process or worker thread the target runs in. */
  constructor(kind: string, target: TaskRef<Args>, args: Args, start: () => Endpoint) {
    if (typeof target?.module !== 'string' || typeof target.name !== 'string') {
      throw new TypeError(`A ${kind} target must be a task reference made by taskRef(moduleUrl, exportName), got ${String(target)}`);
    }
    if (!Array.isArray(args)) throw new TypeError(`${kind} args must be an array, got ${typeof args}`);
    this.#kind = kind.toLowerCase();
    this.#target = target;
    this.#args = args;
    this.#start = start;
  }

  /** The child process or worker thread the target runs in. */
  protected startEndpoint(): Endpoint {
    return this.#start();
  }

  protected get runner(): Runner | undefined {
    return this.#runner;
  }

  /** How the runner ended: 0, or 1 when the target threw; `null` before, or when it was killed. */
  get exitCode(): number | null {
    return this.#exitCode;
  }

  start(): void {
    if (this.#runner !== undefined) throw new Error(`${describeCall(this.#target, this.#args)}: a ${this.#kind} can only be started once`);
    const child = startChild(this.startEndpoint(), this.#target, this.#args);
    this.#runner = child.runner;
    this.#finished = child.exit.then((exit) => {
      this.#exitCode = exit.signal === null ? exit.code : null;
      return child.ended;
    });
    // A failure is reported by join(); one nobody joins must not crash the parent.
    this.#finished.catch(() => {});
  }

  /** Resolves once the runner has ended, all it printed delivered; rejects if the target failed. */
  join(): Promise<void> {
    if (this.#finished === undefined) {
      return Promise.reject(new Error(`${describeCall(this.#target, this.#args)}: can only join a ${this.#kind} that was started; call start() first`));
    }
    return this.#finished;
  }

  /** Ends the runner at once (SIGKILL for a process, `worker.terminate()` for a thread); `join()` then rejects. */
  async terminate(): Promise<void> {
    await this.#runner?.kill();
  }
}
