/**
 * The judged threads' workers, and what they tell the scheduler besides the control block: a failed
 * execution's error, and, when asked, where in the judged code each step is asked for. Started once, and
 * again only when a thread does not come back from an abandoned execution.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { JudgedThread, Place, ThreadError } from './execution.ts';
import type { ControlBuffers } from './layout.ts';
import type { JudgedData } from './worker.ts';

const judgedPath = new URL('./worker.ts', import.meta.url);

export interface WorkerOptions {
  readonly handshake: JudgedData['handshake'];
  readonly provokeLateWakes: boolean;
  readonly locate: boolean;
}

export class Workers {
  readonly #threads: readonly JudgedThread[];
  readonly #memory: Readonly<Record<string, SharedArrayBuffer>>;
  readonly #control: ControlBuffers;
  readonly #options: WorkerOptions;
  #workers!: Worker[];
  #errors!: MessageChannel[];
  #places!: MessageChannel[];
  /** Each thread's last place, as its port last told it. */
  #placed!: Place[][];
  /** A judged thread that could not even start (its module would not load): said at the next run. */
  unable: Error | undefined;

  constructor(threads: readonly JudgedThread[], memory: Readonly<Record<string, SharedArrayBuffer>>, control: ControlBuffers, options: WorkerOptions) {
    this.#threads = threads;
    this.#memory = memory;
    this.#control = control;
    this.#options = options;
  }

  /** Starts one worker per thread, each ready to run its judged function once the control block says so. */
  async start(): Promise<void> {
    this.#errors = this.#threads.map(() => new MessageChannel());
    this.#places = this.#options.locate ? this.#threads.map(() => new MessageChannel()) : [];
    this.#workers = this.#threads.map((thread, index) => {
      const errors = (this.#errors[index] as MessageChannel).port2;
      const places = this.#places[index]?.port2;
      const data: JudgedData = {
        control: this.#control,
        thread: index,
        memory: this.#memory,
        module: thread.module,
        name: thread.name,
        args: thread.args ?? [],
        errors,
        handshake: this.#options.handshake,
        provokeLateWakes: this.#options.provokeLateWakes,
        places,
      };
      return new Worker(judgedPath, { workerData: data, transferList: places === undefined ? [errors] : [errors, places] });
    });
    // Each says it is ready once its judged function is loaded, or fails to load it.
    const ready = (worker: Worker) =>
      new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('error', (error: Error) => {
          this.unable ??= error;
          resolve();
        });
      });
    await Promise.all(this.#workers.map(ready));
  }

  /** Ends the workers: until then they keep the program alive. Our ends of their ports hold nothing open: never listened to, only read. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  get threadIds(): number[] {
    return this.#workers.map((worker) => worker.threadId);
  }

  /** The error a failed thread sent, read without waiting for an event: it sent it before it said it failed. */
  errorOf(thread: number): ThreadError {
    return (receiveMessageOnPort((this.#errors[thread] as MessageChannel).port1)?.message as ThreadError | undefined) ?? { text: 'undefined' };
  }

  /** Where `thread` last asked for a step: the last place its port holds (each step sends one). */
  placeOf(thread: number): Place[] {
    const port = this.#places[thread]?.port1;
    if (port === undefined) return [];
    for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port))
      this.#placed[thread] = message.message as Place[];
    return this.#placed[thread] as Place[];
  }

  /** Forgets the places of the execution before, read or not: called before a new one starts. */
  forgetPlaces(): void {
    for (const { port1 } of this.#places) while (receiveMessageOnPort(port1) !== undefined);
    this.#placed = this.#threads.map(() => []);
  }
}
