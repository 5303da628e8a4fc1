/**
 * The lock model's commands: each one of the lock's operations, taken in one thread of the program through
 * its own Lock or another over the same buffer, and the promise it checks. The model keeps who holds the
 * lock; a thread is never asked to wait for ever (a lock another thread holds is asked for only by a worker,
 * and only with a timeout), so a broken lock fails a step instead of hanging the run.
 */
import type * as fc from 'fast-check';
import { type FailureId, withId } from '../failures.ts';
import { BoundExceeded } from '../support/settles.ts';
import { part } from './part.ts';
import type { Said, Via } from './shared-acts.ts';
import { InThread, type ModelThread, stepIn, type ThreadIndex, threadName } from './threads.ts';

/** Ours keeps every promise, in its own words; a lesson's class is held to what its starting file promises, in any words. */
export type Contract = 'ours' | 'lesson';

export interface Model {
  step: number;
  holder: ThreadIndex | undefined;
  readonly workers: 1 | 2;
  readonly contract: Contract;
}

export interface Real {
  readonly threads: readonly ModelThread[];
  readonly boundMs: number;
  /** How late after its time a timed acquire may give up, by the real clock (claims/models/lock.ts). */
  readonly marginMs: number;
  readonly name: string;
  readonly buffer: SharedArrayBuffer;
}

export type LockCommand = fc.AsyncCommand<Model, Real>;

const on = (via: Via) => (via === 'its own' ? 'lock' : 'new Lock(buffer)');
const idOf = (real: Real, thread: ThreadIndex) => (real.threads[thread] as ModelThread).threadId;
const isError = (said: Said) => said.thrown?.isError === true;
const timedOut = (said: Said) => said.thrown?.kind === 'LockTimeoutError' && said.thrown.name === 'LockTimeoutError';

/** A lesson's errors may be in any words, but in some: an error with no message tells whoever reads it nothing. */
function saysNothing(model: Model, command: string, said: Said, id: 'lock.timeout-says-nothing' | 'lock.refusal-says-nothing'): void {
  if (said.thrown?.isError === true && said.thrown.message.trim() === '') {
    part(model, command, 'an error says what went wrong, in any words: its message is not empty', 'throws an Error with a message', said.text, id);
  }
}

/**
 * The main thread asks only for a lock the model holds free; if the lock's cell says otherwise, an earlier
 * step left it taken (a release that did not free it), and asking would block this thread for ever.
 */
function freeForTheMainThread(model: Model, real: Real, thread: ThreadIndex, command: string): void {
  const cell = Atomics.load(new Int32Array(real.buffer), 0);
  if (thread === 0 && cell !== 0)
    part(model, command, 'the lock is free: every thread that took it released it', 'its cell holds 0 (free)', `its cell holds ${cell}`, 'lock.still-held');
}

export class AcquireCommand implements LockCommand {
  readonly thread: ThreadIndex;
  readonly via: Via;
  readonly timeoutMs: number | undefined;
  constructor(thread: ThreadIndex, via: Via, timeoutMs: number | undefined) {
    this.thread = thread;
    this.via = via;
    this.timeoutMs = timeoutMs;
  }
  check = (model: Readonly<Model>) => {
    if (this.thread > model.workers) return false;
    if (model.holder === undefined) return true;
    // Waiting is for workers: a wait that never ends ends the worker, not the run.
    if (this.thread === 0) return false;
    return model.holder === this.thread ? model.contract === 'ours' : this.timeoutMs !== undefined;
  };
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = String(this);
    const act = { kind: 'call', member: 'acquire', via: this.via, ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }) } as const;
    if (model.holder === undefined) {
      freeForTheMainThread(model, real, this.thread, command);
      const { text } = await stepIn(model, real.threads, this.thread, act, real.boundMs, command);
      const promise = this.timeoutMs === 0 ? 'acquire(0) takes a free lock at once: a try-lock' : 'acquire() takes a free lock at once, from any thread';
      if (text !== 'returns') part(model, command, promise, 'returns', text);
      model.holder = this.thread;
      return;
    }
    if (model.holder === this.thread) {
      const { text } = await stepIn(model, real.threads, this.thread, act, real.boundMs, command);
      const ours = `throws Error: Thread ${idOf(real, this.thread)} already holds this lock; a Lock is not re-entrant`;
      if (text !== ours) part(model, command, 'a Lock is not re-entrant: its holder asking again is refused at once', ours, text);
      return;
    }
    await this.#givesUp(model, real, command, this.timeoutMs as number);
  }

  /** On a lock another thread holds all along: a LockTimeoutError, no sooner than asked and within the margin, by the waiting thread's real clock. */
  async #givesUp(model: Model, real: Real, command: string, timeoutMs: number): Promise<void> {
    const holder = idOf(real, model.holder as ThreadIndex);
    const ours =
      model.contract === 'ours'
        ? `throws LockTimeoutError: Timed out after ${timeoutMs} ms waiting for the lock held by thread ${holder}`
        : 'throws LockTimeoutError';
    const act = { kind: 'call', member: 'acquire', via: this.via, timeoutMs } as const;
    const late = timeoutMs === 0 ? 'lock.try-waited' : 'lock.gave-up-late';
    const inTime = `acquire(${timeoutMs}) on a lock another thread holds gives up no sooner than ${timeoutMs} ms and at most ${Math.round(real.marginMs)} ms after, by the real clock`;
    const said = await (real.threads[this.thread] as ModelThread).do(act, timeoutMs + real.marginMs, `Step ${model.step}, ${command}`);
    if (said === undefined) {
      const waited = `still waiting after ${Math.round(timeoutMs + real.marginMs)} ms`;
      stillWaiting(model, command, inTime, `${ours}, after ${timeoutMs} ms`, waited, late);
    }
    const promise = 'acquire(timeoutMs) on a lock another thread holds throws a LockTimeoutError, its class and its name';
    if (said.text === 'returns') part(model, command, `${promise}: it never takes it`, ours, said.text, 'lock.taken-while-held');
    if (!timedOut(said)) part(model, command, promise, ours, said.text, 'lock.wrong-timeout-error');
    saysNothing(model, command, said, 'lock.timeout-says-nothing');
    if (model.contract === 'ours' && said.text !== ours) part(model, command, `${promise}, naming the holder`, ours, said.text);
    const after = `${said.text}, after ${Math.round(said.ms)} ms`;
    if (said.ms < timeoutMs) part(model, command, inTime, `${ours}, after ${timeoutMs} ms`, after, 'lock.gave-up-early');
    if (said.ms > timeoutMs + real.marginMs) part(model, command, inTime, `${ours}, after ${timeoutMs} ms`, after, late);
  }
  toString = () => `${on(this.via)}.acquire(${this.timeoutMs ?? ''}) ${threadName(this.thread)}`;
}

