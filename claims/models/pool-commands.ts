/**
 * The pool model's commands: each one of the pool's public operations, the step it is in a program, and
 * the promise it checks. A command that finds the pool and the model parting says so with the step's number,
 * the call, the promise, what ours gives and what the pool did.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as aTurnLater } from 'node:timers/promises';
import type * as fc from 'fast-check';
import type { TaskRef } from '../../src/runtime/task.ts';
import type { FailureId } from '../failures.ts';
import { type Act, performTask } from '../tasks/faults.ts';
import { cutShortWrongly } from './cut-short.ts';
import { describe, errorText, type Outcome, outcomeOf } from './outcome.ts';
import { part } from './part.ts';
import { argumentsOf, callOf, type MapCall, poolMapErrorText, promisedFor, ranToTheEnd, showCall, taskErrorText } from './pool-map.ts';

/** What a pool offers: Python's `Pool` with `await using`. */
export interface ModelledPool extends AsyncDisposable {
  readonly size: number;
  map(task: TaskRef<[never], unknown>, items: Iterable<never>, options?: { chunksize?: number | 'auto' }): Promise<unknown[]>;
  close(): void;
  terminate(): Promise<void>;
  join(): Promise<void>;
}

export type PoolClass = new (size?: number) => ModelledPool;

/** What the contract needs to know of a pool to say what it promises next. */
export interface Model {
  state: 'open' | 'closed' | 'terminated';
  /** The steps taken so far: a failure names its own. */
  step: number;
}

/** A map started and not yet awaited, to be judged once it settles. */
interface InFlight {
  readonly step: number;
  readonly call: MapCall;
  /** What it promises, said as the outcome would be. */
  readonly promised: string;
  /** Whether it runs tasks at all: a refusal, or no items, is the same whatever comes after it. */
  readonly runs: boolean;
  readonly outcome: Promise<Outcome>;
  settled: boolean;
  /** A terminate() came while it ran: the model then allows any split of its items (cut-short.ts). */
  cutShort: boolean;
}

export interface Real {
  readonly Pool: PoolClass;
  readonly pool: ModelledPool;
  readonly boundMs: number;
  readonly inFlight: InFlight[];
}

function judge(model: Model, command: string, promise: string, ours: string, outcome: Outcome, id?: FailureId): void {
  const yours = describe(outcome);
  if (yours !== ours) part(model, command, promise, ours, yours, id);
}

export type PoolCommand = fc.AsyncCommand<Model, Real>;

export class MapCommand implements PoolCommand {
  readonly call: MapCall;
  /** Started and left running, to meet what comes next: close(), join(), terminate(). */
  readonly inFlight: boolean;
  constructor(call: MapCall, inFlight: boolean) {
    this.call = call;
    this.inFlight = inFlight;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const promised = promisedFor(model.state, this.call);
    const ours = promised.kind === 'refused' ? promised.error : this.call.acts.length === 0 ? 'resolves []' : ranToTheEnd(this.call.acts);
    const promise =
      promised.kind === 'refused'
        ? 'a refusal is a rejection, with its own class and words'
        : this.call.acts.length === 0
          ? 'no items give []'
          : 'results come in input order, and every failure in one PoolMapError, its cause the first, once every item ended';
    const [task, items, options] = argumentsOf(this.call);
    const start = () => real.pool.map(task as TaskRef<[never], unknown>, items as Iterable<never>, options as { chunksize?: number });
    const outcome = outcomeOf(start, real.boundMs, `Step ${model.step}, ${this}`);
    if (!this.inFlight) return judge(model, String(this), promise, ours, await outcome, promised.kind === 'runs' ? 'map.wrong-results' : undefined);
    const runs = promised.kind === 'runs' && this.call.acts.length > 0;
    const entry: InFlight = { step: model.step, call: this.call, promised: ours, runs, outcome, settled: false, cutShort: false };
    // A map that never settles is judged where the program ends, or not at all if an earlier step failed:
    // its bound running out then is no failure of a later test.
    void outcome.then(
      () => {
        entry.settled = true;
      },
      () => {},
    );
    real.inFlight.push(entry);
  }
  toString = () => (this.inFlight ? `${showCall(this.call)}, left running` : `await ${showCall(this.call)}`);
}

export class CloseCommand implements PoolCommand {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    try {
      real.pool.close();
    } catch (error) {
      part(model, String(this), 'close() never throws: not twice, nor after terminate()', 'returns', `throws ${errorText(error)}`);
    }
    if (model.state === 'open') model.state = 'closed';
  }
  toString = () => 'close()';
}

export class TerminateCommand implements PoolCommand {
  readonly how: 'terminate' | 'asyncDispose';
  constructor(how: 'terminate' | 'asyncDispose') {
    this.how = how;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    // Marked before the call: a task may be killed the moment terminate() begins.
    for (const entry of real.inFlight) entry.cutShort ||= !entry.settled;
    const end = () => (this.how === 'terminate' ? real.pool.terminate() : real.pool[Symbol.asyncDispose]());
    const outcome = await outcomeOf(end, real.boundMs, `Step ${model.step}, ${this}`);
    judge(model, String(this), `${this} ends the pool, every time it is called, whatever came before`, 'resolves', outcome, 'pool.end-refused');
    model.state = 'terminated';
  }
  toString = () => (this.how === 'terminate' ? 'terminate()' : '[Symbol.asyncDispose]()');
}

