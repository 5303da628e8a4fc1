/**
 * The judge's own rules (lessons/judge.ts, lessons/run-checks.ts), shown on checks made for the purpose:
 * properties of a few lines that pass, fail, hang or take their time as each test needs, judging a class
 * in a file written here. The verdict names the first check, in the lesson's order, that failed, and claims
 * no more than its checks showed; the learner is told every check's start, cases and end; a failure is told
 * in the lesson's words, with its mistake, its smallest case and the line to look at. The lessons' own
 * checks, on real processes and threads, are spec/tools/learn.spec.ts and verdict.spec.ts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KnownFailure } from '../../claims/failures.ts';
import { boundFor } from '../../claims/support/bounds.ts';
import { ScheduleFault } from '../../claims/support/every-schedule.ts';
import { descendantsOf, type Entry, endedWithin, killAll as killProcesses, processTable } from '../../claims/support/process-table.ts';
import { BoundExceeded } from '../../claims/support/settles.ts';
import { startRunner } from '../../lessons/helpers.ts';
import { inWords, type JudgeOptions, judge, lanesBeside, type Progress, root } from '../../lessons/judge.ts';
import { warmLanes } from '../../lessons/lane.ts';
import type { Check, Lesson, Mistake } from '../../lessons/lesson.ts';
import { lessonNamed, lessons } from '../../lessons/lessons.ts';
import type { Execution } from '../../scheduler/scheduler.ts';
import { casesEach, lesson as lanesLesson } from '../support/lesson-in-lanes.ts';
import { step } from '../support/stories.ts';

// Beside the lessons' own modules, as a learner's file is.
const folder = join(root, 'lessons', `.scratch-judge-${process.pid}`);
const file = join(folder, 'made.ts');
const source = [
  'export class Made {',
  '  start(): void {',
  "    throw new Error('Not written yet: start(): start a child that runs the task');",
  '  }',
  '',
  '  async [Symbol.asyncDispose](): Promise<void> {}',
  '',
  '  join(): void {',
  '    // Below line 10: a line number of two digits is read whole.',
  '',
  "    throw new Error('the join in the file failed');",
  '  }',
  '}',
  '',
].join('\n');
const shown = relative(root, file);
const lineWith = (text: string) => source.split('\n').findIndex((line) => line.includes(text)) + 1;

beforeAll(() => {
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, source);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Made = new () => { start(): void; join(): void };

/** A check of `claim` (or, `{ contract }`, of the contract) whose every case runs `body(n, Made)`. */
function check(
  of: string | { contract: string },
  body: (n: number, made: Made) => unknown,
  more: { numRuns?: number; examples?: [number][]; max?: number; sideBySide?: true; lane?: 1 | 2 } = {},
): Check {
  const { numRuns = 5, examples, max = 1_000, sideBySide, lane } = more;
  return {
    ...(typeof of === 'string' ? { claim: of } : of),
    property: {
      judges: [],
      arbitraries: [fc.integer({ min: 0, max })],
      numRuns,
      examples,
      check: (made: Made) => async (n: number) => {
        await body(n, made);
      },
    },
    judged: (exported) => exported,
    shown: (n: number) => `n = ${n}`,
    ...(sideBySide && { sideBySide }),
    ...(lane && { lane }),
  };
}

/** A lesson made for the occasion: not one lessons/lessons.ts lists, so the judge runs its checks itself, in its own lane. */
const madeUp = (checks: readonly Check[], mistakes: readonly Mistake[] = []): Lesson => ({
  name: 'made-up',
  title: 'made up',
  file: 'made.ts',
  export: 'Made',
  ours: 'src/made.ts',
  checks,
  mistakes,
  hints: ['nudge'],
  taught: '',
  hangs: '',
});

/** Given its bound and its limit, the judge measures nothing: what a child costs here is not what these checks wait for. */
const judged = (lesson: Lesson, options: JudgeOptions = {}, path = file) => judge(lesson, path, { boundMs: 1_000, limitMs: 20_000, ...options });

const passes = () => {};
const fails = () => {
  throw new Error('it failed');
};
/** Fails once `after` has settled, saying `words`. */
const failsAfter = (after: Promise<void>, words: string) => async () => {
  await after;
  throw new Error(words);
};
/** A check of one case, run beside the lesson's others. */
const besideOnce = (claim: string, body: (n: number, made: Made) => unknown) => check(claim, body, { numRuns: 1, sideBySide: true });

