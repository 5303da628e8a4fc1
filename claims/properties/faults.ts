/**
 * What the document leaves out: a failing task never hangs join or map, and never loses another task's
 * result. The properties, for any backend (processes or threads, ours or a broken one). Every wait,
 * cleanup included, is bounded: a broken implementation fails them in bounded time, naming what hung.
 */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { PoolMapError } from '../../src/pool.ts';
import type { TaskError } from '../../src/runtime/errors.ts';
import { KnownFailure, tagged } from '../failures.ts';
import { projectProperty } from '../property.ts';
import { outcomesOf } from '../support/outcomes.ts';
import { BoundExceeded, nothingLeft, settlesWithin } from '../support/settles.ts';
import { type Act, type Behaviour, performTask } from '../tasks/faults.ts';
import type { PoolLike } from './pool.ts';
import type { RunnableClass, RunnableLike } from './runnables.ts';

/**
 * Processes or threads, ours, a broken one, or a learner's (lessons/). A learner's Process has no
 * `exitCode` nor `terminate()`, and a learner's Pool no `terminate()`: what a class has is judged, and
 * what it started is ended by what it offers (a pool's dispose).
 */
export interface Backend {
  readonly Runnable: RunnableClass<RunnableLike & { readonly exitCode?: number | null; terminate?(): Promise<void> }>;
  readonly Pool: new (size: number) => PoolLike & { terminate?(): Promise<void> };
  /** How a runner is named when it ended, as a regular expression: `process \d+`. */
  readonly ended: string;
  /** A worker thread cannot be killed by a signal without killing its whole process: in threads, 'kill' becomes 'exit'. */
  readonly canBeKilled: boolean;
}

const act: fc.Arbitrary<Act> = fc.record({
  behaviour: fc.constantFrom<Behaviour>('succeed', 'succeed', 'throw', 'exit', 'kill'),
  value: fc.integer({ min: 1, max: 99 }),
  ms: fc.integer({ min: 0, max: 30 }),
});

function playable(backend: Backend, each: Act): Act {
  return each.behaviour === 'kill' && !backend.canBeKilled ? { ...each, behaviour: 'exit' } : each;
}

/**
 * Runs `work` within its bound, then ends what it started (`end`); the first failure is the one reported.
 * Ending is one bound for a runner (`endBound`), however many there are: they end side by side.
 */
async function thenEnd<T>(work: () => Promise<T>, end: () => Promise<unknown>, endBound: number): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // Ending kills what still runs at once; a broken implementation may never say it has ended, so only the kill is waited for.
    end().catch(() => {});
    await nothingLeft(endBound).catch(() => {});
    throw error;
  }
  await settlesWithin(end(), endBound, 'ending the runners (terminate, or dispose)');
  await nothingLeft(endBound, 'runners.left-running');
  return result;
}

export const joinSettles = projectProperty({
  judges: ['Process', 'Thread'],
  aspect: "join settles with the task's error, its stack and cause, or how its runner ended",
  arbitraries: [act],
  numRuns: 12,
  check: (backend: Backend, thisCase) => async (generated: Act) => {
    const played = playable(backend, generated);
    const bound = await thisCase.bound([played.ms ?? 0]);
    const runnable = new backend.Runnable(performTask, [played]);
    runnable.start();
    const joined = () =>
      settlesWithin(
        runnable.join().then(
          () => undefined,
          (error: TaskError) => error,
        ),
        bound,
        'join',
        'join.never-settled',
      );
    // What has no terminate() has ended once joined: only that it is gone is waited for.
    const failure = await thenEnd(joined, async () => runnable.terminate?.(), await thisCase.bound());
    const hasExitCode = 'exitCode' in runnable;
    if (played.behaviour === 'succeed') {
      expect(failure).toBeUndefined();
      if (hasExitCode) expect(runnable.exitCode).toBe(0);
      return;
    }
    tagged('join.hid-failure', () =>
      expect(
        failure?.name,
        `what join rejected with, for a task that ${played.behaviour === 'kill' ? 'was killed' : `${played.behaviour === 'exit' ? 'exited' : 'threw'}`}`,
      ).toBe('TaskError'),
    );
    expect(failure?.call).toContain('perform(');
    if (played.behaviour === 'throw') {
      // The child's own error, as Python re-raises it: its name, message, stack and cause.
      expect(failure?.message).toContain(`failed: download ${played.value} failed`);
      const cause = failure?.cause as Error;
      expect(cause.name).toBe('DownloadFailed');
      expect(cause.stack).toContain('faults.ts');
      expect((cause.cause as Error).message).toBe('connection reset');
      if (hasExitCode) expect(runnable.exitCode).toBe(1);
    } else if (played.behaviour === 'exit') {
      expect(failure?.message).toMatch(new RegExp(`did not finish: ${backend.ended} exited with code ${played.value}`));
      if (hasExitCode) expect(runnable.exitCode).toBe(played.value);
    } else {
      expect(failure?.message).toMatch(new RegExp(`did not finish: ${backend.ended} was killed by SIGKILL`));
      if (hasExitCode) expect(runnable.exitCode).toBeNull();
    }
  },
});

