/**
 * The whole contract of Pool (and ThreadPool) as one model: random programs of the pool's public operations,
 * in any order and as often as they come, each step checked against what the contract promises. The
 * document's claim about pools is `pool.waits` (claims/properties/pool.ts); this is the rest of what ours
 * keeps, which example tests used to state one by one: the edges of the input, bad input, calls made twice
 * or out of order, the default size, and the class and cause of every error.
 */
import * as fc from 'fast-check';
import { projectProperty } from '../property.ts';
import { outcomeOf } from './outcome.ts';
import { part } from './part.ts';
import {
  BadSizeCommand,
  CloseCommand,
  DefaultSizeCommand,
  JoinCommand,
  judgeInFlight,
  MapCommand,
  type Model,
  type PoolClass,
  type PoolCommand,
  type Real,
  RunnerDiesCommand,
  TerminateCommand,
} from './pool-commands.ts';
import { type Fault, type MapCall, type ModelAct, mapCall, unprintable } from './pool-map.ts';

const commands = fc.commands<Model, Real, false>(
  [
    mapCall.map((call) => new MapCommand(call, false)),
    mapCall.map((call) => new MapCommand(call, false)),
    mapCall.map((call) => new MapCommand(call, true)),
    fc.constant(new CloseCommand()),
    fc.constantFrom('terminate' as const, 'asyncDispose' as const).map((how) => new TerminateCommand(how)),
    fc.constant(new JoinCommand()),
    fc.constant(new DefaultSizeCommand()),
    fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY).map((size) => new BadSizeCommand(size)),
  ],
  { maxCommands: 8 },
);

const succeed = (value: number, ms = 1): ModelAct => ({ behaviour: 'succeed', value, ms });
const fail = (value: number, ms = 1): ModelAct => ({ behaviour: 'throw', value, ms });
const map = (acts: ModelAct[], container: MapCall['container'] = 'array', chunksize: MapCall['chunksize'] = undefined, fault: Fault = { kind: 'none' }) =>
  new MapCommand({ acts, container, chunksize, fault }, false);
const leftRunning = (acts: ModelAct[], chunksize: MapCall['chunksize'] = undefined) =>
  new MapCommand({ acts, container: 'array', chunksize, fault: { kind: 'none' } }, true);

/**
 * Two programs run first every time, so that every promise is checked in every run, whatever is generated:
 * a tour of every operation, each edge of the input, each refusal and each call made twice or out of
 * order; and a terminate() that meets a map in flight.
 */
const examples: [number, Iterable<PoolCommand>][] = [
  [
    2,
    [
      new DefaultSizeCommand(),
      new BadSizeCommand(0),
      new JoinCommand(),
      map([]),
      map([], 'Set'),
      map([succeed(3)], 'iterable'),
      map([succeed(1), succeed(2), succeed(3)], 'Set', 2),
      map([succeed(4), fail(5), fail(6)], 'generator', 'auto'),
      map([succeed(1), succeed(2)], 'generator', 1, { kind: 'throws while read', after: 1, thrown: new Error('the source went away') }),
      map([succeed(1), succeed(2)], 'generator', 1, { kind: 'throws while read', after: 0, thrown: unprintable }),
      map([succeed(2)], 'array', null),
      map([succeed(1)], 'array', undefined, { kind: 'bad chunksize', chunksize: 0 }),
      map([], 'array', undefined, { kind: 'bad chunksize', chunksize: 'big' }),
      map([succeed(1)], 'array', undefined, { kind: 'no task' }),
      map([succeed(1)], 'array', undefined, { kind: 'task without a name' }),
      map([], 'array', undefined, { kind: 'not iterable', items: 3 }),
      map([], 'array', undefined, { kind: 'not iterable', items: undefined }),
      new RunnerDiesCommand(),
      leftRunning([succeed(7, 30), succeed(8, 30), fail(9)]),
      new CloseCommand(),
      new CloseCommand(),
      map([succeed(1)]),
      new JoinCommand(),
      new TerminateCommand('terminate'),
      new TerminateCommand('terminate'),
      new CloseCommand(),
      map([succeed(1)]),
      new JoinCommand(),
      new TerminateCommand('asyncDispose'),
      map([succeed(1)]),
    ],
  ],
  // In chunks of two, the chunks still queued when terminate() comes never run: each item is named as its own.
  [1, [leftRunning([succeed(1, 30), succeed(2, 30), succeed(3), succeed(4), succeed(5)], 2), new TerminateCommand('terminate'), new JoinCommand(), map([])]],
];

/**
 * The programs of what the lesson's Pool has (lessons/2-pool/: map and dispose): maps awaited one after
 * another, of items of every kind, with no options nor bad input, then a dispose, or two.
 */
export const mapAndDisposePrograms: fc.Arbitrary<Iterable<PoolCommand>> = fc
  .tuple(fc.array(mapCall, { maxLength: 4 }), fc.integer({ min: 1, max: 2 }))
  .map(([calls, disposes]) => [
    ...calls.map((call) => map([...call.acts], call.container)),
    ...Array.from({ length: disposes }, () => new TerminateCommand('asyncDispose')),
  ]);

/** The tour of what the lesson's Pool has: every edge of the input, failures, and a second dispose. */
export const mapAndDisposeExamples: [number, Iterable<PoolCommand>][] = [
  [
    2,
    [
      map([]),
      map([], 'Set'),
      map([succeed(3)], 'iterable'),
      map([succeed(1), succeed(2), succeed(3)], 'Set'),
      map([succeed(4), fail(5), fail(6)], 'generator'),
      map([succeed(1)]),
      new TerminateCommand('asyncDispose'),
      new TerminateCommand('asyncDispose'),
    ],
  ],
];

export const poolModel = projectProperty<PoolClass, [number, Iterable<PoolCommand>]>({
  judges: ['Pool', 'ThreadPool'],
  aspect: 'The whole contract of Pool, as a model: any program of map, close, terminate, join and dispose keeps every promise',
  arbitraries: [fc.constantFrom(1, 2), commands],
  numRuns: 15,
  examples,
  check: (Pool: PoolClass, thisCase) => async (size: number, program: Iterable<PoolCommand>) => {
    const boundMs = await thisCase.bound();
    const model: Model = { state: 'open', step: 0 };
    // A pool the program broke may fail to end as well: the first failure is the one reported.
    // Disposed of, not terminated: a learner's Pool (lessons/2-pool/) has no terminate(), and ours does the same by either.
    const pool = thisCase.defer(
      new Pool(size),
      (pool) => outcomeOf(() => pool[Symbol.asyncDispose](), boundMs, 'disposing of the pool after the program'),
      'disposing of the pool',
    );
    const real: Real = { Pool, pool, boundMs, inFlight: [] };
    if (pool.size !== size) part(model, `new Pool(${size})`, 'a pool has the size it was given', `size ${size}`, `size ${pool.size}`);
    await fc.asyncModelRun(() => ({ model, real }), program);
    await judgeInFlight(model, real);
  },
});