describe('The verdict', () => {
  it('every check passed: the claims that hold, in order, each once; the contract kept, in order', async () => {
    const lesson = madeUp([check('a', passes), check({ contract: 'X' }, passes), check('b', passes), check('a', passes), check({ contract: 'Y' }, passes)]);
    expect(await judged(lesson)).toEqual({ lesson: 'made-up', holding: ['a', 'b'], kept: ['X', 'Y'] });
  });

  it('names the first check that failed; a claim one of whose checks failed does not hold, though an earlier check of it passed; the checks after it are not run', async () => {
    let after = 0;
    const lesson = madeUp([
      check('a', passes),
      check({ contract: 'X' }, passes),
      check('b', passes),
      check('a', fails),
      check('c', () => {
        after += 1;
        throw new Error('a later failure');
      }),
    ]);
    const { holding, kept, failure } = await judged(lesson);
    expect({ holding, kept, claim: failure?.claim, failed: failure?.failed }).toEqual({ holding: ['b'], kept: ['X'], claim: 'a', failed: 'it failed' });
    expect(after).toBe(0);
  });

  it('a check of the contract that failed is named by what the contract promises, and by no claim', async () => {
    const { holding, failure } = await judged(madeUp([check('a', passes), check({ contract: 'join waits' }, fails)]));
    expect(holding).toEqual(['a']);
    expect(failure).toMatchObject({ contract: 'join waits', failed: 'it failed' });
    expect(failure?.claim).toBeUndefined();
  });

  it("checks side by side start together, and the verdict names the first in the lesson's order that failed, whichever failed first", async () => {
    const told: Progress[] = [];
    const second = Promise.withResolvers<void>();
    const lesson = madeUp([
      besideOnce('a', failsAfter(second.promise, 'the first, failing last')),
      besideOnce('b', () => {
        second.resolve();
        throw new Error('the second, failing first');
      }),
    ]);
    const { failure } = await judged(lesson, { onProgress: (progress) => told.push(progress) });
    expect(failure).toMatchObject({ claim: 'a', failed: 'the first, failing last' });
    expect(told.slice(0, 2)).toEqual([
      { check: 'a', index: 0, state: 'started', of: 1 },
      { check: 'b', index: 1, state: 'started', of: 1 },
    ]);
  });

  it('a check side by side with one that failed before it stops running its cases, and is told as neither held nor failed', async () => {
    const told: Progress[] = [];
    const first = Promise.withResolvers<void>();
    let cases = 0;
    const lesson = madeUp([
      besideOnce('a', fails),
      check(
        'b',
        async () => {
          // Its first case ends once the first check is told failed: its others are not needed.
          await first.promise;
          cases += 1;
        },
        { numRuns: 100, sideBySide: true },
      ),
    ]);
    const onProgress = (progress: Progress) => {
      told.push(progress);
      if (progress.index === 0 && progress.state === 'failed') first.resolve();
    };
    const { holding, failure } = await judged(lesson, { onProgress });
    expect({ holding, claim: failure?.claim, cases }).toEqual({ holding: [], claim: 'a', cases: 1 });
    expect(told.filter((progress) => progress.index === 1).map(({ state }) => state)).toEqual(['started', 'case']);
  });
});

describe('Checks side by side', () => {
  it('a check side by side is skipped from the moment an earlier one fails its first case, not once that one has shrunk its failure', async () => {
    const first = Promise.withResolvers<void>();
    let cases = 0;
    let failures = 0;
    const lesson = madeUp([
      check(
        'a',
        async (n) => {
          // Its first case fails at once; its shrinking takes a while: thirty cases of 20 ms.
          if (failures++ > 0) await sleep(20);
          if (n === 0) return;
          first.resolve();
          throw new Error('positive');
        },
        { examples: [[2_000_000_000]], max: 2_000_000_000, sideBySide: true },
      ),
      check(
        'b',
        async () => {
          await first.promise;
          // A turn of the event loop: the first check's failure has been caught by now.
          await new Promise((resolve) => setImmediate(resolve));
          cases += 1;
        },
        { numRuns: 100, sideBySide: true },
      ),
    ]);
    const { failure } = await judged(lesson);
    expect({ claim: failure?.claim, cases }).toEqual({ claim: 'a', cases: 1 });
  });

  it('a check side by side that fails after an earlier one failed is not told, and the verdict is the earlier one', async () => {
    const told: Progress[] = [];
    const first = Promise.withResolvers<void>();
    const lesson = madeUp([besideOnce('a', fails), besideOnce('b', failsAfter(first.promise, 'the later failure'))]);
    const onProgress = (progress: Progress) => {
      told.push(progress);
      if (progress.index === 0 && progress.state === 'failed') first.resolve();
    };
    const { failure } = await judged(lesson, { onProgress });
    expect(failure).toMatchObject({ claim: 'a', failed: 'it failed' });
    expect(told.map(({ index, state }) => `${index} ${state}`)).toEqual(['0 started', '1 started', '0 failed']);
  });

  it('once the verdict is settled, the judge waits for the checks still running (their case in flight), unless told to answer at once', async () => {
    const inFlight = (caseOfB: () => Promise<void>) => madeUp([besideOnce('a', fails), besideOnce('b', caseOfB)]);
    let ended = false;
    await judged(
      inFlight(async () => {
        await sleep(50);
        ended = true;
      }),
    );
    expect(ended, 'waited for').toBe(true);
    const released = Promise.withResolvers<void>();
    ended = false;
    await judged(
      inFlight(async () => {
        await released.promise;
        ended = true;
      }),
      { waitForAll: false },
    );
    expect(ended, 'answered at once').toBe(false);
    released.resolve();
  });

  it("a lesson made for the occasion runs every check in the judge's own program, whatever lane it names", async () => {
    const lesson = madeUp([check('a', passes, { lane: 1 }), check('b', passes, { lane: 2 })]);
    expect(await judged(lesson)).toEqual({ lesson: 'made-up', holding: ['a', 'b'], kept: [] });
  });

  it("the property is given the judge's bound, and the class by its module and name (for threads that load it themselves)", async () => {
    const given: unknown[] = [];
    const lesson = madeUp([
      {
        claim: 'a',
        property: {
          judges: [],
          arbitraries: [fc.constant(0)],
          numRuns: 1,
          check: (ref: unknown, options?: { boundMs?: number }) => async () => {
            given.push(ref, options?.boundMs);
          },
        },
        judged: (_, ref) => ref,
        shown: () => '',
      },
    ]);
    await judged(lesson, { boundMs: 1_234 });
    expect(given).toEqual([{ module: pathToFileURL(file).href, name: 'Made' }, 1_234]);
  });
});

