/**
 * A scheduler for real threads, as loom is for Rust: the judged code runs, unchanged, in real worker
 * threads (judged.ts), but each of its Atomics operations waits for its turn, and the scheduler chooses
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
import { handOver, waitWhile } from './handshake.ts';
import { type Access, access, clock, independent, taken } from './independence.ts';
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
  INDEX,
  INT_SLOT,
  LATE_WAKE,
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

const judgedPath = new URL('./worker.ts', import.meta.url);

/** A thread to judge: the export `name` of `module`, called as `name(memory, ...args)`. */
export interface JudgedThread {
  readonly module: string;
  readonly name: string;
  readonly args?: readonly unknown[];
}

export interface Step {
  /** Counted from 1, as a reader would. */
  readonly thread: number;
  /** What it did, as a reader follows it: `loads lock = 0`. */
  readonly action: string;
  /** It took this step while another thread could have gone on: a preemption. */
  readonly preempted: boolean;
}

export interface Execution {
  /** The thread (index from 0) that took each step: replaying them replays the execution. */
  readonly choices: readonly number[];
  readonly steps: readonly Step[];
  /** Which threads could have taken each step. */
  readonly enabled: readonly (readonly number[])[];
  /** Whether the thread that took the step before could have gone on at each step, without waiting. */
  readonly continuable: readonly boolean[];
  /** What each enabled thread's step would touch, at each step (by thread index; see independence.ts). */
  readonly accesses: readonly (readonly (Access | undefined)[])[];
  /** What each step touched, once taken (the clock only if the code after it read it). */
  readonly touched: readonly Access[];
  readonly outcome: 'finished' | 'deadlock' | 'stuck';
  /** Each thread's error, if its judged function threw. */
  readonly errors: readonly (string | undefined)[];
  /** The named memory as the execution left it. */
  readonly memory: Readonly<Record<string, SharedArrayBuffer>>;
}

/** Chooses the next thread among those enabled, at step `k`; the thread that took the last step comes first, `previous`. */
export type Pick = (enabled: readonly number[], k: number, previous: number | undefined) => number;

/** Without a choice: the thread that went last goes on while it can (no preemption), else the first that can. */
const carryOn: Pick = (enabled, _k, previous) => (previous !== undefined && enabled.includes(previous) ? previous : (enabled[0] as number));

/** A schedule as fast-check generates it: any list of numbers, each picking among the threads enabled at its step. */
export function fromNumbers(numbers: readonly number[]): Pick {
  return (enabled, k, previous) => (k < numbers.length ? (enabled[(numbers[k] as number) % enabled.length] as number) : carryOn(enabled, k, previous));
}

/**
 * Where the execution's order could have differed: for each step, the latest earlier step of another
 * thread that it depends on and that does not already happen before it (by vector clocks). There, the
 * step's thread must be tried too; or, if it could not go there, every thread that could.
 */
function addBacktracks(execution: Execution, nodes: readonly Node[], threads: number): void {
  const accessOf = (k: number) => execution.touched[k] as Access;
  // clocks[k][t]: how many of thread t's... steps, counted by position + 1, happen before step k, through program order and dependences.
  const clocks: number[][] = [];
  const last = Array.from({ length: threads }, () => new Array<number>(threads).fill(0));
  for (let j = 0; j < execution.choices.length; j++) {
    const thread = execution.choices[j] as number;
    const before = last[thread] as number[];
    const clock = [...before];
    let raced = false;
    for (let i = j - 1; i >= 0; i--) {
      const other = execution.choices[i] as number;
      if (other === thread || independent(accessOf(i), accessOf(j))) continue;
      if (!raced && (before[other] as number) < i + 1) {
        raced = true;
        // Under a preemption bound, the switch is tried at the race and where the other thread's run of steps began,
        // where it may cost no preemption (Coons, Musuvathi and McKinley's bounded partial-order reduction).
        let start = i;
        while (start > 0 && execution.choices[start - 1] === other) start -= 1;
        for (const at of new Set([i, start])) {
          const node = nodes[at] as Node;
          for (const each of node.enabled.includes(thread) ? [thread] : node.enabled) node.backtrack.add(each);
        }
      }
      (clocks[i] as number[]).forEach((count, t) => {
        clock[t] = Math.max(clock[t] as number, count);
      });
    }
    clock[thread] = j + 1;
    clocks.push(clock);
    last[thread] = clock;
  }
}

