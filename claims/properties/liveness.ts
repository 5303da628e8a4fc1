/**
 * The program ends by itself: a property whose every case is a standalone Node program
 * (claims/programs/user-program.ts), since under vitest the event loop is always kept alive. The program must
 * print its last line and exit 0 by itself within a bound derived from its tasks' durations, and leave
 * no process behind.
 */
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { tagged } from '../failures.ts';
import { lastLine, type Scenario } from '../programs/scenario.ts';
import { projectProperty } from '../property.ts';
import { endedWithin, taggedWith } from '../support/process-table.ts';
import { runProgram } from '../support/program.ts';
import type { Act, Behaviour } from '../tasks/faults.ts';

const program = fileURLToPath(new URL('../programs/user-program.ts', import.meta.url));
const tagVariable = 'PROCESS_VS_THREAD_PROGRAM';

const act: fc.Arbitrary<Act> = fc.record({
  behaviour: fc.constantFrom<Behaviour>('succeed', 'succeed', 'throw', 'exit', 'kill', 'large', 'unclonable'),
  value: fc.integer({ min: 1, max: 99 }),
  ms: fc.integer({ min: 0, max: 40 }),
});

const common = {
  acts: fc.array(act, { minLength: 1, maxLength: 6 }),
  when: fc.constantFrom('settled' as const, 'running' as const),
  delayMs: fc.integer({ min: 0, max: 40 }),
  busyMs: fc.oneof(fc.constant(0), fc.integer({ min: 20, max: 200 })),
};

const poolModel = {
  backend: fc.constantFrom('Pool' as const, 'ThreadPool' as const),
  size: fc.integer({ min: 1, max: 3 }),
  chunksize: fc.integer({ min: 1, max: 3 }),
  warm: fc.boolean(),
  ending: fc.constantFrom('terminate' as const, 'close-join' as const, 'await-using' as const, 'nothing' as const),
  ...common,
};
const pools = fc.record(poolModel);

const runnableModel = {
  backend: fc.constantFrom('Process' as const, 'Thread' as const),
  size: fc.constant(1),
  chunksize: fc.constant(1),
  warm: fc.constant(false),
  ending: fc.constantFrom('terminate' as const, 'join' as const, 'nothing' as const),
  ...common,
};
const runnables = fc.record(runnableModel);

/** A worker thread cannot be killed by a signal without killing its whole process: in threads, 'kill' becomes 'exit'. */
function playable(scenario: Scenario): Scenario {
  if (scenario.backend === 'Pool' || scenario.backend === 'Process') return scenario;
  return { ...scenario, acts: scenario.acts.map((each) => (each.behaviour === 'kill' ? { ...each, behaviour: 'exit' } : each)) };
}

export const scenarios: fc.Arbitrary<Scenario> = fc.oneof(pools, runnables).map(playable);

/**
 * A learner's Process or Pool (lessons/), each with the endings its class offers: join, or dispose
 * (`await using`), or forgetting it; no terminate(), no close(), no chunks.
 */
export const learnersScenarios = {
  Process: fc.record({ ...runnableModel, backend: fc.constant('Process' as const), ending: fc.constantFrom<Scenario['ending']>('join', 'nothing') }),
  Pool: fc.record({
    ...poolModel,
    backend: fc.constant('Pool' as const),
    chunksize: fc.constant(1),
    ending: fc.constantFrom<Scenario['ending']>('await-using', 'nothing'),
  }),
};

/** A task that throws, its process joined by a program that catches join's rejection: nothing else may fail. */
export const throwsAndIsJoined: Scenario = {
  backend: 'Process',
  size: 1,
  chunksize: 1,
  warm: false,
  acts: [{ behaviour: 'throw', value: 1, ms: 0 }],
  ending: 'join',
  when: 'running',
  delayMs: 0,
  busyMs: 0,
};

/** A pool is terminated just after answers arrived while the main thread was busy: this once made Node exit with code 13. */
export const busyWhileAnswersArrive: Scenario = {
  backend: 'Pool',
  size: 2,
  chunksize: 1,
  warm: true,
  acts: [50, 50, 50, 50].map((ms) => ({ behaviour: 'succeed', value: 1, ms })),
  ending: 'terminate',
  when: 'running',
  delayMs: 20,
  busyMs: 150,
};