describe('What the learner is told while a lesson is judged', () => {
  it('each check as it starts (with its number of cases), each case it passes, and how it ended; nothing of a check not run', async () => {
    const told: Progress[] = [];
    const lesson = madeUp([
      check('a', passes, { numRuns: 3 }),
      check(
        { contract: 'X' },
        (n) => {
          if (n > 0) throw new Error('it failed');
        },
        { numRuns: 3, examples: [[0], [1]] },
      ),
      check('c', passes),
    ]);
    await judged(lesson, { onProgress: (progress) => told.push(progress) });
    expect(told).toEqual([
      { check: 'a', index: 0, state: 'started', of: 3 },
      { check: 'a', index: 0, state: 'case', passed: 1, of: 3 },
      { check: 'a', index: 0, state: 'case', passed: 2, of: 3 },
      { check: 'a', index: 0, state: 'case', passed: 3, of: 3 },
      { check: 'a', index: 0, state: 'held' },
      { check: 'the contract: X', index: 1, state: 'started', of: 3 },
      { check: 'the contract: X', index: 1, state: 'case', passed: 1, of: 3 },
      { check: 'the contract: X', index: 1, state: 'failed' },
    ]);
  });

  it('quick (the meta-spec, for ours): each check on two cases at most', async () => {
    const told: Progress[] = [];
    const lesson = madeUp([check('a', passes, { numRuns: 5 }), check('b', passes, { numRuns: 1 })]);
    await judged(lesson, { quick: true, onProgress: (progress) => told.push(progress) });
    expect(told.filter(({ state }) => state !== 'case')).toEqual([
      { check: 'a', index: 0, state: 'started', of: 2 },
      { check: 'a', index: 0, state: 'held' },
      { check: 'b', index: 1, state: 'started', of: 1 },
      { check: 'b', index: 1, state: 'held' },
    ]);
    expect(told.filter(({ state }) => state === 'case')).toHaveLength(3);
  });
});

