/** Lesson 2: a Pool whose map runs at most `size` tasks at once, keeps the results in order, and waits for them all. */
import * as fc from 'fast-check';
import { mapAndDisposeExamples, mapAndDisposePrograms, poolModel } from '../../claims/models/pool.ts';
import type { PoolCommand } from '../../claims/models/pool-commands.ts';
import type { Scenario } from '../../claims/programs/scenario.ts';
import { mapSettles } from '../../claims/properties/faults.ts';
import { endsByItself, learnersPoolExamples, learnersScenarios } from '../../claims/properties/liveness.ts';
import { poolWaits } from '../../claims/properties/pool.ts';
import { crossesUnchanged } from '../../claims/properties/values.ts';
import { narrowed } from '../../claims/property.ts';
import type { Act } from '../../claims/tasks/faults.ts';
import { act, program, sized, theClass } from '../adapters.ts';
import type { Lesson } from '../lesson.ts';

export const lesson: Lesson = {
  name: 'pool',
  title: 'Pool.map: at most size at once, results in order, returns when all are done',
  file: '2-pool.ts',
  export: 'Pool',
  ours: 'src/pool.ts',
  checks: [
    {
      claim: 'pool.waits',
      property: poolWaits,
      judged: sized,
      shown: (size: number, items: number) => `a Pool(${size}) mapping ${items} item${items === 1 ? '' : 's'}`,
    },
    {
      contract: 'map settles once every item has ended, with every failure, and a runner that dies fails only its own item',
      lane: 2,
      property: narrowed(
        mapSettles,
        { arbitraries: [mapSettles.arbitraries[0], fc.integer({ min: 1, max: 1 }), mapSettles.arbitraries[2]] },
        "the lesson's Pool takes no chunks: each item is a chunk of one",
      ),
      judged: (Exported) => ({ Pool: Exported, ended: 'process \\d+', canBeKilled: true }),
      shown: (size: number, _chunksize: number, acts: Act[]) => `a Pool(${size}) mapping ${acts.length} tasks that ${acts.map(act).join('; ')}`,
    },
    {
      contract: 'a program that uses it ends by itself, and disposing of it ends every runner',
      lane: 1,
      property: narrowed(
        endsByItself,
        { arbitraries: [learnersScenarios.Pool], examples: learnersPoolExamples.map((scenario): [Scenario] => [scenario]), numRuns: 10 },
        "the lesson's Pool has no terminate() nor close(): its programs dispose of it (await using), or forget it",
      ),
      judged: (_exported, ref) => ref.module,
      shown: program,
    },
    {
      contract: 'map takes any iterable, an empty one too, and disposing of the pool may be done twice',
      property: narrowed(
        poolModel,
        { arbitraries: [poolModel.arbitraries[0], mapAndDisposePrograms], examples: mapAndDisposeExamples, numRuns: 5 },
        "the lesson's Pool has map and dispose alone: its programs map, then dispose of it, with no close, terminate, join, chunks nor bad input",
      ),
      judged: theClass,
      shown: (size: number, commands: Iterable<PoolCommand>) => `a Pool(${size}) running: ${[...commands].map(String).join('; ')}`,
    },
  ],
  notJudged: [
    {
      property: crossesUnchanged,
      why: 'values cross to a runner and back in the runner lessons/helpers.ts gives you, which is ours (src/runtime/runner.ts): your code never touches them',
    },
  ],
  mistakes: [
    {
      id: 'map.settled-early',
      mistake: 'map() resolved before all its tasks had ended: await every result before returning.',
      look: 'map',
    },
    {
      id: 'map.results-out-of-order',
      mistake: "The results are not in the items' order: keep each result at its item's index, whichever task ends first.",
      look: 'map',
    },
    {
      id: 'map.too-many-at-once',
      mistake:
        'More tasks ran at once, or more runners were started, than `size`: start at most `size` runners, and give each its next item only once it is free.',
      look: 'map',
    },
    {
      id: 'map.too-few-at-once',
      mistake:
        'Fewer tasks ran at once than the pool may run: start `size` runners (or as many as there are items), each taking the next item as soon as it is free.',
      look: 'map',
    },
    {
      id: 'map.rejected-at-first-failure',
      mistake:
        "map() rejected with one task's error: it must go on with the other items, and once every item has ended reject with a PoolMapError of every failure (new PoolMapError({ values, errors })). Awaiting Promise.all of the runners' loops rejects at the first failure, while the others still run.",
      look: 'map',
    },
    {
      id: 'runner.reused-after-end',
      mistake:
        'A runner whose child died was given more items, and each failed: when run() rejects and `runner.ended` is true, start a new runner in its place (and keep it in this.runners, so that disposing stops it).',
      look: 'map',
    },
    {
      id: 'map.errors-name-no-item',
      mistake:
        "map's errors must be the errors run() rejects with, each naming its item: pass the item's index, run(task, item, index), and collect the errors unchanged.",
      look: 'map',
    },
    {
      id: 'map.succeeded-item-failed',
      mistake:
        "An item whose task succeeded has no result, or another item's error: keep each result at its item's index, and fail only the item whose task failed.",
      look: 'map',
    },
    {
      id: 'runners.left-running',
      mistake:
        'Runners were still running after the pool was disposed of: [Symbol.asyncDispose]() must stop every runner the pool started (runner.stop()), and wait until they have ended.',
      look: '[Symbol.asyncDispose]',
    },
    {
      id: 'map.wrong-results',
      mistake:
        "map() gave other results than ours for these items: read them by iterating (`[...items]`), since a Set or a generator has no length nor indexes, give [] for none, and keep each result at its item's index.",
      look: 'map',
    },
    {
      id: 'pool.end-refused',
      mistake:
        'Disposing of the pool a second time must resolve as the first did: nothing is left to stop, which is no error (`await using` disposes of a pool again after you did).',
      look: '[Symbol.asyncDispose]',
    },
    {
      id: 'map.never-settled',
      mistake:
        'map() never settled: some item was never run, or its result never awaited. Every runner must go on taking items until none is left, even after one failed.',
      look: 'map',
    },
  ],
  hints: [
    "A pool is a few runners, reused: start as many as its size, and no more than there are items, and let each take the next item as soon as it is free, until none is left. map returns only once every runner has finished, with each result at its item's index, whatever order they ended in.",
    "Read the items once into an array (they may be a Set or a generator), and keep one index for all: each runner's loop takes the next index, awaits runner.run(task, item, index), and keeps the value at that index. A failure does not end the loop: keep the error and go on, with a new runner in place of one whose child died (runner.ended). Once every loop is done, throw a PoolMapError of the values and the errors if any item failed. Disposing stops every runner started, and waits for them to end.",
  ],
  taught:
    'A pool is a few runners, reused: each takes the next item as soon as it is free, so no more than `size` tasks run at once; `map` collects each result at its item\'s index and returns only when the last has ended. That is what "a Pool naturally waits" means.',
  hangs: 'a map() that waits for a result that never comes (a runner given nothing, or an await inside a loop that never ends)',
};
