/**
 * A scheduler for real threads, as loom is for Rust: the judged code runs, unchanged, in real worker
 * threads (worker.ts), but each of its Atomics operations waits for its turn, and the scheduler chooses
 * which thread takes the next step. `Atomics.wait` is modelled (waiters.ts): a waiting thread can go on
 * only once a notify wakes it, or, when it has a timeout, once the schedule lets that timeout expire
 * (time is virtual: `performance.now` jumps to the deadline). When every unfinished thread waits and
 * nothing can wake one, that is a deadlock, reported at once with the steps that led to it.
 *
 * Every hand-off is a handshake (handshake.ts): a thread takes a step only when the scheduler gives it
 * the turn, and one woken without it says so, and the run fails (StrayWake). A replay that does not go as
 * it went the first time fails too (Nondeterminism): a schedule is never skipped.
 *
 * What it cannot see: plain reads and writes of shared memory (not through Atomics) are not steps, so a
 * race between them is not explored; and work that touches no shared memory runs between steps unseen.
 */
import { accessOf } from './accesses.ts';
import type { Act, Execution, JudgedThread, Step } from './execution.ts';
import { type ExploreOptions, explore } from './exploration.ts';
import { type Access, taken } from './independence.ts';
import { holdOthers, letGoLate } from './late-wakes.ts';
import { ControlBlock, type Request, type Slot, Status, TIMED_OUT, WOKEN } from './layout.ts';
import { cellName, copied, type Memory, zero } from './memory.ts';
import { action } from './narration.ts';
import { pendingOf } from './pending.ts';
import { carryOn, type Pick } from './schedule.ts';
import { Waiters } from './waiters.ts';
import { Workers } from './workers.ts';

// What a judge of threads needs, from one module: the executions, their schedules, their story, and their exploration.
export * from './execution.ts';
export { type ExploreOptions, Nondeterminism, type Tally } from './exploration.ts';
export { story, valueIn } from './narration.ts';
export * from './schedule.ts';

/** A judged thread was woken without being given its turn: the handshake let a stray or late wake-up through. */
export class StrayWake extends Error {
  override name = 'StrayWake';
}

export interface SchedulerOptions {
  /** The wait of the handshake the judged threads use, if not ours: a broken one, to prove the spec rejects it. */
  readonly handshake?: { readonly module: string; readonly name: string };
  /** Test-only: make every wake-up late (see late-wakes.ts), so that a handshake one gets through is caught every time. */
  readonly provokeLateWakes?: boolean;
  /**
   * Tell where in the judged code each thread's next step is (Pending.calls): its calls, read from the
   * stack at every step. For a reader following the code (npm run learn -- --play), at some cost a step.
   */
  readonly locate?: boolean;
}

/** How long a thread may run between two steps before it is called stuck (it loops, or awaits what never comes). */
const stuckMs = 5_000;
/** How long an abandoned thread may take to unwind before its workers are replaced instead. */
const unwindMs = 1_000;
/** An execution longer than this is a livelock. */
export const maxSteps = 5_000;

export class Scheduler {
  readonly #threads: readonly number[];
  readonly #memory: Memory;
  readonly #names: readonly string[];
  readonly #control: ControlBlock;
  readonly #slots: readonly Slot[];
  readonly #workers: Workers;
  readonly #provokeLateWakes: boolean;
  #execution = 0;
  /** How many times its workers were replaced, their threads having not come back: a deadlock unwound costs none. */
  #restarts = 0;