describe("A failure, in the lesson's words", () => {
  it("an assertion reads as its label and its values, never the test runner's phrasing; anything else as it was said", () => {
    expect(inWords('downloads ended when join returned: expected +0 to be 2 // Object.is equality')).toBe('downloads ended when join returned: 0, not 2');
    expect(inWords('map settled while a task was still running: expected +0 to be undefined')).toBe(
      'map settled while a task was still running: 0, not undefined',
    );
    expect(inWords("a process reported its parent's pid: expected [ 1, 2 ] not to include 2")).toBe("a process reported its parent's pid");
    expect(inWords('the most tasks running at once: expected 3 to be less than or equal to 2')).toBe(
      'the most tasks running at once: 3, not less than or equal to 2',
    );
    expect(inWords('the pids: expected 3 not to be 3')).toBe('the pids: 3, which it must not be');
    expect(inWords('the results: expected [ 1 ] to deeply equal [ 2 ]\nmore lines')).toBe('the results: [ 1 ], not [ 2 ]');
    expect(inWords('thread 2: Error: two threads held the lock at once')).toBe('thread 2: Error: two threads held the lock at once');
    expect(inWords('one line\nand another')).toBe('one line\nand another');
    // Only a value that is exactly +0 is said 0.
    expect(inWords('n: expected +0.5 to be 1')).toBe('n: +0.5, not 1');
    expect(inWords('n: expected 1+0 to be 1')).toBe('n: 1+0, not 1');
  });

  it("an assertion's failure: its words, the test runner's kept for --verbose; the smallest case, shrunk; where the learner's file is in its stack", async () => {
    const lesson = madeUp([
      check(
        'a',
        (n) => {
          if (n >= 10) expect(n, 'the count').toBe(-1);
        },
        { examples: [[700]] },
      ),
    ]);
    const { failure } = await judged(lesson);
    expect(failure).toEqual({
      claim: 'a',
      contract: undefined,
      failed: 'the count: 10, not -1',
      diagnostics: 'the count: expected 10 to be -1 // Object.is equality',
      notWritten: undefined,
      mistake: undefined,
      counterexample: 'n = 10',
      look: `${shown}:1`,
    });
  });

  it("an error thrown in the learner's file: the line it was thrown at", async () => {
    const { failure } = await judged(madeUp([check('a', (_, Made) => new Made().join())]));
    expect(failure).toMatchObject({ failed: 'the join in the file failed', look: `${shown}:${lineWith('the join in the file failed')}` });
  });

  it('what the starting file still asks for, and the line of the method it names', async () => {
    const { failure } = await judged(madeUp([check('a', (_, Made) => new Made().start())]));
    expect(failure).toMatchObject({ notWritten: 'start(): start a child that runs the task', look: `${shown}:${lineWith('Not written yet')}` });
  });

  it.each([
    ['join(): wait for the child', 'join(): void'],
    ['[Symbol.asyncDispose](): end it', 'async [Symbol.asyncDispose]()'],
    // Not a member's name first: the class's own line.
    ['(join) wait for the child', 'export class Made'],
    ['#count: keep the count', 'export class Made'],
  ])(
    "what the starting file asks for, told from outside the file (%s): the line of the method it names, and no mistake, whatever the failure's id",
    async (what, line) => {
      const mistakes: Mistake[] = [{ id: 'start.waited', mistake: 'not yet', look: 'start' }];
      const raised = new KnownFailure('start.waited', `Not written yet: ${what}`);
      const { failure } = await judged(
        madeUp(
          [
            check('a', () => {
              throw raised;
            }),
          ],
          mistakes,
        ),
      );
      expect(failure).toMatchObject({ notWritten: what, mistake: undefined, look: `${shown}:${lineWith(line)}` });
    },
  );

  it("a message that names the learner's file with no line is not where to look", async () => {
    const raised = new Error(`could not use ${pathToFileURL(file).href}`);
    const { failure } = await judged(
      madeUp([
        check('a', () => {
          throw raised;
        }),
      ]),
    );
    expect(failure?.look).toBe(`${shown}:1`);
  });

  it('what failed is told in four lines at most; an error with no stack is looked for by the method', async () => {
    const long = new Error(['one', 'two', 'three', 'four', 'five', 'six'].join('\n'));
    long.stack = undefined;
    const { failure } = await judged(
      madeUp(
        [
          check('a', () => {
            throw long;
          }),
        ],
        [{ id: [], mistake: 'never', look: 'join' }],
      ),
    );
    expect(failure).toMatchObject({ failed: 'one\ntwo\nthree\nfour', look: `${shown}:1` });
  });

  it("the mistake is the lesson's first whose id the failure carries; its line is that of the method the mistake names", async () => {
    const mistakes: Mistake[] = [
      { id: 'map.settled-early', mistake: 'not this one', look: 'start' },
      { id: ['join.returned-early', 'start.waited'], mistake: 'this one', look: 'join' },
      { id: 'start.waited', mistake: 'nor this one', look: 'start' },
    ];
    const raised = new Error('the check failed', { cause: new KnownFailure('start.waited', 'a download ended before every one had started') });
    const { failure } = await judged(
      madeUp(
        [
          check('a', () => {
            throw raised;
          }),
        ],
        mistakes,
      ),
    );
    expect(failure).toMatchObject({ failed: 'the check failed', mistake: 'this one', look: `${shown}:${lineWith('join(): void')}` });
    expect(failure?.diagnostics).toBeUndefined();
  });

  it('no mistake known and no line of the file in the stack: the line of its first export', async () => {
    const { failure } = await judged(madeUp([check('a', fails)], [{ id: 'map.settled-early', mistake: 'not this one', look: 'start' }]));
    expect(failure).toMatchObject({ mistake: undefined, look: `${shown}:1` });
  });

  it("a schedule's fault: its story, step by step, each preemption said, and the schedule that replays it", async () => {
    const steps = [1, 2, 1].map((thread, i) => step('load', 'lock', { thread, result: 0, action: 'loads lock = free (0)', preempted: i === 1 }));
    const execution = { choices: [0, 1, 0], steps } as unknown as Execution;
    const fault = new ScheduleFault({ fault: 'two threads held the lock at once', execution, claim: 'a' });
    const { failure } = await judged(
      madeUp([
        check('a', () => {
          throw fault;
        }),
      ]),
    );
    expect(failure).toMatchObject({
      failed: 'two threads held the lock at once',
      story: ['thread 1 loads lock = free (0)', 'thread 2 loads lock = free (0) (a preemption)', 'thread 1 loads lock = free (0)'],
      schedule: '0,1,0',
      counterexample: 'n = 0',
    });
    expect(failure?.diagnostics).toBeUndefined();
  });

  it("a fault whose threads then did not replay is told as the learner's code keeping state of its own, the scheduler's words kept for --verbose; a long story, its start and its end", async () => {
    const steps = Array.from({ length: 100 }, (_, i) => step('load', 'lock', { thread: 1 + (i % 2), result: i, action: `loads lock = ${i}` }));
    const execution = { choices: steps.map((step) => step.thread - 1), steps } as unknown as Execution;
    const diverged = 'Schedule 1: at step 1, threads 1, 2 could go on when first run, and none now';
    const fault = new ScheduleFault({ fault: 'the count was lost', execution, claim: 'a', diverged });
    const { failure } = await judged(
      madeUp([
        check('a', () => {
          throw fault;
        }),
      ]),
    );
    expect(failure?.failed).toBe(
      'the count was lost; and its threads, run again, did not do as they had: your code keeps state outside the shared memory (a module-level variable, or a clock of its own), and each thread has its own copy of it',
    );
    expect(failure?.diagnostics).toBe(`the count was lost\n${diverged}`);
    expect(failure?.story).toEqual([
      ...steps.slice(0, 30).map((step) => `thread ${step.thread} ${step.action}`),
      '... 60 more steps, the same loop ...',
      ...steps.slice(-10).map((step) => `thread ${step.thread} ${step.action}`),
    ]);
  });

  it('a story of sixty steps is told whole', async () => {
    const steps = Array.from({ length: 60 }, () => step('load', 'n', { result: 0, action: 'loads n = 0' }));
    const fault = new ScheduleFault({ fault: 'lost', execution: { choices: steps.map(() => 0), steps } as unknown as Execution, claim: 'a' });
    const { failure } = await judged(
      madeUp([
        check('a', () => {
          throw fault;
        }),
      ]),
    );
    expect(failure?.story).toHaveLength(60);
  });
});

