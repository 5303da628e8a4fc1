/**
 * A "process" that runs its target in the parent, as an async call: it has the parent's pid, and it
 * shares the parent's modules, so the Ping/Pong counter is shared too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import process from 'node:process';
import { format } from 'node:util';
import type { TaskRef } from '../../src/runtime/task.ts';

// Each in-process "child" prints to its own onStdout, as a real child's pipe would; anything else prints as usual.
const sink = new AsyncLocalStorage<(chunk: string) => void>();
const print = console.log;
console.log = (...args: unknown[]) => {
  const take = sink.getStore();
  if (take === undefined) print(...args);
  else take(`${format(...args)}\n`);
};

export class InProcessProcess<Args extends unknown[]> {
  readonly #target: TaskRef<Args>;
  readonly #args: Args;
  readonly #onStdout: (chunk: string) => void;
  #done: Promise<void> | undefined;
  pid: number | undefined;

  constructor(target: TaskRef<Args>, args: Args, options: { onStdout?: (chunk: string) => void } = {}) {
    this.#target = target;
    this.#args = args;
    this.#onStdout = options.onStdout ?? ((chunk) => process.stdout.write(chunk));
  }

  start(): void {
    this.pid = process.pid;
    this.#done = sink.run(this.#onStdout, async () => {
      const module = (await import(this.#target.module)) as Record<string, (...args: Args) => unknown>;
      await module[this.#target.name]?.(...this.#args);
    });
  }

  join(): Promise<void> {
    return this.#done ?? Promise.reject(new Error('not started'));
  }
}
