/**
 * The whole contract of SharedCounter as one model: random programs of its operations, each taken in the
 * main thread or in a worker, through each thread's own counter or another made over the same buffer, each
 * step checked against the one count the model keeps. The document's claim is thread.shared-memory
 * (claims/properties/thread.ts, schedules.ts); this is the rest of what ours keeps, which example tests
 * used to state one by one: the count every counter over the buffer sees, in every thread, the default
 * constructor's, and the bad buffers refused.
 */
import * as fc from 'fast-check';
import { projectProperty } from '../property.ts';
import type { ClassRef } from '../tasks/judged.ts';
import { BadBufferCommand, badBuffers } from './bad-buffer.ts';
import { part } from './part.ts';
import type { Via } from './shared-acts.ts';
import { InThread, type ModelThread, ran, startThreads, stepIn, type ThreadIndex, threadName } from './threads.ts';

/** Ours keeps every promise; a lesson's class is held to what its starting file promises (no bad buffers refused). */
export type Contract = 'ours' | 'lesson';

interface Model {
  step: number;
  count: number;
  readonly workers: 1 | 2;
  /** What each thread's own counter last answered for `value`: a later answer the same while the count moved is stale. */
  readonly lastRead: Map<ThreadIndex, number>;
}

interface Real {
  readonly threads: readonly ModelThread[];
  readonly boundMs: number;
  readonly name: string;
}

type CounterCommand = fc.AsyncCommand<Model, Real>;

const on = (via: Via, name: string) => (via === 'its own' ? 'counter' : `new ${name}(buffer)`);

class IncrementCommand extends InThread implements CounterCommand {
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = this.#said(real.name);
    const { text } = await stepIn(model, real.threads, this.thread, { kind: 'call', member: 'increment', via: this.via }, real.boundMs, command);
    const ours = `returns ${model.count}`;
    if (text !== ours) {
      const promise = 'increment() returns the count before it adds one, whichever thread calls it, through any counter over the buffer';
      part(model, command, promise, ours, text, text === `returns ${model.count + 1}` ? 'counter.returned-count-after' : 'counter.not-shared');
    }
    model.count++;
  }
  #said = (name: string) => `${on(this.via, name)}.increment() ${threadName(this.thread)}`;
  override toString = () => this.#said('SharedCounter');
}

class ValueCommand extends InThread implements CounterCommand {
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = this.#said(real.name);
    const { text } = await stepIn(model, real.threads, this.thread, { kind: 'call', member: 'value', via: this.via }, real.boundMs, command);
    const ours = `returns ${model.count}`;
    const last = this.via === 'its own' ? model.lastRead.get(this.thread) : undefined;
    if (this.via === 'its own') model.lastRead.set(this.thread, model.count);
    if (text === ours) return;
    const stale = last !== undefined && text === `returns ${last}`;
    const promise = stale
      ? 'value is the count now, each time it is read: not a copy kept from before'
      : 'value is the count, as every counter over the buffer sees it, in every thread';
    part(model, command, promise, ours, text, stale ? 'counter.value-stale' : 'counter.not-shared');
  }
  #said = (name: string) => `${on(this.via, name)}.value ${threadName(this.thread)}`;
  override toString = () => this.#said('SharedCounter');
}

/** Makes new objects of the class, without a buffer: `via` is not read. */
class DefaultsCommand extends InThread implements CounterCommand {
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const command = `new ${real.name}() ${threadName(this.thread)}`;
    const { text } = await stepIn(model, real.threads, this.thread, { kind: 'defaults' }, real.boundMs, command);
    const ours = 'value 0, increment() 0, value 1; another new one: value 0';
    const promise = `new ${real.name}() is a new counter, at 0 and of its own: another new one is not it`;
    if (text !== ours) part(model, command, promise, ours, text, 'counter.default-not-new');
  }
  override toString = () => `new SharedCounter() ${threadName(this.thread)}`;
}

const thread = fc.constantFrom<ThreadIndex>(0, 1, 2);
const via = fc.constantFrom<Via>('its own', 'another');

function commands(contract: Contract) {
  return fc.commands<Model, Real, false>(
    [
      fc.tuple(thread, via).map(([each, how]) => new IncrementCommand(each, how)),
      fc.tuple(thread, via).map(([each, how]) => new IncrementCommand(each, how)),
      fc.tuple(thread, via).map(([each, how]) => new ValueCommand(each, how)),
      thread.map((each) => new DefaultsCommand(each)),
      ...(contract === 'ours' ? [fc.constantFrom(...badBuffers).map((buffer) => new BadBufferCommand<Model>(buffer, 'SharedCounter'))] : []),
    ],
    { maxCommands: 10 },
  );
}

/**
 * The tour every run begins with: the count from every thread, through each thread's own counter and
 * another over the buffer; the same counter read again after others counted; the defaults in the main
 * thread and in a worker; and, for ours, every bad buffer.
 */
function tour(contract: Contract): Iterable<CounterCommand> {
  return [
    new ValueCommand(0, 'its own'),
    new IncrementCommand(0, 'its own'),
    new IncrementCommand(1, 'its own'),
    new ValueCommand(0, 'another'),
    new IncrementCommand(2, 'another'),
    new ValueCommand(1, 'its own'),
    new ValueCommand(0, 'its own'),
    new IncrementCommand(0, 'another'),
    new ValueCommand(2, 'its own'),
    new ValueCommand(0, 'its own'),
    new DefaultsCommand(0),
    new DefaultsCommand(1),
    ...(contract === 'ours' ? badBuffers.map((buffer) => new BadBufferCommand<Model>(buffer, 'SharedCounter')) : []),
  ];
}

type Values = [Contract, 1 | 2, Iterable<CounterCommand>];

export const sharedCounterModel = projectProperty<ClassRef, Values>({
  judges: ['SharedCounter'],
  aspect:
    'The whole contract of SharedCounter, as a model: any program of increment, value and new counters, in the main thread and in workers, keeps every promise',
  arbitraries: [fc.constant('ours'), fc.constantFrom(1, 2), commands('ours')],
  numRuns: 10,
  examples: [['ours', 2, tour('ours')]],
  check: (ref: ClassRef, thisCase) => async (_contract: Contract, workers: 1 | 2, program: Iterable<CounterCommand>) => {
    const boundMs = await thisCase.bound();
    const { threads, name } = await startThreads(ref, new SharedArrayBuffer(4), 'counter', workers, thisCase);
    const model: Model = { step: 0, count: 0, workers, lastRead: new Map() };
    await fc.asyncModelRun(() => ({ model, real: { threads, boundMs, name } }), program);
  },
});

/** The model as a lesson holds its class to it: the same commands, but for the bad buffers, which its starting file does not ask it to refuse. */
export const learnersCounterModel: Pick<typeof sharedCounterModel, 'arbitraries' | 'examples'> = {
  arbitraries: [fc.constant('lesson'), fc.constantFrom(1, 2), commands('lesson')],
  examples: [['lesson', 2, tour('lesson')]],
};

/** A program, as a lesson shows its counterexample. */
export const counterProgram = (_contract: Contract, workers: 1 | 2, program: Iterable<CounterCommand>) =>
  `the main thread and ${workers === 1 ? 'a worker' : '2 workers'}, on one buffer: ${ran(program, workers)}`;