describe('How far a failure is shrunk, and when a check is stopped', () => {
  /** A lesson of one check that fails on any number above 0, first on two billion: a long way to shrink. */
  const positive = (each: () => Promise<void> | void = () => {}) => {
    let runs = 0;
    const failsAbove0 = async (n: number) => {
      runs += 1;
      await each();
      if (n > 0) throw new Error('positive');
    };
    return { runs: () => runs, lesson: madeUp([check('a', failsAbove0, { examples: [[2_000_000_000]], max: 2_000_000_000 })]) };
  };

  it('a failure is shrunk by thirty smaller cases at most', async () => {
    const { runs, lesson } = positive();
    const { failure } = await judged(lesson);
    expect(failure?.failed).toBe('positive');
    expect(runs()).toBe(1 + 30);
  });

  it('and for ten seconds at most', async () => {
    const { runs, lesson } = positive();
    // The clock moves five seconds a run: shrinking runs the cases it starts before ten seconds have passed since the failure.
    const now = vi.spyOn(performance, 'now').mockImplementation(() => runs() * 5_000);
    try {
      await judged(lesson);
    } finally {
      now.mockRestore();
    }
    expect(runs()).toBe(1 + 2);
  });

  it('a hang is not shrunk: each smaller case would most likely hang too, and cost a bound each', async () => {
    let runs = 0;
    const lesson = madeUp([
      check(
        'a',
        () => {
          runs += 1;
          throw new Error('join did not end', { cause: new BoundExceeded('join did not settle within 1 s') });
        },
        { examples: [[1_000]], max: 1_000 },
      ),
    ]);
    const { failure } = await judged(lesson);
    expect({ runs, counterexample: failure?.counterexample }).toEqual({ runs: 1, counterexample: 'n = 1000' });
  });

  it('a check stopped at its limit, some of its cases passed, is told as stopped, not as holding', async () => {
    const lesson = madeUp([check('a', () => sleep(100), { numRuns: 1_000 })]);
    const { holding, failure } = await judged(lesson, { limitMs: 300 });
    expect(holding).toEqual([]);
    const [, run] =
      /^judging stopped after 0\.3 s, with only (\d+) of its cases run: the claim is not shown to hold \(is something slow, a sleep or a busy loop\?\)$/.exec(
        failure?.failed ?? '',
      ) ?? [];
    // Stopped at its limit, not later: a case takes 100 ms at least.
    expect(Number(run), failure?.failed).toBeLessThanOrEqual(4);
    expect(failure?.counterexample).toBeUndefined();
  });

  it('a check that failed and was stopped while it shrank is told by its failure', async () => {
    // Its first case fails at once, with no timer to wait for; each smaller case then takes 400 ms, so the
    // limit stops its shrinking, however loaded the machine.
    const { lesson, runs } = positive(() => (runs() > 1 ? sleep(400) : undefined));
    const { failure } = await judged(lesson, { limitMs: 1_000 });
    expect(failure?.failed).toBe('positive');
    expect(runs(), 'cases run: the first, and its shrinking until the limit').toBeLessThan(1 + 30);
    expect(failure?.counterexample).toMatch(/^n = [1-9]\d*$/);
  });
});

