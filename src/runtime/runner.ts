import type { Endpoint, Exit } from './endpoint.ts';
import { reviveError, TaskError } from './errors.ts';
import { type Answer, argsOf, type Calls } from './protocol.ts';
import { describeCall, type TaskRef } from './task.ts';

/** What a run gives back: each call's value in order (`undefined` where it failed), and the error of each call that failed. */
export interface Results {
  readonly values: readonly unknown[];
  readonly errors: readonly TaskError[];
}

interface Run {
  readonly task: TaskRef;
  readonly calls: Calls;
  /** The map's index of the first call, which errors name; none for the one call of a Process or Thread. */
  readonly first: number | undefined;
  readonly resolve: (results: Results) => void;
}

function describeExit({ code, signal, error }: Exit): string {
  const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
  return error === undefined ? how : `${how}: ${error.message}`;
}

/**
 * A child process or worker thread that runs tasks, as its parent sees it: one run at a time, each a
 * batch of calls of one task. A runner that dies fails the calls of its run; it never leaves them waiting.
 */
export class Runner {
  readonly #endpoint: Endpoint;
  #run: Run | undefined;
  /** Asked to stop, or killed: its end is on its way. */
  #ending = false;
  #exit: Exit | undefined;
  /** A new process or worker keeps the program alive until told otherwise. */
  #keepingAlive = true;
  /** Resolves once the runner has ended, all it printed delivered. */
  readonly exited: Promise<Exit>;

  constructor(endpoint: Endpoint) {
    this.#endpoint = endpoint;
    endpoint.onMessage((answer) => this.#answered(answer));
    this.exited = new Promise((resolve) => {
      endpoint.onExit((exit) => {
        this.#exit = exit;
        if (this.#run !== undefined) this.#fail(`did not finish: ${endpoint.description} ${describeExit(exit)}`, exit.error);
        this.#keepAliveAsRuled();
        resolve(exit);
      });
    });
    this.#keepAliveAsRuled();
  }

  get pid(): number {
    return this.#endpoint.pid;
  }

  get threadId(): number {
    return this.#endpoint.threadId;
  }

  get busy(): boolean {
    return this.#run !== undefined;
  }

  get ended(): boolean {
    return this.#exit !== undefined;
  }

  /**
   * Calls `task` once per item of `calls`, and resolves with every call's outcome;
   * it never rejects. Callers (Runnable, Pool) give a runner one run at a time, and never one that has ended.
   */
  run(task: TaskRef, calls: Calls, first?: number): Promise<Results> {
    return new Promise((resolve) => {
      this.#run = { task, calls, first, resolve };
      this.#keepAliveAsRuled();
      try {
        this.#endpoint.post({ type: 'run', module: task.module, name: task.name, items: calls.items, spread: calls.spread });
      } catch (error) {
        this.#fail(`could not be sent to ${this.#endpoint.description}: ${(error as Error).message}`, error);
      }
    });
  }

  /** Asks the runner to leave once idle; resolves when it has ended. */
  stop(exitCode = 0): Promise<Exit> {
    if (!this.#ending && this.#exit === undefined) {
      this.#ending = true;
      this.#keepAliveAsRuled();
      this.#endpoint.post({ type: 'stop', exitCode });
    }
    return this.exited;
  }

  /** Ends the runner now; its run, if any, fails. Resolves when it has ended. */
  kill(): Promise<Exit> {
    if (this.#exit === undefined) {
      this.#ending = true;
      this.#keepAliveAsRuled();
      this.#endpoint.kill();
    }
    return this.exited;
  }

  /**
   * The one rule of liveness: a runner keeps the program alive while it has a run or is ending, and
   * never otherwise. An idle runner of a forgotten pool must not hang the program; one that is ending
   * must hold it, or `await pool.terminate()` could see Node exit before the runner's end arrives.
   */
  #keepAliveAsRuled(): void {
    const keepAlive = this.#exit === undefined && (this.#run !== undefined || this.#ending);
    if (keepAlive === this.#keepingAlive) return;
    this.#keepingAlive = keepAlive;
    this.#endpoint.ref(keepAlive);
  }

  #answered({ values, failures }: Answer): void {
    const run = this.#run as Run;
    this.#settle(
      values,
      failures.map(({ index, error }) => this.#error(run, index, `failed: ${error.message}`, reviveError(error))),
    );
  }

  /** Every call of the run fails, for one reason. */
  #fail(reason: string, cause: unknown): void {
    const run = this.#run as Run;
    this.#settle(
      [],
      run.calls.items.map((_, index) => this.#error(run, index, reason, cause)),
    );
  }

  #error(run: Run, index: number, reason: string, cause: unknown): TaskError {
    const item = run.first === undefined ? undefined : run.first + index;
    return new TaskError(describeCall(run.task, argsOf(run.calls, index)), reason, { cause, item });
  }

  #settle(values: readonly unknown[], errors: readonly TaskError[]): void {
    const run = this.#run as Run;
    this.#run = undefined;
    this.#keepAliveAsRuled();
    run.resolve({ values, errors });
  }
}
