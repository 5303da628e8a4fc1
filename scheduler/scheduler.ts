/**
 * A scheduler for real threads, as loom is for Rust: the judged code runs, unchanged, in real worker
 * threads (worker.ts), but each of its Atomics operations waits for its turn, and the scheduler chooses
 * which thread takes the next step. `Atomics.wait` is modelled: a waiting thread can go on only once a
 * notify wakes it, or, when it has a timeout, once the schedule lets that timeout expire (time is
 * virtual: `performance.now` jumps to the deadline). When every unfinished thread waits and nothing can
 * wake one, that is a deadlock, reported at once with the steps that led to it.
 *
 * Every hand-off is a handshake (handshake.ts): a thread takes a step only when the scheduler gives it
 * the turn, and one woken without it says so, and the run fails (StrayWake). A replay that does not go as
 * it went the first time fails too (Nondeterminism): a schedule is never skipped.
 *
 * What it cannot see: plain reads and writes of shared memory (not through Atomics) are not steps, so a
 * race between them is not explored; and work that touches no shared memory runs between steps unseen.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { carryOn, type Execution, type JudgedThread, type Pending, type Pick, type Place, type Step } from './execution.ts';
import { type ExploreOptions, explore } from './exploration.ts';
import { handOver, waitWhile } from './handshake.ts';
import { type Access, access, clock, taken } from './independence.ts';
import {
  ABANDON,
  ADDRESS,
  ARG1,
  ARG2,
  CLOCK_READS,
  COMMAND,
  clockIndex,
  FAILED,
  FINISHED,
  FLOAT_SLOT,
  GO_WAIT,
  INDEX,
  INT_SLOT,
  layout,
  OP,
  type Operation,
  operations,
  REQUESTING,
  RESULT,
  RUNNING,
  STRAY,
  TIMED_OUT,
  UNWOUND,
  WAITING,
  WAKE,
  WIDTH,
  WOKEN,
} from './layout.ts';
import type { JudgedData } from './worker.ts';

// What a judge of threads needs, from one module: the executions (execution.ts) and their exploration (exploration.ts).
export * from './execution.ts';
export { type ExploreOptions, Nondeterminism, type Tally } from './exploration.ts';

const judgedPath = new URL('./worker.ts', import.meta.url);

/** A judged thread was woken without being given its turn: the handshake let a stray or late wake-up through. */
export class StrayWake extends Error {
  override name = 'StrayWake';
}

export interface SchedulerOptions {
  /** The wait of the handshake the judged threads use, if not ours: a broken one, to prove the spec rejects it. */
  readonly handshake?: { readonly module: string; readonly name: string };
  /**
   * Test-only: make every wake-up late. A thread lingers after announcing its step until it is given the
   * turn or told to wait, so that whenever it is chosen next it has its turn before it waits; the
   * scheduler's notify then comes only once the thread has gone on and waits for its next turn. A
   * handshake that a late wake-up gets through is caught at the first such step, every time.
   */
  readonly provokeLateWakes?: boolean;
  /**
   * Tell where in the judged code each thread's next step is (Pending.calls): its calls, read from the
   * stack at every step. For a reader following the code (npm run learn -- --play), at some cost a step.
   */
  readonly locate?: boolean;
}

interface Asked {
  readonly op: Operation;
  readonly address: number;
  readonly index: number;
  /** The memory, as a reader knows it: `lock`, `balance`, or the thread's own. */
  readonly where: string;
  readonly arg1: number;
  readonly arg2: number;
}

interface Waiter {
  readonly thread: number;
  readonly address: number;
  readonly index: number;
  readonly since: number;
  readonly timeout: number;
  notified: boolean;
}

const copied = (memory: Readonly<Record<string, SharedArrayBuffer>>) =>
  Object.fromEntries(
    Object.entries(memory).map(([name, buffer]) => {
      const copy = new SharedArrayBuffer(buffer.byteLength);
      new Uint8Array(copy).set(new Uint8Array(buffer));
      return [name, copy];
    }),
  );