describe('A hammering in real threads', () => {
  const hammered = (path: string, options: JudgeOptions = {}) =>
    judged({ ...madeUp([{ claim: 'h', hammer: 'counter', effort: { times: 1, rounds: 1_000, forMs: 0 } }]), export: 'SharedCounter' }, options, path);

  it('ours holds; the learner is told of it as hammered', async () => {
    const told: Progress[] = [];
    const { holding } = await hammered(join(root, 'src', 'shared-counter.ts'), { onProgress: (progress) => told.push(progress) });
    expect(holding).toEqual(['h']);
    expect(told).toEqual([
      { check: 'h, hammered in real threads', index: 0, state: 'started', of: undefined },
      { check: 'h, hammered in real threads', index: 0, state: 'held' },
    ]);
  });

  it("quick (the meta-spec's) hammers briefly, whatever the lesson's effort", async () => {
    const lesson = { ...madeUp([{ claim: 'h', hammer: 'counter', effort: { times: 1, rounds: 2_000_000_000, forMs: 0 } }]), export: 'SharedCounter' } as Lesson;
    expect((await judged(lesson, { quick: true }, join(root, 'src', 'shared-counter.ts'))).holding).toEqual(['h']);
  });

  it.each([
    [{}, '1 × 1,000'],
    [{ quick: true }, '1 × 10,000'],
  ])('a counter whose every thread counts on a number of its own fails it, found by hammering (%o: %s rounds), not by a schedule', async (options, rounds) => {
    const { failure } = await hammered(join(root, 'lessons', '3-counter', 'wrong', 'private-count-counter.ts'), options);
    expect(failure).toMatchObject({ claim: 'h', counterexample: `found by hammering, not by a schedule: ${rounds} rounds in real threads at full speed` });
  });
});