  private constructor(memory: Memory, threads: readonly JudgedThread[], options: SchedulerOptions) {
    this.#memory = memory;
    this.#names = Object.keys(memory);
    this.#threads = threads.map((_, thread) => thread);
    this.#control = ControlBlock.for(threads.length);
    this.#slots = this.#threads.map((thread) => this.#control.slot(thread));
    this.#provokeLateWakes = options.provokeLateWakes ?? false;
    this.#workers = new Workers(threads, memory, this.#control.buffers, {
      handshake: options.handshake,
      provokeLateWakes: this.#provokeLateWakes,
      locate: options.locate ?? false,
    });
  }

  /** Starts one worker per thread, each ready to run its judged function on `memory` (named shared buffers). */
  static async start(memory: Memory, threads: readonly JudgedThread[], options: SchedulerOptions = {}): Promise<Scheduler> {
    const scheduler = new Scheduler(memory, threads, options);
    await scheduler.#startWorkers();
    return scheduler;
  }

  async #startWorkers(): Promise<void> {
    this.#control.clear();
    this.#execution = 0;
    await this.#workers.start();
  }

  /** Ends the workers. */
  close(): Promise<void> {
    return this.#workers.close();
  }

  /**
   * Runs the judged threads once, from fresh (zeroed) memory, taking steps in the order `pick` chooses;
   * with `until`, it pauses once it has taken that many (outcome `paused`, each thread where `pending`
   * says), unless the execution ends first. A paused execution is not resumed: it is run again, longer
   * (as undo and every step of npm run learn -- --play do), the threads unwound meanwhile.
   */
  async run(pick: Pick = carryOn, until = Number.POSITIVE_INFINITY): Promise<Execution> {
    const unable = this.#workers.unable;
    if (unable !== undefined) throw new Error(`A judged thread cannot run: ${unable.message}`, { cause: unable });
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
    const blocked = this.#slots.filter((slot) => slot.status === Status.requesting || slot.status === Status.waiting);
    for (const slot of blocked) {
      slot.store('abandon', 1);
      slot.handOver('status', Status.running);
    }
    // Each is waited for, a while, until it is back (unwound); once one is not, the others need not be.
    blocked.every((slot) => slot.waitWhile('status', Status.running, unwindMs));
    // Every thread back or ended: one still running (blocked and not back, or stuck between steps) is not coming back.
    return this.#slots.every((slot) => slot.status >= Status.finished);
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

  #slot(thread: number): Slot {
    return this.#slots[thread] as Slot;
  }

  /** Waits while the thread runs between steps; false if it never comes back. */
  #settle(thread: number): boolean {
    return this.#slot(thread).waitWhile('status', Status.running, stuckMs);
  }

  #cell(address: number, index: number): string | undefined {
    return cellName(this.#names, address, index);
  }

  /** Fails the run if a thread was let through without its turn (the flag it sets; see worker.ts). */
  #noStrayWake(steps: readonly Step[]): void {
    const thread = this.#slots.findIndex((slot) => slot.load('stray') !== 0);
    if (thread < 0) return;
    throw new StrayWake(
      `Thread ${thread + 1} was woken without being given its turn, at step ${steps.length + 1}: its handshake let a stray or late wake-up through (it did not take the step)`,
    );
  }

  #run(pick: Pick, until: number): Execution {
    zero(this.#memory);
    this.#control.clock = 0;
    this.#execution += 1;
    // Before the threads start: a place a thread tells from here on is this execution's.
    this.#workers.forgetPlaces();
    for (const slot of this.#slots) {
      slot.set('abandon', 0);
      slot.set('stray', 0);
      slot.handOver('status', Status.running);
      slot.store('command', this.#execution);
      slot.notify('command');
    }
    const steps: Step[] = [];
    const choices: number[] = [];
    const enabledAt: number[][] = [];
    const continuable: boolean[] = [];
    const accessesAt: (Access | undefined)[][] = [];
    const touched: Access[] = [];
    const waiters = new Waiters();
    const finish = (outcome: Execution['outcome']): Execution => {
      const errors = this.#threads.map((thread) => (this.#slot(thread).status === Status.failed ? this.#workers.errorOf(thread) : undefined));
      const { threadIds } = this.#workers;
      return {
        ...{ choices, steps, enabled: enabledAt, continuable, accesses: accessesAt, touched, outcome, errors },
        pending: this.#threads.map((thread) =>
          pendingOf({
            thread,
            slot: this.#slot(thread),
            waiter: waiters.of(thread),
            error: errors[thread]?.text,
            calls: this.#workers.placeOf(thread),
            names: this.#names,
            threadIds,
          }),
        ),
        threadIds,
        // A paused execution's threads unwind once it returns: what it shows is the memory as they left it at the pause.
        memory: outcome === 'paused' ? copied(this.#memory) : this.#memory,
      };
    };
    for (const thread of this.#threads) if (!this.#settle(thread)) return finish('stuck');
    this.#noStrayWake(steps);
    let previous: number | undefined;
    for (let k = 0; ; k++) {
      const canGoOn = (thread: number) => {
        const waiter = waiters.of(thread);
        return waiter === undefined ? this.#slot(thread).status === Status.requesting : Waiters.canGoOn(waiter);
      };
      const enabled = this.#threads.filter(canGoOn);
      if (enabled.length === 0) return finish(this.#slots.every((slot) => slot.status >= Status.finished) ? 'finished' : 'deadlock');
      if (k >= maxSteps) return finish('stuck');
      if (k >= until) return finish('paused');
      const accesses: (Access | undefined)[] = [];
      for (const each of enabled) accesses[each] = accessOf(each, this.#slot(each).asked(), waiters.of(each), this.#memory);
      const thread = pick(enabled, k, previous);
      if (this.#provokeLateWakes) holdOthers(this.#slots, thread);
      const mayGoOn = previous !== undefined && this.#slot(previous).status === Status.requesting;
      choices.push(thread);
      enabledAt.push(enabled);
      continuable.push(mayGoOn);
      accessesAt.push(accesses);
      const slot = this.#slot(thread);
      const asked = slot.asked();
      const clockReads = slot.get('clockReads');
      const act = this.#take(thread, waiters, asked);
      previous = thread;
      if (!this.#settle(thread)) return finish('stuck');
      touched.push(taken(accesses[thread] as Access, slot.get('clockReads') !== clockReads));
      this.#noStrayWake(steps);
      // What the operation returned is known only once the thread has made it.
      const done = act();
      steps.push({ ...done, action: action(done, this.#workers.threadIds), preempted: mayGoOn && thread !== choices[k - 1] });
      if (done.slept) waiters.start(thread, asked, this.#control.clock);
    }
  }

  /**
   * Lets `thread` take its step: the operation it asked for, or the end of its wait. Returns what the
   * step did, to be read once the thread has made it and left its result.
   */
  #take(thread: number, waiters: Waiters, asked: Request): () => Act {
    const slot = this.#slot(thread);
    const told = { thread: thread + 1, value: undefined, replacement: undefined, result: undefined, woke: [], slept: false };
    if (waiters.of(thread) !== undefined) {
      const waiter = waiters.end(thread);
      if (!waiter.notified) this.#control.clock = Math.max(this.#control.clock, waiter.since + waiter.timeout);
      slot.set('wake', waiter.notified ? WOKEN : TIMED_OUT);
      this.#letGo(slot);
      const act: Act = { ...told, operation: waiter.notified ? 'wake' : 'timeout', cell: this.#cell(waiter.address, waiter.index) };
      return () => act;
    }
    const { op, address, index, arg1, arg2 } = asked;
    const woke = op === 'notify' ? waiters.notify(asked).map((each) => each + 1) : [];
    // The notify is modelled here: the judged thread returns what the scheduler leaves it, how many it woke.
    if (op === 'notify') slot.setNumber('result', woke.length);
    this.#letGo(slot);
    return () => ({
      ...told,
      operation: op,
      cell: this.#cell(address, index),
      value: arg1,
      replacement: op === 'compareExchange' ? arg2 : undefined,
      result: op === 'wait' ? undefined : slot.number('result'),
      woke,
      // Only a wait leaves its thread waiting: after any other step it asks for its next, or has ended.
      slept: slot.status === Status.waiting,
    });
  }

  /** Gives the thread its turn; when provoking late wake-ups, with the notify as late as it can come. */
  #letGo(slot: Slot): void {
    if (this.#provokeLateWakes) letGoLate(slot);
    else slot.handOver('status', Status.running);
  }
}
