/**
 * The whole contract of Pool, as one model (claims/models/pool.ts): ours keeps it over processes and over
 * threads, and each broken pool in fixtures/broken-pools.ts, wrong in one way, is rejected by it, with a
 * message that names the step where it parts from the model.
 */
import { describe, expect, it } from 'vitest';
import { poolModel } from '../claims/models/pool.ts';
import type { PoolClass } from '../claims/models/pool-commands.ts';
import {
  AggregateErrorPool,
  ArrayLikePool,
  CauselessPool,
  CloseOncePool,
  EmptyListPool,
  ForgetfulTerminatePool,
  JoinAfterCloseOnlyPool,
  MisnamedErrorPool,
  PlainErrorPool,
  ResolvingTerminatePool,
  TerminateOncePool,
  TwoPerCorePool,
} from '../fixtures/broken-pools.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { expectRejected, rejectionBound } from './support/rejects.ts';
import { specify } from './support/specify.ts';

describe.each([
  { name: 'Pool', Pool },
  { name: 'ThreadPool', Pool: ThreadPool },
])('The contract of Pool as a model ($name)', ({ name, Pool }) => {
  specify(poolModel, Pool, { backend: name });
});

interface BrokenPool {
  /** The kind of mistake, as issue 32 names it. */
  readonly kind: string;
  readonly name: string;
  readonly Pool: PoolClass;
  /** The first line of the model's failure: the step where the pool parts from it, and the promise it breaks. */
  readonly why: RegExp;
  readonly bound?: number;
}

const brokenPools: readonly BrokenPool[] = [
  {
    kind: 'an edge of the input',
    name: 'a Set or generator read as an array',
    Pool: ArrayLikePool,
    why: /^Step \d+, after await map\(perform, (new Set|an iterable|a generator) of \[succeed/,
  },
  {
    kind: 'an edge of the input',
    name: 'an empty list that waits for ever',
    Pool: EmptyListPool,
    // It fails by a hang, at the first map, which no step before it (no runner started yet) comes near: a
    // shorter bound costs less of the run, waiting.
    bound: 500,
    why: /^Step \d+, await map\(perform, \[\]\) did not settle within 500 ms/,
  },
  { kind: 'a call made twice', name: 'a second close() refused', Pool: CloseOncePool, why: /^Step \d+, after close\(\): close\(\) never throws/ },
  {
    kind: 'a call made twice',
    name: 'a second terminate() refused',
    Pool: TerminateOncePool,
    why: /^Step \d+, after terminate\(\): terminate\(\) ends the pool, every time it is called/,
  },
  {
    kind: 'a call made twice',
    name: 'join() after terminate() refused',
    Pool: JoinAfterCloseOnlyPool,
    why: /^Step \d+, after join\(\): join\(\) waits for every runner to end, after close\(\) or terminate\(\)/,
  },
  {
    kind: 'a call out of order',
    name: 'a map cut short by terminate() left pending',
    Pool: ForgetfulTerminatePool,
    why: /^Step \d+, after join\(\): when join\(\) returns, every map in flight has settled.*yours: the map of step \d+ is still pending$/,
  },
  {
    kind: 'a call out of order',
    name: 'a map cut short by terminate() resolved as if it had finished',
    Pool: ResolvingTerminatePool,
    why: /^Step \d+, after the program, for the map of step \d+, .*: what terminate\(\) does to a map in flight: .*; yours: resolves \[/,
  },
  {
    kind: 'a default',
    name: 'a default size of two per core',
    Pool: TwoPerCorePool,
    why: /^Step 1, after new Pool\(\): TwoPerCorePool\(\) defaults to one runner per available CPU/,
  },
  {
    kind: "an error's identity",
    name: 'a plain Error for failed tasks',
    Pool: PlainErrorPool,
    why: /^Step \d+, after await map\(.*; yours: rejects with Error: \d+ of \d+ tasks failed/,
  },
  {
    kind: "an error's identity",
    name: 'an AggregateError for failed tasks',
    Pool: AggregateErrorPool,
    why: /; yours: rejects with AggregateError \(no values\): /,
  },
  {
    kind: "an error's identity",
    name: 'a PoolMapError without its cause',
    Pool: CauselessPool,
    why: /^Step \d+, after await map\(.*; yours: rejects with PoolMapError: .*; cause none$/,
  },
  {
    kind: "an error's identity",
    name: 'a PoolMapError named Error',
    Pool: MisnamedErrorPool,
    why: /^Step \d+, after await map\(.*; yours: rejects with PoolMapError named "Error": /,
  },
];

describe('Every promise of the model can fail: it rejects each broken pool at the step where it parts', () => {
  for (const { kind, name, Pool, why, bound } of brokenPools) {
    it(`the pool model rejects ${name} (${kind}; fixtures/broken-pools.ts)`, async () => {
      // The programs run first every time reach each broken promise: the first failing case is the one to read.
      expect(await expectRejected(poolModel, Pool, bound ?? (await rejectionBound()), name, { shrink: false })).toMatch(why);
    });
  }
});