describe("A lesson in lanes: checks judged in programs beside the judge's own (lessons/lane.ts)", () => {
  const lessonAt = pathToFileURL(join(root, 'spec', 'support', 'lesson-in-lanes.ts')).href;
  const isLane = (entry: Entry) => entry.command.includes('lane.ts');
  const lanesRunning = () => descendantsOf()?.filter(isLane) ?? [];
  // A lane a test failed to end is no other test's.
  afterEach(() => killProcesses(lanesRunning()));
  let made = 0;

  /**
   * The lesson of spec/support/lesson-in-lanes.ts judged in its lanes on a class whose static methods a to e
   * are `methods` (each one not given passes), in a folder of its own; in them, `mark(name)` leaves a file there that
   * `waitFor(name)` waits for, in any lane (and then lets its program read what its lanes told it).
   */
  async function inLanes(methods: string, options: JudgeOptions = {}) {
    const at = join(folder, `lanes-${++made}`);
    mkdirSync(at);
    const path = join(at, 'made.ts');
    writeFileSync(
      path,
      [
        "import { appendFileSync, existsSync, writeFileSync } from 'node:fs';",
        "import { join } from 'node:path';",
        "import process from 'node:process';",
        "import { setTimeout as sleep } from 'node:timers/promises';",
        `import { startChild, startRunner } from '${pathToFileURL(join(root, 'lessons', 'helpers.ts')).href}';`,
        `import { spinsForeverTask } from '${pathToFileURL(join(root, 'claims', 'tasks', 'faults.ts')).href}';`,
        "const mark = (name: string, text = '') => writeFileSync(join(import.meta.dirname, name), text);",
        "const count = (name: string) => appendFileSync(join(import.meta.dirname, name), '.');",
        'const waitFor = async (name: string) => {',
        '  while (!existsSync(join(import.meta.dirname, name))) await sleep(5);',
        '  await new Promise((resolve) => setImmediate(resolve));',
        '};',
        'const forever = async () => {',
        '  for (;;) await sleep(1_000);',
        '};',
        'void [mark, count, waitFor, forever, process, startChild, startRunner, spinsForeverTask];',
        'class Passes {',
        '  static a() {}',
        '  static b() {}',
        '  static c() {}',
        '  static d() {}',
        '  static e() {}',
        '}',
        'export class Made extends Passes {',
        methods,
        '}',
        '',
      ].join('\n'),
    );
    const told: Progress[] = [];
    const verdict = await judged(lanesLesson, { lessonAt, onProgress: (progress) => told.push(progress), ...options }, path);
    const read = (name: string) => readFileSync(join(at, name), 'utf8');
    return { verdict, told, read };
  }

  it('the verdict one program would give, each check told as it starts, passes its cases and ends, whatever lane judged it', async () => {
    // Each lane takes a second to end after its last check: the judge answers once they have ended.
    const { verdict, told } = await inLanes(
      "static { if (process.argv[1]?.endsWith('lane.ts')) process.once('exit', () => { const until = Date.now() + 1_000; while (Date.now() < until); }); }",
    );
    expect(lanesRunning(), 'lanes still running').toEqual([]);
    expect(verdict).toEqual({ lesson: 'in lanes', holding: ['a', 'b', 'c', 'd', 'e'], kept: [] });
    for (const [index, claim] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      const of = told.filter((progress) => progress.index === index);
      const cases = Array.from({ length: casesEach }, (_, passed) => ({ check: claim, index, state: 'case', passed: passed + 1, of: casesEach }));
      expect(of).toEqual([{ check: claim, index, state: 'started', of: casesEach }, ...cases, { check: claim, index, state: 'held' }]);
    }
  });

  it("a check that failed in a lane is named, the claims before it holding; the lane's later checks are not run", async () => {
    const { verdict, told } = await inLanes("static d() { throw new Error('d failed'); }");
    expect(verdict).toMatchObject({ holding: ['a', 'b', 'c'], failure: { claim: 'd', failed: 'd failed' } });
    expect(told.filter((progress) => progress.state === 'failed')).toEqual([{ check: 'd', index: 3, state: 'failed' }]);
  });

  it("the verdict names the first check in the lesson's order that failed, though a later one, in another lane, failed first", async () => {
    const { verdict } = await inLanes(
      ["static async a() { await waitFor('b failed'); throw new Error('a failed'); }", "static b() { mark('b failed'); throw new Error('b failed'); }"].join(
        '\n',
      ),
    );
    expect(verdict).toMatchObject({ holding: [], failure: { claim: 'a', failed: 'a failed' } });
  });

  it('a failure stops the later checks of every lane in their cases, not after them: the judge, waiting for every lane, answers', async () => {
    // b and d would take ten seconds each; a fails once both have started.
    const slow = (claim: string) => `static async ${claim}() { count('${claim} cases'); mark('${claim} started'); await sleep(100); }`;
    const { verdict, read } = await inLanes(
      ["static async a() { await waitFor('b started'); await waitFor('d started'); throw new Error('a failed'); }", slow('b'), slow('d')].join('\n'),
    );
    expect(verdict).toMatchObject({ holding: [], failure: { claim: 'a' } });
    for (const claim of ['b', 'd']) expect(read(`${claim} cases`).length, `${claim}'s cases run`).toBeLessThan(casesEach);
  });

  it("a lane's failure stops the judge's own later checks at its first failed case, before it has shrunk it", async () => {
    // b fails at its first case of n > 0, then shrinks, for thirty cases of 50 ms; a ends once b shrinks
    // (once the lane has told the judge that b is failing), and c is next.
    const { verdict, told } = await inLanes(
      [
        "static async a() { await waitFor('b shrinking'); }",
        'static failed = false;',
        'static async b(n: number) {',
        "  if (Made.failed) { mark('b shrinking'); await sleep(50); }",
        '  if (n === 0) return;',
        '  Made.failed = true;',
        "  throw new Error('b failed');",
        '}',
      ].join('\n'),
    );
    expect(verdict).toMatchObject({ holding: ['a'], failure: { claim: 'b', failed: 'b failed', counterexample: 'n = 1' } });
    expect(told.filter((progress) => progress.index === 2)).toEqual([]);
  });

  /** Waits, within a bound, for each of `pids` to end; what still ran is killed, and returned. */
  const stillRunning = async (pids: readonly number[]) => endedWithin(() => (processTable() ?? []).filter(({ pid }) => pids.includes(pid)), await boundFor());

  it('told to answer at once, a lane none of whose checks is needed any more ends at once, its case in flight and what it started with it', async () => {
    // c fails once e (after b, which held) and d are in flight, each having started a runner.
    const inFlight = (claim: string) => `static async ${claim}() { mark('${claim}', \`\${process.pid} \${startRunner().pid}\`); await forever(); }`;
    const { verdict, read } = await inLanes(
      ["static async c() { await waitFor('e'); await waitFor('d'); throw new Error('c failed'); }", inFlight('d'), inFlight('e')].join('\n'),
      { waitForAll: false },
    );
    expect(verdict).toMatchObject({ holding: ['a', 'b'], failure: { claim: 'c' } });
    expect(await stillRunning(['d', 'e'].flatMap((claim) => read(claim).split(' ').map(Number))), 'still running').toEqual([]);
  });

  it('what a check left running in a lane ends with the lane: a runner, and a child too busy to see its parent go', async () => {
    // Started once, at b's first case.
    const { verdict, read } = await inLanes(
      "static started = false;\nstatic b() { if (!Made.started) mark('b', startRunner().pid + ' ' + startChild(spinsForeverTask, []).pid); Made.started = true; }",
    );
    expect(verdict.failure).toBeUndefined();
    expect(await stillRunning(read('b').split(' ').map(Number)), 'still running').toEqual([]);
  });

  it('a lane that ends before telling its check stops the later checks of the others, as any failure does', async () => {
    const { verdict, read } = await inLanes(
      ["static async b() { await waitFor('d started'); process.exit(3); }", "static async d() { count('d cases'); mark('d started'); await sleep(100); }"].join(
        '\n',
      ),
    );
    expect(verdict.failure).toMatchObject({ claim: 'b', failed: 'the program judging b exited with code 3 before its verdict' });
    expect(read('d cases').length, "d's cases run").toBeLessThan(casesEach);
  });

  it('a lesson lessons/lessons.ts lists is judged in its lanes, found in its folder', async () => {
    // Ours for lesson 1, saying which program loaded it: the judge, for its own lane, and each other lane.
    const at = join(folder, 'listed');
    mkdirSync(at);
    const path = join(at, 'loaded-by.ts');
    writeFileSync(
      path,
      [
        "import { appendFileSync } from 'node:fs';",
        "import { basename, join } from 'node:path';",
        "import process from 'node:process';",
        "appendFileSync(join(import.meta.dirname, 'loaded-by'), ' ' + process.pid + '=' + basename(process.argv[1] ?? ''));",
        "export { Process } from '../../1-process/solution.ts';",
        '',
      ].join('\n'),
    );
    const { failure } = await judge(lessonNamed('process') as Lesson, path, { quick: true });
    expect(failure).toBeUndefined();
    // Each as pid=program: the children its checks start load it too.
    const loadedBy = readFileSync(join(at, 'loaded-by'), 'utf8').trim().split(' ');
    expect(loadedBy.filter((each) => each.startsWith(`${process.pid}=`))).toHaveLength(1);
    expect(new Set(loadedBy.filter((each) => each.endsWith('=lane.ts'))).size).toBe(lanesBeside(lessonNamed('process')));
  });

  it('work the judged code left unawaited that fails later ends no lane: the verdict already says what went wrong', async () => {
    // b leaves a rejection no one awaits; e, after it in lane 1, gives the event loop a turn, where it surfaces.
    const { verdict } = await inLanes("static b() { void Promise.reject(new Error('left unawaited')); }\nstatic async e() { await sleep(1); }");
    expect(verdict).toEqual({ lesson: 'in lanes', holding: ['a', 'b', 'c', 'd', 'e'], kept: [] });
  });

  it.each([
    ['exits', 'static b() { process.exit(3); }', 'b', 'exited with code 3', ['a']],
    ['is killed', "static d() { process.kill(process.pid, 'SIGKILL'); }", 'd', 'was killed by SIGKILL', ['a', 'b', 'c']],
  ])('a lane that %s before telling its check: the check fails, saying how its program ended', async (_, methods, claim, how, holding) => {
    // No one told of progress: a lane's is then told to no one.
    const { verdict } = await inLanes(methods, { onProgress: undefined });
    expect(verdict).toEqual({
      lesson: 'in lanes',
      holding,
      kept: [],
      failure: { claim, contract: undefined, failed: `the program judging ${claim} ${how} before its verdict` },
    });
  });

  it("the lanes started ahead for a lesson: as many as it has beside the judge's own; for a lesson not known yet, the most any has", () => {
    expect(Object.fromEntries(lessons.map((each) => [each.name, lanesBeside(each)]))).toEqual({ process: 2, pool: 2, counter: 0, lock: 2, account: 1 });
    expect(lanesBeside(lanesLesson)).toBe(2);
    expect(lanesBeside(undefined)).toBe(2);
  });

  it('lanes warmed ahead are the ones that judge, and no other is started', async () => {
    warmLanes(2);
    // Listed once each has started as a lane.
    for (let waited = 0; lanesRunning().length < 2 && waited < 10_000; waited += 10) await sleep(10);
    const warm = new Set(lanesRunning().map(({ pid }) => pid));
    expect(warm.size).toBe(2);
    const { verdict, read } = await inLanes("static b() { mark('b', String(process.pid)); }\nstatic d() { mark('d', String(process.pid)); }");
    expect(verdict.failure).toBeUndefined();
    expect(new Set([Number(read('b')), Number(read('d'))])).toEqual(warm);
  });
});