/** A replayed schedule that does not fit these threads: it was recorded of others. */
export class ScheduleMisfit extends Error {
  override name = 'ScheduleMisfit';
}

const deterministic =
  'Is the judged code deterministic? Its steps may depend only on the shared memory and on performance.now (which the scheduler keeps), not on Date.now, Math.random or memory the scheduler cannot see';

/** A schedule that did not go, when run again, as it went before: what was judged would not be what replays. */
export class Nondeterminism extends Error {
  override name = 'Nondeterminism';
}

/** A judged thread was woken without being given its turn: the handshake let a stray or late wake-up through. */
export class StrayWake extends Error {
  override name = 'StrayWake';
}

export interface SchedulerOptions {
  /** The wait of the handshake the judged threads use, if not ours: a broken one, to prove the spec rejects it. */
  readonly handshake?: { readonly module: string; readonly name: string };
  /**
   * Test-only: make every wake-up late. A thread lingers after announcing its step, so that its turn is
   * often given before it waits; then the scheduler's notify comes only once the thread has gone on and
   * waits for its next turn. A handshake that a late wake-up gets through is then caught at once.
   */
  readonly provokeLateWakes?: boolean;
}

export interface ExploreOptions {
  /**
   * Cut schedules that only reorder independent steps (see independence.ts): dynamic partial-order
   * reduction (Flanagan and Godefroid; loom's DPOR). After each execution, wherever two dependent steps of
   * different threads could have come in the other order, that order is explored too, and nowhere else.
   * Under the preemption bound, the other order is also tried where the earlier step's thread began to
   * run, where it may cost no preemption (Coons, Musuvathi and McKinley's bounded partial-order
   * reduction). No sleep sets: with a bound, they cut schedules whose equivalent the bound had cut too
   * (spec/scheduler.spec.ts shows it on the check-then-set lock).
   */
  readonly reduce?: boolean;
  /** Run every explored schedule again and fail unless it tells the same story (as shuttle's check does). */
  readonly checkDeterminism?: boolean;
  /** Counted as the exploration goes. */
  readonly tally?: Tally;
}

export interface Tally {
  schedules: number;
}

/** A step of the reduced exploration's current path: which threads it must still try there, and which it has. */
interface Node {
  readonly enabled: readonly number[];
  /** Which other thread there preempts the one before, and how many preemptions the path took before it. */
  readonly preempts: (thread: number) => boolean;
  readonly used: number;
  readonly backtrack: Set<number>;
  readonly done: Set<number>;
}

/** A schedule to explore: a recorded execution's choices up to a step, and another thread there. */
interface Branch {
  readonly prefix: readonly number[];
  /** The execution it branches from: the prefix must replay as it went there. */
  readonly parent: Execution | undefined;
}

/** Step `k` as a reader follows it, or how the execution ended. */
const stepAt = (execution: Execution, k: number) => {
  const step = execution.steps[k];
  return step === undefined ? `the end (${execution.outcome})` : `"thread ${step.thread} ${step.action}"`;
};

/** A schedule as an execution recorded it (`choices`): it replays that execution. */
export function fromChoices(choices: readonly number[]): Pick {
  return (enabled, k, previous) => {
    if (k >= choices.length) return carryOn(enabled, k, previous);
    const thread = choices[k] as number;
    if (!enabled.includes(thread)) throw new ScheduleMisfit(`Schedule ${choices.join(',')}: thread ${thread + 1} cannot take step ${k + 1}`);
    return thread;
  };
}

