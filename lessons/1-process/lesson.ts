/** Lesson 1: a Process whose start() returns at once and whose join() waits. */
import { learnersExamples, learnersPrograms, processModel } from '../../claims/models/process.ts';
import type { ProcessCommand } from '../../claims/models/process-commands.ts';
import { joinSettles } from '../../claims/properties/faults.ts';
import { endsByItself, learnersScenarios, throwsAndIsJoined } from '../../claims/properties/liveness.ts';
import { joinDeliversOutput, joinWaitsForTheChildAlone } from '../../claims/properties/output.ts';
import { processConcurrent, processNoSharedCounter, processOwnPid } from '../../claims/properties/process.ts';
import { sharingRuns } from '../../claims/properties/runnables.ts';
import { narrowed } from '../../claims/property.ts';
import type { Act } from '../../claims/tasks/faults.ts';
import { act, ending, ms, program, theClass } from '../adapters.ts';
import type { Lesson } from '../lesson.ts';

const sharedByTwo = (Exported: unknown) => sharingRuns(Exported as object, 2);

export const lesson: Lesson = {
  name: 'process',
  title: 'Process: start() returns at once, join() waits',
  file: '1-process.ts',
  export: 'Process',
  ours: 'src/process.ts',
  oursWith: 'src/runtime/runnable.ts, which it shares with Thread',
  checks: [
    // The same cases, side by side: each run of the document's program is judged by both, its children started once.
    { claim: 'process.concurrent', property: processConcurrent, judged: sharedByTwo, shown: ms, sideBySide: true },
    { claim: 'process.own-pid', property: processOwnPid, judged: sharedByTwo, shown: ms, sideBySide: true },
    {
      claim: 'process.no-shared-counter',
      property: processNoSharedCounter,
      judged: theClass,
      shown: (words: string[], limit: number) => `${words.join(' and ')}, each counting to ${limit} in a process of its own`,
      sideBySide: true,
    },
    {
      contract: "join rejects with the task's error, or says how the child ended",
      lane: 1,
      property: joinSettles,
      judged: (Exported) => ({ Runnable: Exported, ended: 'process \\d+', canBeKilled: true }),
      shown: (each: Act) => `a task that ${act(each)}`,
    },
    {
      contract: 'join delivers all the child printed, and only that',
      lane: 1,
      property: joinDeliversOutput,
      judged: theClass,
      shown: ({ lines, width, ending: end }: { lines: number; width: number; ending: keyof typeof ending }) =>
        `a task that prints ${lines} lines of ${width} characters, then ${ending[end]}`,
    },
    {
      contract: 'join waits for the child alone',
      lane: 1,
      property: joinWaitsForTheChildAlone,
      judged: theClass,
      shown: ({ lines, helper, ending: end }: { lines: number; helper: string; ending: keyof typeof ending }) =>
        `a task that prints ${lines} lines, leaves behind a process holding its output (one that ${helper === 'never-ends' ? 'never ends' : 'prints after it'}), then ${ending[end]}`,
    },
    {
      contract: 'a program that uses it ends by itself, and a failed task fails nothing else',
      lane: 2,
      property: narrowed(
        endsByItself,
        { arbitraries: [learnersScenarios.Process], examples: [[throwsAndIsJoined]], numRuns: 10 },
        "the lesson's Process has no terminate(): its programs join their processes, or forget them",
      ),
      judged: (_exported, ref) => ref.module,
      shown: program,
    },
    {
      contract: 'the whole contract, as a model: start(), join() as often as asked and however long the child lives, and pid',
      lane: 2,
      property: narrowed(
        processModel,
        { arbitraries: [learnersPrograms], examples: learnersExamples, numRuns: 6 },
        "the lesson's Process has no terminate() nor exitCode, and its constructor is given: its programs make, start and join processes, read their pid, and let their children go",
      ),
      judged: (Exported) => ({ Runnable: Exported, kind: 'process' }),
      shown: (steps: Iterable<ProcessCommand>) => `the program ${[...steps].join('; ')}`,
    },
  ],
  mistakes: [
    {
      id: 'join.returned-early',
      mistake: 'join() returned while the child was still running: it must wait until the child has ended (await its `ended`).',
      look: 'join',
    },
    {
      id: 'start.waited',
      mistake: 'The children did not all run at once: start() must start the child and return at once, without waiting for it to end.',
      look: 'start',
    },
    {
      id: 'process.wrong-pid',
      mistake: 'Each process must report the pid of its own child: `pid` is the pid of the child that start() started.',
      look: 'pid',
    },
    {
      id: 'program.uncaught-error',
      mistake:
        "The program died of an error nobody caught, though it caught join()'s rejection: when a task fails, only join() may reject. Is start() async? Its promise then rejects with the task's error, and no one awaits start(). start() must return at once, not a promise.",
      look: 'start',
    },
    {
      id: 'join.hid-failure',
      mistake:
        "join() resolved though the child's task failed: join() must reject with the error the child's `ended` rejects with (await it; do not catch it).",
      look: 'join',
    },
    {
      id: 'runners.left-running',
      mistake: 'A child was still running after join() returned: join() must wait until the child has ended (await its `ended`).',
      look: 'join',
    },
    {
      id: 'join.output-wrong',
      mistake:
        "join() settled before the child's output had all arrived, or with output that was not the child's: await the child's `ended`, which settles once its own output is whole.",
      look: 'join',
    },
    {
      id: 'join.outcome-changed',
      mistake:
        'A second join() did not settle as the first: join() may be called again, and each call must wait for the same child and settle as it ended (await its `ended` every time; keep no flag that skips it).',
      look: 'join',
    },
    {
      id: 'join.gave-up-on-a-timer',
      mistake:
        "join() settled while the child was still running, once the clock had moved on: it must wait for the child's `ended` however long that takes, never for a timer or a time limit of its own.",
      look: 'join',
    },
    {
      id: 'join.never-settled',
      mistake: "join() never settled, though the child had ended: await the child's `ended`, and nothing else.",
      look: 'join',
    },
  ],
  hints: [
    'start() only begins the child and returns at once: the caller goes on, and starts the next process, while this one runs. join() is where the parent waits: for that child, until it has ended.',
    "startChild(this.target, this.args, this.options) starts the child and returns at once: keep what it gives in start(), never await in start(). What it gave has an `ended` that settles once the child has ended, and rejects when the target threw: join() awaits it, and lets that rejection through to its caller. The pid is the kept child's.",
  ],
  taught:
    'A process runs beside its parent: start() only begins it, so processes started one after another run at the same time, and join() is where the parent waits. Each is a program of its own, with its own pid.',
  hangs: 'a join() that waits for something that never comes, or a loop in start() or join() that never ends',
};
