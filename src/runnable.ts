import type { Endpoint } from './runner-host.ts';
import { RunnerHost } from './runner-host.ts';
import { describeCall, type TaskRef } from './task.ts';

/**
 * What Process and Thread have in common: a target run once in a runner of its own. `start()` returns
 * at once; `join()` waits for the runner to end and rejects if the target failed.
 */
export class Runnable<Args extends unknown[] = unknown[]> {
  readonly #target: TaskRef<Args>;
  readonly #args: Args;
  readonly #kind: string;
  readonly #startEndpoint: () => Endpoint;
  #host: RunnerHost | undefined;
  #finished: Promise<void> | undefined;
  #exitCode: number | null = null;

  constructor(kind: string, target: TaskRef<Args>, args: Args, startEndpoint: () => Endpoint) {
    if (typeof target?.module !== 'string' || typeof target.name !== 'string') {
      throw new TypeError(`A ${kind} target must be a task reference made by taskRef(moduleUrl, exportName), got ${String(target)}`);
    }
    if (!Array.isArray(args)) throw new TypeError(`${kind} args must be an array, got ${typeof args}`);
    this.#kind = kind;
    this.#target = target;
    this.#args = args;
    this.#startEndpoint = startEndpoint;
  }

  protected get host(): RunnerHost | undefined {
    return this.#host;
  }

  /** How the runner ended: 0, or 1 when the target threw; `null` before, or when it was killed. */
  protected get exit(): number | null {
    return this.#exitCode;
  }

  start(): void {
    if (this.#host !== undefined) {
      throw new Error(`${describeCall(this.#target, this.#args)}: a ${this.#kind.toLowerCase()} can only be started once`);
    }
    const host = new RunnerHost(this.#startEndpoint());
    this.#host = host;
    this.#finished = host.run(this.#target, this.#args).then(
      async () => {
        this.#exitCode = (await host.stop(0)).code;
      },
      async (error: unknown) => {
        this.#exitCode = (await host.stop(1)).code;
        throw error;
      },
    );
    // A failure is reported by join(); one nobody joins must not crash the parent.
    this.#finished.catch(() => {});
  }

  /** Resolves once the runner has ended, its output included; rejects if the target failed. */
  join(): Promise<void> {
    if (this.#finished === undefined) {
      const what = `${describeCall(this.#target, this.#args)}: can only join a ${this.#kind.toLowerCase()} that was started`;
      return Promise.reject(new Error(`${what}; call start() first`));
    }
    return this.#finished;
  }
}
