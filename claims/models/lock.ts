/**
 * The whole contract of Lock as one model: random programs of its operations, each taken in the main thread
 * or in a worker, through each thread's own Lock or another over the same buffer, each step checked against
 * who the model says holds it. The document's claims about the lock are judged under every schedule
 * (claims/properties/schedules.ts), where the clock is virtual; this is the rest of what ours keeps, which
 * example tests used to state one by one: acquire and release from any thread, a release of a free lock or
 * by another thread refused, no re-entry, acquire(0) a try-lock, a timed-out acquire's class and name and
 * its time by the real clock, bad timeouts and bad buffers refused, and a new Lock a lock of its own.
 */
import * as fc from 'fast-check';
import { projectProperty } from '../property.ts';
import type { ClassRef } from '../tasks/judged.ts';
import { BadBufferCommand, badBuffers } from './bad-buffer.ts';
import {
  AcquireCommand,
  BadTimeoutCommand,
  type Contract,
  DefaultsCommand,
  HolderCommand,
  type LockCommand,
  type Model,
  ReleaseCommand,
} from './lock-commands.ts';
import type { Via } from './shared-acts.ts';
import { ran, startThreads, type ThreadIndex } from './threads.ts';

export type { Contract } from './lock-commands.ts';

/**
 * How late a timed acquire may give up: what the case allows any wait, up to 10 s. A loaded machine is late
 * by milliseconds; a timeout read in the wrong unit (seconds for ms) is 1,000 times late: 20 s for the
 * shortest timeout the model asks with, beyond any margin.
 */
const marginOf = (boundMs: number) => Math.min(boundMs, 10_000);

const thread = fc.constantFrom<ThreadIndex>(0, 1, 2);
const via = fc.constantFrom<Via>('its own', 'another');

function commands(contract: Contract) {
  const ours = contract === 'ours';
  return fc.commands<Model, Parameters<LockCommand['run']>[1], false>(
    [
      fc.tuple(thread, via, fc.constantFrom(undefined, 0, 20, 50)).map(([each, how, timeoutMs]) => new AcquireCommand(each, how, timeoutMs)),
      fc.tuple(thread, via, fc.constantFrom(0, 20)).map(([each, how, timeoutMs]) => new AcquireCommand(each, how, timeoutMs)),
      fc.tuple(thread, via).map(([each, how]) => new ReleaseCommand(each, how)),
      fc.tuple(thread, via).map(([each, how]) => new ReleaseCommand(each, how)),
      thread.map((each) => new DefaultsCommand(each)),
      ...(ours
        ? [
            fc.tuple(thread, via).map(([each, how]) => new HolderCommand(each, how)),
            fc.tuple(thread, fc.constantFrom(-1, Number.NaN)).map(([each, timeoutMs]) => new BadTimeoutCommand(each, timeoutMs)),
            fc.constantFrom(...badBuffers).map((buffer) => new BadBufferCommand<Model>(buffer, 'Lock')),
          ]
        : []),
    ],
    { maxCommands: 10 },
  );
}

/**
 * The tour every run begins with: taken in the main thread, asked for by each worker (a try-lock, a
 * timeout), released by a thread that does not hold it, by its holder through another Lock, and once more
 * when free; then taken by a worker with acquire(0) and asked for again by its holder; the defaults; and,
 * for ours, holder at each turn, the bad timeouts and the bad buffers.
 */
function tour(contract: Contract): LockCommand[] {
  const ours = (...commands: LockCommand[]) => (contract === 'ours' ? commands : []);
  return [
    new AcquireCommand(0, 'its own', undefined),
    ...ours(new HolderCommand(1, 'its own')),
    new AcquireCommand(1, 'its own', 0),
    new AcquireCommand(2, 'another', 20),
    new ReleaseCommand(1, 'its own'),
    new ReleaseCommand(0, 'another'),
    new ReleaseCommand(0, 'its own'),
    ...ours(new HolderCommand(0, 'its own')),
    new AcquireCommand(1, 'its own', 0),
    ...ours(new AcquireCommand(1, 'another', 50)),
    new AcquireCommand(2, 'its own', 50),
    ...ours(new HolderCommand(2, 'another')),
    new ReleaseCommand(0, 'its own'),
    new ReleaseCommand(1, 'another'),
    ...ours(new BadTimeoutCommand(0, -1), new BadTimeoutCommand(2, Number.NaN)),
    new AcquireCommand(2, 'its own', undefined),
    new ReleaseCommand(2, 'its own'),
    new DefaultsCommand(0),
    new DefaultsCommand(1),
    ...ours(...badBuffers.map((buffer) => new BadBufferCommand<Model>(buffer, 'Lock'))),
  ];
}

type Values = [Contract, 1 | 2, Iterable<LockCommand>];

export const lockModel = projectProperty<ClassRef, Values>({
  judges: ['Lock'],
  aspect:
    'The whole contract of Lock, as a model: any program of acquire, release and new locks, in the main thread and in workers, keeps every promise, its timeouts by the real clock',
  arbitraries: [fc.constant('ours'), fc.constantFrom(1, 2), commands('ours')],
  numRuns: 10,
  examples: [['ours', 2, tour('ours')]],
  check: (ref: ClassRef, thisCase) => async (contract: Contract, workers: 1 | 2, program: Iterable<LockCommand>) => {
    const boundMs = await thisCase.bound();
    const buffer = new SharedArrayBuffer(4);
    const { threads, name } = await startThreads(ref, buffer, 'lock', workers, thisCase);
    const model: Model = { step: 0, holder: undefined, workers, contract };
    await fc.asyncModelRun(() => ({ model, real: { threads, boundMs, marginMs: marginOf(boundMs), name, buffer } }), program);
  },
});

/** The model as a lesson holds its class to it: no holder, no refused re-entry, bad timeouts or bad buffers, and errors in any words but the LockTimeoutError's class. */
export const learnersLockModel: Pick<typeof lockModel, 'arbitraries' | 'examples'> = {
  arbitraries: [fc.constant('lesson'), fc.constantFrom(1, 2), commands('lesson')],
  examples: [['lesson', 2, tour('lesson')]],
};

/** A program, as a lesson shows its counterexample. */
export const lockProgram = (_contract: Contract, workers: 1 | 2, program: Iterable<LockCommand>) =>
  `the main thread and ${workers === 1 ? 'a worker' : '2 workers'}, on one lock: ${ran(program, workers)}`;
