/**
 * The account model's threads, as the main thread sees them: a worker each (claims/tasks/account-thread.ts),
 * started once per case and sent one request per step. Every wait for an answer has the case's bound,
 * and names the step it was for.
 */
import { Worker } from 'node:worker_threads';
import type { AccountMemory } from '../../src/account.ts';
import { track } from '../../src/runtime/alive.ts';
import { childEnv } from '../../src/runtime/endpoint.ts';
import { settlesWithin } from '../support/settles.ts';
import type { Answer, Ask } from '../tasks/account-asks.ts';
import type { ClassRef } from '../tasks/judged.ts';

type Waiter = { readonly resolve: (answer: Answer) => void; readonly reject: (error: unknown) => void };

export class ModelThread {
  readonly name: string;
  readonly #worker: Worker;
  readonly #boundMs: number;
  /** Answers not yet asked for, and askers not yet answered, by request. */
  readonly #answers = new Map<number, Answer[]>();
  readonly #waiters = new Map<number, Waiter>();
  #next = 0;
  #failed: unknown;

  constructor(name: string, accountClass: ClassRef, memory: AccountMemory, boundMs: number) {
    this.name = name;
    this.#boundMs = boundMs;
    this.#worker = new Worker(new URL('../tasks/account-thread.ts', import.meta.url), { workerData: { accountClass, memory }, env: childEnv() });
    const untrack = track({ description: `${name} of the account model (thread ${this.#worker.threadId})`, kill: () => void this.#worker.terminate() });
    this.#worker.on('message', (answer: Answer) => {
      const waiter = this.#waiters.get(answer.id);
      this.#waiters.delete(answer.id);
      if (waiter === undefined) this.#answers.set(answer.id, [...(this.#answers.get(answer.id) ?? []), answer]);
      else waiter.resolve(answer);
    });
    // A class that throws as the thread makes it, or a thread that dies: every wait for it fails, saying so.
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.once('exit', (code) => {
      untrack();
      this.#fail(new Error(`${name} ended (exit code ${code}) before it answered`));
    });
  }

  get threadId(): number {
    return this.#worker.threadId;
  }

  /** Sends `ask`; the request's number, to wait for its answers by. */
  send(ask: Ask): number {
    const id = this.#next++;
    this.#worker.postMessage({ id, ask });
    return id;
  }

  /** The next answer to request `id`, within the bound. */
  answer(id: number, what: string): Promise<Answer> {
    const queued = this.#answers.get(id);
    const first = queued?.shift();
    if (first !== undefined) return Promise.resolve(first);
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const answered = new Promise<Answer>((resolve, reject) => this.#waiters.set(id, { resolve, reject }));
    return settlesWithin(answered, this.#boundMs, `${what}, in ${this.name}`);
  }

  async ask(ask: Ask, what: string): Promise<Answer> {
    return this.answer(this.send(ask), what);
  }

  terminate(): Promise<number> {
    return this.#worker.terminate();
  }

  #fail(error: unknown): void {
    this.#failed ??= error;
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
  }
}