export class JoinCommand implements PoolCommand {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const outcome = await outcomeOf(() => real.pool.join(), real.boundMs, `Step ${model.step}, join()`);
    if (model.state === 'open') {
      const refused = 'rejects with Error: Call close() or terminate() before join()';
      return judge(model, 'join()', 'join() is refused before close() or terminate(), as in Python', refused, outcome);
    }
    judge(model, 'join()', 'join() waits for every runner to end, after close() or terminate(), as often as asked', 'resolves', outcome);
    // Every map's end was set in motion before its last runner left; a turn of the event loop lets it be seen.
    await aTurnLater();
    const pending = real.inFlight.find((entry) => !entry.settled);
    if (pending !== undefined) {
      const still = `the map of step ${pending.step} is still pending`;
      part(model, 'join()', 'when join() returns, every map in flight has settled: its runners are gone', 'every map settled', still);
    }
  }
  toString = () => 'join()';
}

/**
 * A runner dies mid-task while another, done with its item, is idle: the map fails the dead runner's item
 * alone, and the pool goes on with the idle one, which a later close() ends like any other.
 */
export class RunnerDiesCommand implements PoolCommand {
  readonly #acts: readonly Act[] = [
    { behaviour: 'succeed', value: 1, ms: 1 },
    // Its process (or thread) exits once the other item has long been answered.
    { behaviour: 'exit', value: 3, ms: 30 },
  ];
  check = (model: Readonly<Model>) => model.state === 'open';
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const outcome = await outcomeOf(
      () => real.pool.map(performTask as TaskRef<[never], unknown>, this.#acts as never[]),
      real.boundMs,
      `Step ${model.step}, ${this}`,
    );
    // The pool sees its runner's end in the same turn as the item's failure: a turn later, it has acted on it.
    await aTurnLater();
    const died = `${callOf(this.#acts[1] as Act)} (item 1) did not finish: its runner exited with code 3`;
    const ours = `rejects with ${poolMapErrorText(`1 of 2 tasks failed; the first: ${died}`, [1, undefined], [taskErrorText(1, died)], 'the first error')}`;
    // Which process or thread ran it is the pool's to choose.
    const yours = describe(outcome).replace(/(process \d+|thread \d+ of process \d+) exited/g, 'its runner exited');
    if (yours !== ours) part(model, String(this), 'a runner that dies fails its own item alone, and the map still settles', ours, yours);
  }
  toString = () => 'await map(perform, [succeed 1, exit 3]), whose second task ends its process';
}

export class DefaultSizeCommand implements PoolCommand {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const pool = new real.Pool();
    try {
      const promise = `${real.Pool.name}() defaults to one runner per available CPU, as Python's os.cpu_count()`;
      if (pool.size !== availableParallelism()) part(model, String(this), promise, `size ${availableParallelism()}`, `size ${pool.size}`);
    } finally {
      // No work was given, so no runner started: this ends nothing, but leaves nothing either.
      await outcomeOf(() => pool.terminate(), real.boundMs, `Step ${model.step}, terminate() of the pool of default size`);
    }
  }
  toString = () => 'new Pool()';
}

export class BadSizeCommand implements PoolCommand {
  readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const ours = `throws RangeError: ${real.Pool.name} size must be a positive integer, got ${String(this.size)}`;
    const promise = 'a size that is not a positive integer is refused, naming the value';
    let made: ModelledPool;
    try {
      made = new real.Pool(this.size);
    } catch (error) {
      const yours = `throws ${errorText(error)}`;
      if (yours !== ours) part(model, String(this), promise, ours, yours);
      return;
    }
    await outcomeOf(() => made.terminate(), real.boundMs, `Step ${model.step}, terminate() of the pool of size ${this.size}`);
    part(model, String(this), promise, ours, `a pool of size ${made.size}`);
  }
  toString = () => `new Pool(${String(this.size)})`;
}

/** After the program: every map left running settles as promised, whatever came after it. */
export async function judgeInFlight(model: Model, real: Real): Promise<void> {
  for (const { step, call, promised, runs, outcome, cutShort } of real.inFlight) {
    const settled = await outcome;
    const where = `the program, for the map of step ${step}, ${showCall(call)}`;
    if (!(cutShort && runs)) {
      if (describe(settled) !== promised) part(model, where, 'a map left running keeps every promise of one awaited', promised, describe(settled));
      continue;
    }
    if (describe(settled) === promised) continue;
    const wrong = cutShortWrongly(call.acts, settled);
    if (wrong !== undefined)
      part(model, where, `what terminate() does to a map in flight: ${wrong}`, `${promised}, or some items cut short`, describe(settled));
  }
}