/** A pool whose work is done, forgotten: its idle runners must let the program end. */
const forgottenIdlePool: Scenario = { ...busyWhileAnswersArrive, ending: 'nothing', when: 'settled', busyMs: 0 };

/** A pool closed and joined while its runners work, one dying and replaced meanwhile. */
const joinedWhileReplacing: Scenario = {
  ...busyWhileAnswersArrive,
  size: 1,
  acts: [{ behaviour: 'exit', value: 3, ms: 0 }, ...busyWhileAnswersArrive.acts],
  ending: 'close-join',
  busyMs: 0,
};

/**
 * A pool closed and joined while its one runner works, the runner dying after join has begun: its
 * replacement, started for the work still queued, must be waited for too.
 */
export const diesWhileJoined = (backend: 'Pool' | 'ThreadPool'): Scenario => ({
  ...busyWhileAnswersArrive,
  backend,
  size: 1,
  acts: [{ behaviour: 'exit', value: 3, ms: 30 }, ...busyWhileAnswersArrive.acts],
  ending: 'close-join',
  when: 'running',
  delayMs: 0,
  busyMs: 0,
});

/** The document's pool, ended by `await using` while its runners work, and the same forgotten once done. */
export const learnersPoolExamples: Scenario[] = [
  { ...busyWhileAnswersArrive, ending: 'await-using' },
  { ...busyWhileAnswersArrive, ending: 'nothing', when: 'settled', busyMs: 0 },
];

export const endsByItself = projectProperty({
  judges: ['Process', 'Thread', 'Pool', 'ThreadPool'],
  aspect:
    'a program that uses our pools, processes or threads prints its last line and exits 0 by itself, within a bound from its tasks, leaving nothing running',
  arbitraries: [scenarios],
  numRuns: 30,
  examples: [
    [busyWhileAnswersArrive],
    [{ ...busyWhileAnswersArrive, backend: 'ThreadPool' }],
    [forgottenIdlePool],
    [joinedWhileReplacing],
    [diesWhileJoined('Pool')],
    [diesWhileJoined('ThreadPool')],
  ],
  // `implementations`: the URL of a module exporting Pool, ThreadPool, Process and Thread.
  check: (implementations: string, thisCase) => async (scenario: Scenario) => {
    const durations = [...scenario.acts.map((each) => each.ms ?? 0), scenario.delayMs, scenario.busyMs];
    // The runners it starts: the program itself, and a pool's own with one for each that dies, or a runner per task.
    const dying = scenario.acts.filter((each) => each.behaviour === 'exit' || each.behaviour === 'kill').length;
    const pool = scenario.backend === 'Pool' || scenario.backend === 'ThreadPool';
    const bound = await thisCase.bound(durations, 1 + (pool ? scenario.size + dying : scenario.acts.length));
    const tag = randomUUID();
    const ended = await runProgram(program, [implementations, JSON.stringify(scenario)], bound, { ...process.env, [tagVariable]: tag });
    // A program that ended by awaiting its runners' end leaves none; one that forgot them gives theirs a moment to leave.
    const left = await endedWithin(() => taggedWith(tagVariable, tag) ?? [], scenario.ending === 'nothing' || ended.timedOut ? bound : 0);
    const said = `it printed ${JSON.stringify(ended.stdout.slice(-300))} and ${JSON.stringify(ended.stderr.slice(-600))}`;
    expect(ended.timedOut, `the program did not end by itself within ${Math.round(bound)} ms; ${said}`).toBe(false);
    const why =
      ended.code === 13 ? ' (13: Node found nothing keeping it alive before an await settled)' : ended.code === 1 ? ' (1: an error nobody caught)' : '';
    tagged(ended.code === 1 ? 'program.uncaught-error' : undefined, () =>
      expect(ended.code, `the program exited with code ${ended.code}${why}; ${said}`).toBe(0),
    );
    expect(ended.stdout.trimEnd().split('\n').at(-1), `its last line; ${said}`).toBe(lastLine);
    expect(ended.stdout, 'runners still running once join resolved').not.toContain('still running after join');
    expect(left, 'processes left running after the program ended').toEqual([]);
  },
});