/** `thread 1 loads lock = 0, thread 2 loads lock = 0, thread 1 stores 1, ...` */
export function story(execution: Execution): string {
  const steps = execution.steps.map((step) => `thread ${step.thread} ${step.action}`);
  const end = execution.outcome === 'finished' ? '' : `: ${execution.outcome}`;
  return `${steps.join(', ')}${end}`;
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

/** How long the scheduler keeps trying to deliver a late wake-up, when provoking them. */
const provokeMs = 50;
/** How long a thread may run between two steps before it is called stuck (it loops, or awaits what never comes). */
const stuckMs = 5_000;
/** How long an abandoned thread may take to unwind before its workers are replaced instead. */
const unwindMs = 1_000;
/** An execution longer than this is a livelock. */
const maxSteps = 5_000;

export class Scheduler {
  readonly #threads: readonly JudgedThread[];
  readonly #memory: Readonly<Record<string, SharedArrayBuffer>>;
  readonly #names: readonly string[];
  readonly #ints: Int32Array;
  readonly #floats: Float64Array;
  #workers: Worker[] = [];
  #errors: MessageChannel[] = [];
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
    this.#workers = this.#threads.map((thread, index) => {
      const errors = (this.#errors[index] as MessageChannel).port2;
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
      };
      return new Worker(judgedPath, { workerData: data, transferList: [errors] });
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
    for (const channel of this.#errors) channel.port1.close();
  }

  /** Runs the judged threads once, from fresh (zeroed) memory, taking steps in the order `pick` chooses. */
  async run(pick: Pick = carryOn): Promise<Execution> {
    if (this.#unable !== undefined) throw new Error(`A judged thread cannot run: ${this.#unable.message}`, { cause: this.#unable });
    let execution: Execution;
    try {
      execution = this.#run(pick);
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
   * (as loom does; 2 finds most bugs). Each new schedule is an execution already run, up to a step where
   * another thread could have gone, and that thread there; from then on, no thread is preempted. With
   * `reduce`, a schedule that only reorders independent steps of one explored is not explored.
   */
  async *explore(preemptions = 2, options: ExploreOptions = {}): AsyncGenerator<Execution> {
    if (options.reduce) {
      yield* this.#exploreReduced(preemptions, options);
      return;
    }
    const pending: Branch[] = [{ prefix: [], parent: undefined }];
    for (let branch = pending.pop(); branch !== undefined; branch = pending.pop()) {
      const execution = await this.#replay(branch);
      if (options.tally) options.tally.schedules += 1;
      if (options.checkDeterminism) await this.#checkDeterminism(execution);
      yield execution;
      const { prefix } = branch;
      let used = execution.steps.slice(0, prefix.length).filter((step) => step.preempted).length;
      for (let k = prefix.length; k < execution.choices.length; k++) {
        const previous = execution.choices[k - 1];
        for (const other of execution.enabled[k] ?? []) {
          if (other === execution.choices[k]) continue;
          const preempts = (execution.continuable[k] ?? false) && other !== previous;
          if (used + (preempts ? 1 : 0) <= preemptions) pending.push({ prefix: [...execution.choices.slice(0, k), other], parent: execution });
        }
        if ((execution.steps[k] as Step).preempted) used += 1;
      }
    }
  }

  async *#exploreReduced(preemptions: number, options: ExploreOptions): AsyncGenerator<Execution> {
    const nodes: Node[] = [];
    let execution = await this.#replay({ prefix: [], parent: undefined });
    for (;;) {
      if (options.tally) options.tally.schedules += 1;
      if (options.checkDeterminism) await this.#checkDeterminism(execution);
      yield execution;
      let used = execution.steps.slice(0, nodes.length).filter((step) => step.preempted).length;
      for (let k = nodes.length; k < execution.choices.length; k++) {
        const chosen = execution.choices[k] as number;
        const enabled = execution.enabled[k] ?? [];
        const [continuable, previous] = [execution.continuable[k] ?? false, execution.choices[k - 1]];
        const preempts = (thread: number) => continuable && thread !== previous;
        nodes.push({ enabled, preempts, used, backtrack: new Set([chosen]), done: new Set([chosen]) });
        if ((execution.steps[k] as Step).preempted) used += 1;
      }
      addBacktracks(execution, nodes, this.#threads.length);
      // The deepest step with a thread still to try there, within the bound.
      let k = nodes.length - 1;
      let next: number | undefined;
      for (; k >= 0 && next === undefined; k--) {
        const node = nodes[k] as Node;
        const within = (thread: number) => node.used + (node.preempts(thread) ? 1 : 0) <= preemptions;
        next = [...node.backtrack].find((thread) => !node.done.has(thread) && within(thread));
      }
      if (next === undefined) return;
      k += 1;
      (nodes[k] as Node).done.add(next);
      nodes.length = k + 1;
      execution = await this.#replay({ prefix: [...execution.choices.slice(0, k), next], parent: execution });
    }
  }

  /** Runs a branch: its prefix must go as it went in the execution it branches from, else the code is not deterministic. */
  async #replay({ prefix, parent }: Branch): Promise<Execution> {
    const at = prefix.length - 1;
    let execution: Execution;
    try {
      execution = await this.run(fromChoices(prefix));
    } catch (error) {
      if (!(error instanceof ScheduleMisfit) || parent === undefined) throw error;
      throw new Nondeterminism(`${error.message}, though it could when that schedule was first run. ${deterministic}`, { cause: error });
    }
    if (parent === undefined) return execution;
    const schedule = `Schedule ${prefix.join(',')}`;
    for (let k = 0; k < at; k++) {
      const [was, now] = [stepAt(parent, k), stepAt(execution, k)];
      if (was !== now) throw new Nondeterminism(`${schedule}: step ${k + 1} was ${was} when first run, and ${now} now. ${deterministic}`);
    }
    for (let k = 0; k <= at; k++) {
      const [was, now] = [parent.enabled[k] ?? [], execution.enabled[k] ?? []];
      if (was.join() !== now.join()) {
        const threads = (list: readonly number[]) => (list.length === 0 ? 'none' : list.map((thread) => thread + 1).join(', '));
        throw new Nondeterminism(
          `${schedule}: at step ${k + 1}, threads ${threads(was)} could go on when first run, and ${threads(now)} now. ${deterministic}`,
        );
      }
    }
    const thread = prefix[at] as number;
    const [was, now] = [parent.accesses[at]?.[thread], execution.accesses[at]?.[thread]];
    if (was !== now)
      throw new Nondeterminism(`${schedule}: thread ${thread + 1}'s step ${at + 1} was to touch ${was} when first run, and ${now} now. ${deterministic}`);
    return execution;
  }

  /** Runs an explored schedule once more, whole: every step, the end and the errors must be as they were. */
  async #checkDeterminism(first: Execution): Promise<void> {
    const again = await this.run(fromChoices(first.choices)).catch((error: unknown) => {
      throw error instanceof ScheduleMisfit ? new Nondeterminism(`${error.message} when run again. ${deterministic}`, { cause: error }) : error;
    });
    const schedule = `Schedule ${first.choices.join(',')}`;
    const length = Math.max(first.steps.length, again.steps.length);
    for (let k = 0; k <= length; k++) {
      const [was, now] = [stepAt(first, k), stepAt(again, k)];
      if (was !== now) throw new Nondeterminism(`${schedule}, run again: step ${k + 1} was ${was}, and is ${now} now. ${deterministic}`);
    }
    if (first.errors.join('\n') !== again.errors.join('\n')) {
      throw new Nondeterminism(
        `${schedule}, run again: its threads' errors were ${JSON.stringify(first.errors)}, and are ${JSON.stringify(again.errors)} now. ${deterministic}`,
      );
    }
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

  #run(pick: Pick): Execution {
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
    const finish = (outcome: Execution['outcome']): Execution => ({
      choices,
      steps,
      enabled: enabledAt,
      continuable,
      accesses: accessesAt,
      touched,
      outcome,
      errors: threads.map((thread) =>
        this.#status(thread) === FAILED ? String(receiveMessageOnPort((this.#errors[thread] as MessageChannel).port1)?.message) : undefined,
      ),
      memory: this.#memory,
    });
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
      const accesses: (Access | undefined)[] = [];
      for (const each of enabled) accesses[each] = this.#access(each, waiters);
      const thread = pick(enabled, k, previous);
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
    Atomics.store(this.#ints, at, RUNNING);
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
        Atomics.store(this.#ints, at + LATE_WAKE, 1);
        while (Atomics.notify(this.#ints, at) === 0 && performance.now() < until);
        Atomics.store(this.#ints, at + LATE_WAKE, 0);
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
