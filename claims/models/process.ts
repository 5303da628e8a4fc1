/**
 * The whole contract of Process (and Thread) as one model: random programs of its public operations, on
 * up to three runnables, each step checked against what the contract promises. The document's claims
 * about processes and threads are their properties (claims/properties/process.ts, thread.ts); this is the
 * rest of what ours keeps, which example tests used to state one by one: bad input, the args' default,
 * calls made twice or out of order, terminate() at every point of a child's life, pid and exitCode, the
 * class and cause of join's errors, and a join that waits for its child past every timer.
 */
import * as fc from 'fast-check';
import { projectProperty } from '../property.ts';
import { Coordinator } from '../support/coordinator.ts';
import type { Act } from '../tasks/faults.ts';
import { outcomeOf } from './outcome.ts';
import {
  EarlyJoinCommand,
  ExitCodeCommand,
  JoinCommand,
  type Model,
  NewCommand,
  PidCommand,
  type ProcessCommand,
  type Real,
  ReleaseCommand,
  StartAgainCommand,
  StartCommand,
  TerminateCommand,
} from './process-commands.ts';
import type { Judged, ModelledRunnable } from './process-ends.ts';
import { judgeTheEnd } from './process-joins.ts';
import { BadNewCommand, RunToEndCommand } from './process-made.ts';

const act: fc.Arbitrary<Act> = fc.record({
  behaviour: fc.constantFrom('succeed' as const, 'succeed' as const, 'throw' as const, 'exit' as const),
  value: fc.integer({ min: 1, max: 9 }),
  ms: fc.constant(1),
});

/** Which of the runnables made so far a command acts on, counted round them. */
const which = fc.nat({ max: 5 });

/** What a learner's Process has: a constructor, pid, start() and join(). */
const learnersCommands: fc.Arbitrary<ProcessCommand>[] = [
  // Often: every other command acts on a runnable made before it.
  act.map((each) => new NewCommand(each)),
  act.map((each) => new NewCommand(each)),
  which.map((each) => new StartCommand(each)),
  which.map((each) => new JoinCommand(each)),
  which.map((each) => new JoinCommand(each)),
  which.map((each) => new ReleaseCommand(each)),
  which.map((each) => new PidCommand(each)),
];

/** Programs of the commands given, each beginning with a runnable made, for every other command acts on one. */
function programs(given: fc.Arbitrary<ProcessCommand>[]): fc.Arbitrary<Iterable<ProcessCommand>> {
  return fc.tuple(act, fc.commands<Model, Real, false>(given, { maxCommands: 12, size: 'medium' })).map(([first, rest]) => [new NewCommand(first), ...rest]);
}

const commands = programs([
  ...learnersCommands,
  which.map((each) => new StartAgainCommand(each)),
  which.map((each) => new EarlyJoinCommand(each)),
  which.map((each) => new TerminateCommand(each)),
  which.map((each) => new ExitCodeCommand(each)),
  fc.constantFrom({ target: undefined }, { target: 'download' as const }, { args: 'x' as const }, { args: 3 as const }).map((bad) => new BadNewCommand(bad)),
  fc.constantFrom('none' as const, 'one' as const, 'unsendable' as const).map((args) => new RunToEndCommand(args)),
]);

const succeed = (value: number): Act => ({ behaviour: 'succeed', value, ms: 1 });
const fail = (value: number): Act => ({ behaviour: 'throw', value, ms: 1 });
const exit = (value: number): Act => ({ behaviour: 'exit', value, ms: 1 });

/**
 * Run first every time, so that every promise is checked in every run, whatever is generated: a tour of
 * every operation at every point of a child's life, each call made twice, each refusal and each end.
 */
const examples: [Iterable<ProcessCommand>][] = [
  [
    [
      // Refusals first: a class that makes one where it should refuse is then judged before any child runs.
      new BadNewCommand({ target: undefined }),
      new BadNewCommand({ args: 'x' }),
      new NewCommand(succeed(3)),
      new PidCommand(0),
      new ExitCodeCommand(0),
      new EarlyJoinCommand(0),
      new TerminateCommand(0),
      new StartCommand(0),
      new StartAgainCommand(0),
      new PidCommand(0),
      new JoinCommand(0),
      new ExitCodeCommand(0),
      new ReleaseCommand(0),
      new JoinCommand(0),
      new ExitCodeCommand(0),
      new TerminateCommand(0),
      new JoinCommand(0),
      new PidCommand(0),
      new NewCommand(fail(4)),
      new StartCommand(1),
      new ReleaseCommand(1),
      new JoinCommand(1),
      new JoinCommand(1),
      new ExitCodeCommand(1),
      new NewCommand(exit(5)),
      new StartCommand(2),
      new TerminateCommand(2),
      new JoinCommand(2),
      new TerminateCommand(2),
      new ExitCodeCommand(2),
      new RunToEndCommand('none'),
      new RunToEndCommand('one'),
      new RunToEndCommand('unsendable'),
    ],
  ],
  [[new NewCommand(exit(7)), new StartCommand(0), new JoinCommand(0), new JoinCommand(0), new ReleaseCommand(0), new ExitCodeCommand(0)]],
];

/** Ends what a program made: by terminate(), or, where the class has none, by the join its child's end settles. */
const ending = (each: ModelledRunnable, boundMs: number) =>
  outcomeOf(() => (each.terminate === undefined ? each.join() : each.terminate()), boundMs, 'ending it');

/** A learner's programs: what lesson 1's Process has (lessons/1-process/start.ts), and nothing else. */
export const learnersPrograms = programs(learnersCommands);

/**
 * Run first every time in lesson 1: a second join() once the first has settled, and a join() while the
 * child is held, with the clock hours ahead.
 */
export const learnersExamples: [Iterable<ProcessCommand>][] = [
  [[new NewCommand(fail(4)), new StartCommand(0), new ReleaseCommand(0), new JoinCommand(0), new JoinCommand(0)]],
  [[new NewCommand(succeed(3)), new PidCommand(0), new StartCommand(0), new PidCommand(0), new JoinCommand(0), new ReleaseCommand(0), new JoinCommand(0)]],
];

export const processModel = projectProperty<Judged, [Iterable<ProcessCommand>]>({
  judges: ['Process', 'Thread'],
  aspect: 'The whole contract of Process, as a model: any program of new, start, join, terminate, pid and exitCode keeps every promise',
  arbitraries: [commands],
  numRuns: 10,
  examples,
  check: (judged: Judged, thisCase) => async (program: Iterable<ProcessCommand>) => {
    const boundMs = await thisCase.bound();
    // Ended last: once the coordinator hangs up, a child still held fails its task and ends by itself.
    const made = thisCase.defer([] as ModelledRunnable[], (all) => Promise.all(all.map((each) => ending(each, boundMs))), 'ending every runnable');
    const coordinator = thisCase.defer(await Coordinator.open(), (each) => each.close(), 'closing the rendezvous');
    const real: Real = { ...judged, boundMs, coordinator, made, runnables: [], heldJoins: [] };
    const model: Model = { step: 0, runnables: [] };
    await fc.asyncModelRun(() => ({ model, real }), program);
    await judgeTheEnd(model, real);
  },
});