/** How long the scheduler keeps trying to deliver a late wake-up, when provoking them. */
const provokeMs = 50;
/** How long a thread may run between two steps before it is called stuck (it loops, or awaits what never comes). */
const stuckMs = 5_000;
/** How long an abandoned thread may take to unwind before its workers are replaced instead. */
const unwindMs = 1_000;
/** An execution longer than this is a livelock. */
export const maxSteps = 5_000;

export class Scheduler {
  readonly #threads: readonly JudgedThread[];
  readonly #memory: Readonly<Record<string, SharedArrayBuffer>>;
  readonly #names: readonly string[];
  readonly #ints: Int32Array;
  readonly #floats: Float64Array;
  #workers: Worker[] = [];
  #errors: MessageChannel[] = [];
  #places: MessageChannel[] = [];
  /** Each thread's last place, as its port last told it. */
  #placed: Place[][] = [];
  #execution = 0;
  /** A judged thread that could not even start (its module would not load): said at the next run. */
  #unable: Error | undefined;
  /** How many times its workers were replaced, their threads having not come back: a deadlock unwound costs none. */
  #restarts = 0;
  readonly #options: SchedulerOptions;

  private constructor(memory: Readonly<Record<string, SharedArrayBuffer>>, threads: readonly JudgedThread[], options: SchedulerOptions) {
    this.#options = options;
    this.#memory = memory;
    this.#names = Object.keys(memory);
    this.#threads = threads;
    const control = new SharedArrayBuffer(threads.length * INT_SLOT * 4);
    const numbers = new SharedArrayBuffer((threads.length * FLOAT_SLOT + 1) * 8);
    ({ ints: this.#ints, floats: this.#floats } = layout(control, numbers));
  }

  /** Starts one worker per thread, each ready to run its judged function on `memory` (named shared buffers). */
  static async start(
    memory: Readonly<Record<string, SharedArrayBuffer>>,
    threads: readonly JudgedThread[],
    options: SchedulerOptions = {},
  ): Promise<Scheduler> {
    const scheduler = new Scheduler(memory, threads, options);
    await scheduler.#startWorkers();
    return scheduler;
  }

  async #startWorkers(): Promise<void> {
    this.#ints.fill(0);
    this.#execution = 0;
    this.#errors = this.#threads.map(() => new MessageChannel());
    this.#places = this.#options.locate === true ? this.#threads.map(() => new MessageChannel()) : [];
    this.#placed = this.#threads.map(() => []);
    this.#workers = this.#threads.map((thread, index) => {
      const errors = (this.#errors[index] as MessageChannel).port2;
      const places = this.#places[index]?.port2;
      const data: JudgedData = {
        control: this.#ints.buffer as SharedArrayBuffer,
        numbers: this.#floats.buffer as SharedArrayBuffer,
        threads: this.#threads.length,
        thread: index,
        memory: this.#memory,
        module: thread.module,
        name: thread.name,
        args: thread.args ?? [],
        errors,
        handshake: this.#options.handshake,
        provokeLateWakes: this.#options.provokeLateWakes ?? false,
        places,
      };
      return new Worker(judgedPath, { workerData: data, transferList: places === undefined ? [errors] : [errors, places] });
    });
    // Each says it is ready once its judged function is loaded, or fails to load it.
    const ready = (worker: Worker) =>
      new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('error', (error: Error) => {
          this.#unable ??= error;
          resolve();
        });
      });
    await Promise.all(this.#workers.map(ready));
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    for (const channel of [...this.#errors, ...this.#places]) channel.port1.close();
  }

  /**
   * Runs the judged threads once, from fresh (zeroed) memory, taking steps in the order `pick` chooses;
   * with `until`, it pauses once it has taken that many (outcome `paused`, each thread where `pending`
   * says), unless the execution ends first. A paused execution is not resumed: it is run again, longer
   * (as undo and every step of npm run learn -- --play do), the threads unwound meanwhile.
   */
  async run(pick: Pick = carryOn, until = Number.POSITIVE_INFINITY): Promise<Execution> {
    if (this.#unable !== undefined) throw new Error(`A judged thread cannot run: ${this.#unable.message}`, { cause: this.#unable });
    let execution: Execution;
    try {
      execution = this.#run(pick, until);
    } catch (error) {
      // A schedule that does not fit left threads blocked mid-execution: they unwind, so the next run starts clean.
      if (!this.#unwind()) await this.#restart();
      throw error;
    }
    if (execution.outcome !== 'finished' && !this.#unwind()) await this.#restart();
    return execution;
  }

  /**
   * Ends an execution that cannot go on (a deadlock): every thread still blocked at a step is let go with
   * its execution abandoned, and the judged code unwinds, each Atomics operation throwing. A thread that
   * does not come back (it loops, or awaits what never comes) is not waited for: false, and its workers
   * are replaced. Unwinding costs a step; replacing the workers costs starting them (about 100 ms).
   */
  #unwind(): boolean {
    const blocked = this.#threads.map((_, thread) => thread).filter((thread) => this.#status(thread) === REQUESTING || this.#status(thread) === WAITING);
    for (const thread of blocked) {
      Atomics.store(this.#ints, thread * INT_SLOT + ABANDON, 1);
      this.#setStatus(thread, RUNNING);
    }
    const back = blocked.every((thread) => this.#settle(thread, unwindMs) && this.#status(thread) === UNWOUND);
    // A thread stuck running between steps was not blocked, and is not back either.
    return back && this.#threads.every((_, thread) => this.#status(thread) >= FINISHED);
  }

  get restarts(): number {
    return this.#restarts;
  }

  async #restart(): Promise<void> {
    this.#restarts += 1;
    await this.close();
    await this.#startWorkers();
  }

  /**
   * Every execution whose schedule preempts a running thread at most `preemptions` times, each once
   * (as loom does; 2 finds most bugs): see exploration.ts.
   */
  explore(preemptions = 2, options: ExploreOptions = {}): AsyncGenerator<Execution> {
    return explore(this, this.#threads.length, preemptions, options);
  }

  #status(thread: number): number {
    return Atomics.load(this.#ints, thread * INT_SLOT);
  }

  #setStatus(thread: number, status: number): void {
    handOver(Atomics, this.#ints, thread * INT_SLOT, status);
  }

  /** Waits while the thread runs between steps; false if it never comes back. */
  #settle(thread: number, boundMs = stuckMs): boolean {
    return waitWhile(Atomics, this.#ints, thread * INT_SLOT, RUNNING, boundMs);
  }

  /** The operation `thread` asks for, read before it is let go: once it has made it, it asks for its next. */
  #asked(thread: number): Asked {
    const slot = thread * INT_SLOT;
    const address = this.#ints[slot + ADDRESS] as number;
    const index = this.#ints[slot + INDEX] as number;
    return {
      op: operations[this.#ints[slot + OP] as number] as Operation,
      address,
      index,
      where: address < 0 ? 'its own memory' : `${this.#names[address]}${index === 0 ? '' : `[${index}]`}`,
      arg1: this.#floats[thread * FLOAT_SLOT + ARG1] as number,
      arg2: this.#floats[thread * FLOAT_SLOT + ARG2] as number,
    };
  }

  /** What the step did, as a reader follows it, once `thread` has made it and left its result. */
  #describe({ op, address, where, arg1, arg2 }: Asked, thread: number): string {
    const result = this.#floats[thread * FLOAT_SLOT + RESULT];
    switch (op) {
      case 'load':
        return `loads ${where} = ${result}`;
      case 'store':
        return `stores ${arg1} in ${where}`;
      case 'compareExchange':
        return `compare-exchanges ${where} from ${arg1} to ${arg2}: it was ${result}`;
      case 'wait':
        if (this.#status(thread) !== WAITING) return `finds ${where} is no longer ${arg1}, so does not wait`;
        return address < 0 ? 'sleeps' : `waits on ${where} while it is ${arg1}`;
      case 'notify':
        return `notifies ${where}`;
      case 'add':
        return `adds ${arg1} to ${where}: it was ${result}`;
      case 'sub':
        return `subtracts ${arg1} from ${where}: it was ${result}`;
      case 'exchange':
        return `exchanges ${where} for ${arg1}: it was ${result}`;
      default:
        return `${op}s ${where} with ${arg1}: it was ${result}`;
    }
  }

  /**
   * What `thread`'s next step would read and write, from here (see independence.ts): its asked
   * operation's cell, and whether that changes it; or, for a waiter, its wake, or its timeout.
   */
  #access(thread: number, waiters: readonly Waiter[]): Access {
    const waiter = waiters.find((each) => each.thread === thread);
    const cellOf = (address: number, index: number) => (address < 0 ? `thread ${thread + 1}'s own memory` : `${this.#names[address]}[${index}]`);
    if (waiter !== undefined) {
      const waiters = `${cellOf(waiter.address, waiter.index)}'s waiters`;
      return waiter.notified ? access([waiters], [waiters]) : access([waiters], [waiters, clock]);
    }
    const { op, address, index, arg1 } = this.#asked(thread);
    const cell = cellOf(address, index);
    if (address < 0) return access([cell], [cell]);
    const width = this.#ints[thread * INT_SLOT + WIDTH];
    const buffer = this.#memory[this.#names[address] as string] as SharedArrayBuffer;
    const value = width === 8 ? Number(Atomics.load(new BigInt64Array(buffer), index)) : Atomics.load(new Int32Array(buffer), index);
    // Sure only of an exact number: anything else counts as a change.
    const differs = Number.isSafeInteger(arg1) && value !== arg1;
    switch (op) {
      case 'load':
        return access([cell], []);
      case 'compareExchange':
        return differs ? access([cell], []) : access([cell], [cell]);
      case 'wait':
        return differs ? access([cell], []) : access([cell], [`${cell}'s waiters`]);
      case 'notify':
        return access([`${cell}'s waiters`], [`${cell}'s waiters`]);
      default:
        return access([cell], [cell]);
    }
  }

  /** Fails the run if a thread was let through without its turn (the flag it sets; see worker.ts). */
  #noStrayWake(steps: readonly Step[]): void {
    for (const thread of this.#threads.keys()) {
      if (Atomics.load(this.#ints, thread * INT_SLOT + STRAY) === 0) continue;
      throw new StrayWake(
        `Thread ${thread + 1} was woken without being given its turn, at step ${steps.length + 1}: its handshake let a stray or late wake-up through (it did not take the step)`,
      );
    }
  }

  /** Each thread where the execution left it: what it would do next, and where (see Pending). */
  #pending(waiters: readonly Waiter[], errors: readonly (string | undefined)[]): Pending[] {
    return this.#threads.map((_, thread) => {
      const calls = this.#placeOf(thread);
      const status = this.#status(thread);
      const waiter = waiters.find((each) => each.thread === thread);
      const ended = { canGoOn: false, next: undefined, woken: false, timeoutMs: undefined, calls };
      if (status === FINISHED) return { thread: thread + 1, state: 'finished', error: undefined, ...ended };
      if (status === FAILED) return { thread: thread + 1, state: 'failed', error: errors[thread], ...ended };
      if (waiter !== undefined) {
        const timeoutMs = Number.isFinite(waiter.timeout) ? waiter.timeout : undefined;
        const next = waiter.notified ? 'wake' : waiter.address < 0 ? 'wake from its sleep' : 'stop waiting: its timeout expires';
        return {
          thread: thread + 1,
          state: 'waits',
          canGoOn: waiter.notified || timeoutMs !== undefined,
          next,
          woken: waiter.notified,
          timeoutMs,
          error: undefined,
          calls,
        };
      }
      const next = status === REQUESTING ? this.#intent(this.#asked(thread)) : undefined;
      return { thread: thread + 1, state: 'asks', canGoOn: status === REQUESTING, next, woken: false, timeoutMs: undefined, error: undefined, calls };
    });
  }

  /** What an asked operation will do, before it is made: `load balance`. */
  #intent({ op, address, where, arg1, arg2 }: Asked): string {
    switch (op) {
      case 'load':
        return `load ${where}`;
      case 'store':
        return `store ${arg1} in ${where}`;
      case 'compareExchange':
        return `compare-exchange ${where} from ${arg1} to ${arg2}`;
      case 'wait':
        return address < 0 ? `sleep ${arg2} ms` : `wait on ${where} while it is ${arg1}`;
      case 'notify':
        return `notify ${where}`;
      case 'add':
        return `add ${arg1} to ${where}`;
      case 'sub':
        return `subtract ${arg1} from ${where}`;
      default:
        return `${op} ${where} with ${arg1}`;
    }
  }

  /** Where `thread` last asked for a step: the last place its port holds (each step sends one). */
  #placeOf(thread: number): Place[] {
    const port = this.#places[thread]?.port1;
    if (port === undefined) return [];
    for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port))
      this.#placed[thread] = message.message as Place[];
    return this.#placed[thread] as Place[];
  }

  #run(pick: Pick, until: number): Execution {
    for (const buffer of Object.values(this.#memory)) new Uint8Array(buffer).fill(0);
    this.#floats[clockIndex(this.#threads.length)] = 0;
    this.#execution += 1;
    const threads = this.#threads.map((_, thread) => thread);
    for (const thread of threads) {
      this.#ints[thread * INT_SLOT + ABANDON] = 0;
      this.#ints[thread * INT_SLOT + STRAY] = 0;
      this.#setStatus(thread, RUNNING);
      Atomics.store(this.#ints, thread * INT_SLOT + COMMAND, this.#execution);
      Atomics.notify(this.#ints, thread * INT_SLOT + COMMAND);
    }
    const steps: Step[] = [];
    const choices: number[] = [];
    const enabledAt: number[][] = [];
    const continuable: boolean[] = [];
    const accessesAt: (Access | undefined)[][] = [];
    const touched: Access[] = [];
    const waiters: Waiter[] = [];
    for (const thread of threads) {
      this.#placeOf(thread);
      this.#placed[thread] = [];
    }
    const finish = (outcome: Execution['outcome']): Execution => {
      const errors = threads.map((thread) =>
        this.#status(thread) === FAILED ? String(receiveMessageOnPort((this.#errors[thread] as MessageChannel).port1)?.message) : undefined,
      );
      return {
        choices,
        steps,
        enabled: enabledAt,
        continuable,
        accesses: accessesAt,
        touched,
        outcome,
        errors,
        pending: this.#pending(waiters, errors),
        threadIds: this.#workers.map((worker) => worker.threadId),
        // A paused execution's threads unwind once it returns: what it shows is the memory as they left it at the pause.
        memory: outcome === 'paused' ? copied(this.#memory) : this.#memory,
      };
    };
    for (const thread of threads) if (!this.#settle(thread)) return finish('stuck');
    this.#noStrayWake(steps);
    let previous: number | undefined;
    for (let k = 0; ; k++) {
      const canGoOn = (thread: number) => {
        const waiter = waiters.find((each) => each.thread === thread);
        if (waiter !== undefined) return waiter.notified || Number.isFinite(waiter.timeout);
        return this.#status(thread) === REQUESTING;
      };
      const enabled = threads.filter(canGoOn);
      if (enabled.length === 0) return finish(threads.every((thread) => this.#status(thread) >= FINISHED) ? 'finished' : 'deadlock');
      if (k >= maxSteps) return finish('stuck');
      if (k >= until) return finish('paused');
      const accesses: (Access | undefined)[] = [];
      for (const each of enabled) accesses[each] = this.#access(each, waiters);
      const thread = pick(enabled, k, previous);
      if (this.#options.provokeLateWakes === true) {
        for (const other of threads) if (other !== thread) handOver(Atomics, this.#ints, other * INT_SLOT + GO_WAIT, 1);
      }
      const mayGoOn = previous !== undefined && this.#status(previous) === REQUESTING;
      choices.push(thread);
      enabledAt.push(enabled);
      continuable.push(mayGoOn);
      accessesAt.push(accesses);
      const asked = this.#asked(thread);
      const clockReads = this.#ints[thread * INT_SLOT + CLOCK_READS];
      const known = this.#step(thread, waiters, asked);
      previous = thread;
      if (!this.#settle(thread)) return finish('stuck');
      touched.push(taken(accesses[thread] as Access, this.#ints[thread * INT_SLOT + CLOCK_READS] !== clockReads));
      this.#noStrayWake(steps);
      // What the operation returned is known only once the thread has made it.
      const action = known ?? this.#describe(asked, thread);
      steps.push({ thread: thread + 1, action, preempted: mayGoOn && thread !== choices[k - 1] });
      if (this.#status(thread) === WAITING) this.#startWaiting(thread, waiters);
    }
  }

  /**
   * Lets `thread` take its step: the operation it asked for, or the end of its wait. Returns what the
   * step did when that is known before the thread makes it (a wake, a notify); otherwise undefined.
   */
  #step(thread: number, waiters: Waiter[], asked: Asked): string | undefined {
    const slot = thread * INT_SLOT;
    const at = waiters.findIndex((each) => each.thread === thread);
    if (at >= 0) {
      const waiter = waiters.splice(at, 1)[0] as Waiter;
      const clock = clockIndex(this.#threads.length);
      if (!waiter.notified) this.#floats[clock] = Math.max(this.#floats[clock] as number, waiter.since + waiter.timeout);
      this.#ints[slot + WAKE] = waiter.notified ? WOKEN : TIMED_OUT;
      this.#letGo(thread);
      if (waiter.notified) return 'wakes';
      return waiter.address < 0 ? 'wakes from its sleep' : 'stops waiting: its timeout expired';
    }
    if (asked.op !== 'notify') {
      this.#letGo(thread);
      return undefined;
    }
    const woken = waiters.filter((each) => each.address === asked.address && each.index === asked.index && !each.notified).slice(0, asked.arg1);
    for (const waiter of woken) waiter.notified = true;
    this.#floats[thread * FLOAT_SLOT + RESULT] = woken.length;
    const action = `notifies ${asked.where}: ${woken.length === 0 ? 'nobody waits' : `wakes thread ${woken.map((each) => each.thread + 1).join(', ')}`}`;
    this.#letGo(thread);
    return action;
  }

  /** Gives `thread` its turn. When provoking late wake-ups, the notify comes as late as it can: see SchedulerOptions. */
  #letGo(thread: number): void {
    const at = thread * INT_SLOT;
    if (this.#options.provokeLateWakes !== true) {
      handOver(Atomics, this.#ints, at, RUNNING);
      return;
    }
    Atomics.store(this.#ints, at + GO_WAIT, 0);
    Atomics.store(this.#ints, at, RUNNING);
    // A lingering thread sleeps on GO_WAIT: woken, it finds its turn, and goes on without waiting for it.
    Atomics.notify(this.#ints, at + GO_WAIT);
    const until = performance.now() + provokeMs;
    while (performance.now() < until) {
      const status = this.#status(thread);
      // Still running: either it waits, and this wakes it, or it went on without a wake-up.
      if (status === RUNNING) {
        if (Atomics.notify(this.#ints, at) > 0) return;
        continue;
      }
      // It went on and waits for its next turn: the late wake-up reaches it there, once it is asleep.
      if (status === REQUESTING || status === WAITING) {
        handOver(Atomics, this.#ints, at + GO_WAIT, 1);
        while (Atomics.notify(this.#ints, at) === 0 && performance.now() < until);
        Atomics.store(this.#ints, at + GO_WAIT, 0);
      }
      return;
    }
  }

  #startWaiting(thread: number, waiters: Waiter[]): void {
    const slot = thread * INT_SLOT;
    waiters.push({
      thread,
      address: this.#ints[slot + ADDRESS] as number,
      index: this.#ints[slot + INDEX] as number,
      since: this.#floats[clockIndex(this.#threads.length)] as number,
      timeout: this.#floats[thread * FLOAT_SLOT + ARG2] as number,
      notified: false,
    });
  }
}
