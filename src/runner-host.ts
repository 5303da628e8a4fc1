import { reviveError, TaskError } from './errors.ts';
import type { FromRunner, ItemFailure, ToRunner } from './protocol.ts';
import { describeCall, moduleFile, type TaskRef } from './task.ts';

/** How a process or thread ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: string | null;
  /** An error the thread raised outside any task (a worker's `error` event). */
  readonly error?: Error;
}

/** What a runner host needs of a child process or a worker: one implementation per backend. */
export interface Endpoint {
  /** "process 1234" or "thread 3 of process 1234". */
  readonly description: string;
  readonly pid: number;
  readonly threadId: number;
  post(message: ToRunner): void;
  onMessage(handler: (message: FromRunner) => void): void;
  /** Called once, when the process or thread has ended and its output is drained. */
  onExit(handler: (exit: Exit) => void): void;
  kill(): void;
  /** Whether this endpoint keeps the parent's event loop alive. */
  ref(keepAlive: boolean): void;
}

interface PendingRun {
  /** Names the call in errors; only called when one is made, since naming it costs more than running a trivial task. */
  readonly call: () => string;
  readonly item: number | undefined;
  /** Takes the runner's answer: `done` or `chunk-done` as sent, `failed` already made a TaskError. */
  readonly resolve: (answer: FromRunner) => void;
  readonly reject: (error: Error) => void;
}

/** A chunk's results: each item's value in order, and the error of each item that failed, by offset. */
export interface ChunkResults {
  readonly values: readonly unknown[];
  readonly failures: ReadonlyMap<number, Error>;
}

function describeExit(exit: Exit): string {
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/** The parent's side of one runner: it runs one task at a time and notices when the runner dies. */
export class RunnerHost {
  readonly #endpoint: Endpoint;
  #pending: PendingRun | undefined;
  #nextId = 0;
  #exit: Exit | undefined;
  /** Whether the endpoint keeps the program alive now; changed only when it must change. */
  #keepingAlive = true;
  readonly exited: Promise<Exit>;

  constructor(endpoint: Endpoint) {
    this.#endpoint = endpoint;
    endpoint.onMessage((message) => this.#receive(message));
    this.exited = new Promise((resolve) => {
      endpoint.onExit((exit) => {
        this.#exit = exit;
        this.#failPending(exit);
        resolve(exit);
      });
    });
  }

  get pid(): number {
    return this.#endpoint.pid;
  }

  get threadId(): number {
    return this.#endpoint.threadId;
  }

  get busy(): boolean {
    return this.#pending !== undefined;
  }

  get ended(): boolean {
    return this.#exit !== undefined;
  }

  run(task: TaskRef, args: readonly unknown[], item?: number): Promise<unknown> {
    const call = () => describeCall(task, args);
    const message = { type: 'run', id: this.#nextId++, module: task.module, name: task.name, args } as const;
    return this.#send(message, call, item, (answer) => (answer as { value: unknown }).value);
  }

  /**
   * Runs `task(item)` for each item in the runner, one message each way for the whole chunk. Each item's
   * outcome is its own; the promise rejects only when the chunk as a whole fails (the task cannot be
   * loaded, or the runner dies), and then no item of the chunk has a result: a chunk is lost whole.
   */
  runChunk(task: TaskRef, items: readonly unknown[], first: number): Promise<ChunkResults> {
    const call = () => `${task.name} over items ${first}..${first + items.length - 1} from ${moduleFile(task)}`;
    const message = { type: 'chunk', id: this.#nextId++, module: task.module, name: task.name, items } as const;
    return this.#send(message, call, undefined, (answer) => {
      const { values, failures } = answer as { values: readonly unknown[]; failures: readonly ItemFailure[] };
      const errors = new Map<number, Error>();
      for (const { offset, error } of failures) {
        const reason = `failed: ${error.message}`;
        errors.set(offset, new TaskError(describeCall(task, [items[offset]]), reason, { cause: reviveError(error), item: first + offset }));
      }
      return { values, failures: errors };
    });
  }

  /** Posts `message`; the promise settles with `take(answer)` once the runner answers, or fails as the run did. */
  #send<T>(message: ToRunner, call: () => string, item: number | undefined, take: (answer: FromRunner) => T): Promise<T> {
    // Callers (Runnable, WorkerPool) hand a runner one task at a time, and never one that has ended.
    this.#keepAlive(true);
    return new Promise<T>((resolve, reject) => {
      try {
        this.#endpoint.post(message);
      } catch (error) {
        reject(new TaskError(call(), `could not be sent to ${this.#endpoint.description}: ${(error as Error).message}`, { cause: error, item }));
        return;
      }
      this.#pending = { call, item, resolve: (answer) => resolve(take(answer)), reject };
    });
  }

  /**
   * An idle pool runner must not keep the program alive: a forgotten pool should not hang it. The pool
   * calls this as soon as a task has settled, before any caller can stop() the runner: a runner told to
   * leave must keep the program alive, or `await pool.terminate()` could see Node exit first.
   */
  idle(): void {
    this.#keepAlive(false);
  }

  #keepAlive(on: boolean): void {
    if (this.#keepingAlive === on) return;
    this.#keepingAlive = on;
    this.#endpoint.ref(on);
  }

  /** Asks the runner to leave once idle; resolves when it has ended. */
  stop(exitCode = 0): Promise<Exit> {
    if (this.#exit === undefined) {
      this.#keepAlive(true);
      this.#endpoint.post({ type: 'stop', exitCode });
    }
    return this.exited;
  }

  kill(): Promise<Exit> {
    if (this.#exit === undefined) {
      // Keep the program alive until the runner's end is seen, or `await pool.terminate()` never settles.
      this.#keepAlive(true);
      this.#endpoint.kill();
    }
    return this.exited;
  }

  #receive(message: FromRunner): void {
    // A runner answers each run exactly once, and only the run it was given.
    const pending = this.#pending as PendingRun;
    this.#pending = undefined;
    if (message.type !== 'failed') pending.resolve(message);
    else {
      const cause = reviveError(message.error);
      pending.reject(new TaskError(pending.call(), `failed: ${message.error.message}`, { cause, item: pending.item }));
    }
  }

  #failPending(exit: Exit): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    const reason = `did not finish: ${this.#endpoint.description} ${describeExit(exit)}`;
    const message = exit.error === undefined ? reason : `${reason}: ${exit.error.message}`;
    pending.reject(new TaskError(pending.call(), message, { cause: exit.error, item: pending.item }));
  }
}