export const mapSettles = projectProperty({
  judges: ['Pool', 'ThreadPool'],
  aspect: 'map settles once every task has ended, each item keeps its own outcome in input order, and a runner that dies fails only its own chunk',
  arbitraries: [fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.array(act, { minLength: 1, maxLength: 10 })],
  numRuns: 12,
  check: (backend: Backend, thisCase) => async (size: number, chunksize: number, generated: Act[]) => {
    const acts = generated.map((each) => playable(backend, each));
    // The runners started one after another: the pool starts its own side by side (one start's cost, the
    // bound's margin covering more of them than cores), then one to replace each that dies, in the worst case
    // each after the last. Counting the pool's own one after another too made a hang wait 50 s here.
    const dying = acts.filter((each) => each.behaviour === 'exit' || each.behaviour === 'kill').length;
    const bound = await thisCase.bound(
      acts.map((each) => each.ms ?? 0),
      1 + dying,
    );
    const pool = new backend.Pool(size);
    await thenEnd(
      async () => {
        const mapped = settlesWithin(pool.map(performTask, acts, { chunksize }), bound, 'map', 'map.never-settled');
        const { values, errors } = await outcomesOf(
          mapped.catch((error: unknown) => {
            if (error instanceof PoolMapError || error instanceof BoundExceeded) throw error;
            // Python's map, too, raises only once every task has ended; ours then holds every failure.
            throw new KnownFailure(
              'map.rejected-at-first-failure',
              `map rejected with ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}, not with a PoolMapError of every failure: it must settle once every item has ended, and name each that failed`,
            );
          }),
        );
        expect(values).toHaveLength(acts.length);
        const unnamed = errors.filter((error) => typeof error.item !== 'number');
        if (unnamed.length > 0) {
          // The errors themselves are its cause: one may say why it names no item (a runner reused after its end).
          const messages = unnamed.map((error) => error.message).join('; ');
          throw new KnownFailure('map.errors-name-no-item', `map's errors that name no item (each failure is a TaskError naming its item): ${messages}`, {
            cause: new AggregateError(unnamed),
          });
        }
        for (const [item, each] of acts.entries()) {
          const first = item - (item % chunksize);
          const diedInChunk = acts.slice(first, first + chunksize).some((other) => other.behaviour === 'exit' || other.behaviour === 'kill');
          const error = errors.find((failed) => failed.item === item);
          if (diedInChunk) expect(error?.message).toMatch(new RegExp(`\\(item ${item}\\) did not finish: ${backend.ended} (exited with code|was killed)`));
          else if (each.behaviour === 'throw') expect(error?.message).toContain(`(item ${item}) failed: download ${each.value} failed`);
          else
            tagged(
              'map.succeeded-item-failed',
              () => expect({ value: values[item], error }, `item ${item}, whose task succeeded`).toEqual({ value: each.value, error: undefined }),
              error,
            );
        }
        // Dead runners were replaced: the same pool still maps, in chunks too.
        const again = [1, 2, 3].map((value) => ({ behaviour: 'succeed', value }) as const);
        // A rejection is the assertion's cause (vitest keeps it): its id says what went wrong.
        await expect(settlesWithin(pool.map(performTask, again, { chunksize: 2 }), bound, 'a second map', 'map.never-settled')).resolves.toEqual([1, 2, 3]);
      },
      async () => (pool.terminate === undefined ? pool[Symbol.asyncDispose]() : pool.terminate()),
      await thisCase.bound(),
    );
  },
});