/** A timed acquire that has not answered within its margin: it may never; its worker is ended with the case. */
function stillWaiting(model: Model, command: string, promise: string, ours: string, yours: string, id: FailureId): never {
  try {
    part(model, command, promise, ours, yours);
  } catch (error) {
    throw withId(error, id, new BoundExceeded(`Step ${model.step}, ${command}: ${yours}`));
  }
}

export class ReleaseCommand extends InThread implements LockCommand {
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = String(this);
    const said = await stepIn(model, real.threads, this.thread, { kind: 'call', member: 'release', via: this.via }, real.boundMs, command);
    const strict = model.contract === 'ours';
    if (model.holder === this.thread) {
      const promise = 'its holder releases it, through any Lock over the same buffer';
      if (said.text !== 'returns') part(model, command, promise, 'returns', said.text, 'lock.holder-release-refused');
      model.holder = undefined;
      return;
    }
    const self = idOf(real, this.thread);
    if (model.holder === undefined) {
      const ours = strict ? `throws LockNotHeldError: Thread ${self} released a lock that is not held (released twice?)` : 'throws an Error';
      const promise = 'release() of a free lock is refused: released twice, or never taken';
      if (!isError(said)) part(model, command, promise, ours, said.text, 'lock.free-release-not-refused');
      saysNothing(model, command, said, 'lock.refusal-says-nothing');
      if (strict && said.text !== ours) part(model, command, `${promise}, with a LockNotHeldError`, ours, said.text);
      return;
    }
    const ours = strict ? `throws Error: Thread ${self} cannot release a lock held by thread ${idOf(real, model.holder)}` : 'throws an Error';
    const promise = 'only its holder may release it: another thread is refused, and the lock stays held';
    if (!isError(said)) part(model, command, promise, ours, said.text, 'lock.release-not-refused');
    saysNothing(model, command, said, 'lock.refusal-says-nothing');
    if (strict && said.text !== ours) part(model, command, promise, ours, said.text);
  }
  override toString = () => `${on(this.via)}.release() ${threadName(this.thread)}`;
}

/** Ours only: the lesson's Lock has no `holder`. */
export class HolderCommand extends InThread implements LockCommand {
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = String(this);
    const { text } = await stepIn(model, real.threads, this.thread, { kind: 'call', member: 'holder', via: this.via }, real.boundMs, command);
    const ours = `returns ${model.holder === undefined ? 'undefined' : idOf(real, model.holder)}`;
    if (text !== ours)
      part(model, command, 'holder is the thread id of the thread that holds the lock, or undefined when it is free, to any thread', ours, text);
  }
  override toString = () => `${on(this.via)}.holder ${threadName(this.thread)}`;
}

/** Ours only, and on a free lock: one that takes the timeout anyway takes the lock, and says so at once. */
export class BadTimeoutCommand implements LockCommand {
  readonly thread: ThreadIndex;
  readonly timeoutMs: number;
  constructor(thread: ThreadIndex, timeoutMs: number) {
    this.thread = thread;
    this.timeoutMs = timeoutMs;
  }
  check = (model: Readonly<Model>) => this.thread <= model.workers && model.holder === undefined;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = String(this);
    freeForTheMainThread(model, real, this.thread, command);
    const act = { kind: 'call', member: 'acquire', via: 'its own', timeoutMs: this.timeoutMs } as const;
    const { text } = await stepIn(model, real.threads, this.thread, act, real.boundMs, command);
    const ours = `throws RangeError: A lock timeout must be a number of ms, 0 or more, got ${String(this.timeoutMs)}`;
    if (text !== ours) part(model, command, 'a timeout that is not a number of ms, 0 or more, is refused, naming it', ours, text);
  }
  toString = () => `lock.acquire(${String(this.timeoutMs)}) ${threadName(this.thread)}`;
}

/** Makes new objects of the class, without a buffer: `via` is not read. */
export class DefaultsCommand extends InThread implements LockCommand {
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = `new ${real.name}() twice ${threadName(this.thread)}`;
    const { text } = await stepIn(model, real.threads, this.thread, { kind: 'defaults' }, real.boundMs, command);
    const ours = 'each taken by acquire(0) while the other is held, then released';
    if (text !== ours) part(model, command, `new ${real.name}() is a new lock, free and of its own: another new one is not it`, ours, text);
  }
  override toString = () => `new Lock() twice ${threadName(this.thread)}`;
}
