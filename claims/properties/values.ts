/**
 * A value crosses to a runner and back unchanged: what structured clone carries arrives as it was sent,
 * whichever backend runs the task, chunked or not (spec/values.spec.ts).
 */
import * as fc from 'fast-check';
import { expect } from 'vitest';
import type { TaskRef } from '../../src/runtime/task.ts';
import { projectProperty } from '../property.ts';
import { echoTask } from '../tasks/echo.ts';

/** A pool's map, with chunks or without: a learner's pool takes no options, and each chunk is then one item. */
export interface PoolLike {
  map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>, options?: { chunksize?: number }): Promise<Result[]>;
}

/** What structured clone carries unchanged (a null-prototype object, say, arrives with Object's prototype). */
const cloneable = fc.anything({
  key: fc.string().filter((key) => key !== '__proto__'),
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** `[[[…[0]…]]]`, `depth` arrays deep. */
function nested(depth: number): unknown {
  return depth === 0 ? 0 : [nested(depth - 1)];
}

export const crossesUnchanged = projectProperty({
  judges: ['Pool', 'ThreadPool'],
  aspect: 'map(echo, items) returns the items, chunked or not',
  arbitraries: [fc.array(cloneable, { maxLength: 8 }), fc.integer({ min: 1, max: 4 })],
  numRuns: 100,
  // Nested deeper than the wire looks before it clones; numbers JSON would change (-0 to 0, NaN and
  // Infinity to null) among the items of a chunk, where the wire checks numbers in its loop.
  examples: [
    [[nested(40)], 1],
    [[1, -0], 2],
    [[1, Number.NaN, Number.NEGATIVE_INFINITY], 3],
  ],
  check: (pool: PoolLike) => async (items: unknown[], chunksize: number) => {
    expect(await pool.map(echoTask, items, { chunksize })).toStrictEqual(items);
  },
});