it('what the judged code left running ends with its verdict', async () => {
  let pid = 0;
  const lesson = madeUp([
    check(
      'a',
      () => {
        pid = startRunner().pid;
      },
      { numRuns: 1 },
    ),
  ]);
  await judged(lesson);
  expect(pid).toBeGreaterThan(0);
  const running = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const bound = performance.now() + (await boundFor());
  while (running() && performance.now() < bound) await sleep(20);
  expect(running(), `the runner the check started (pid ${pid}) still runs`).toBe(false);
});

describe('A file the judge cannot judge', () => {
  it('one that throws as it loads: what it threw, at its line', async () => {
    const broken = join(folder, 'broken.ts');
    writeFileSync(broken, "export class Made {}\nthrow new Error('broken at load');\n");
    const { holding, failure } = await judged(madeUp([check('a', passes)]), {}, broken);
    expect(holding).toEqual([]);
    expect(failure).toEqual({ failed: `${relative(root, broken)} could not be loaded: broken at load`, look: `${relative(root, broken)}:2` });
  });

  it.each([
    ['exports something else', 'export const other = 1;\n\nexport class Other {}\n', 1],
    ['exports it, not as a class', 'const x = 1;\nexport const Made = x;\n', 2],
  ])('one that %s: the class it must export', async (_, text, line) => {
    const other = join(folder, `other-${line}.ts`);
    writeFileSync(other, text);
    const { holding, failure } = await judged(madeUp([check('a', passes)]), {}, other);
    expect(holding).toEqual([]);
    expect(failure).toEqual({
      failed: `${relative(root, other)} exports no class \`Made\`: the judge needs \`export class Made\``,
      look: `${relative(root, other)}:${line}`,
    });
  });
});
