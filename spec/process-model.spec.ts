/**
 * The whole contract of Process, as one model (claims/models/process.ts): ours keeps it over processes and
 * over threads, and each broken one in fixtures/broken-processes.ts, wrong in one way, is rejected by it,
 * with a message that names the step where it parts from the model.
 */
import { describe, expect, it } from 'vitest';
import { processModel } from '../claims/models/process.ts';
import type { RunnableClass } from '../claims/models/process-ends.ts';
import {
  CauselessProcess,
  EarlyJoinResolvesProcess,
  FixedWaitProcess,
  LenientArgsProcess,
  LoneArgumentProcess,
  ParentPidProcess,
  PlainErrorProcess,
  SecondJoinResolvesProcess,
  SecondStartIgnoredProcess,
  TerminateHidesKillProcess,
  TerminateOnceProcess,
  WatchdogProcess,
  ZeroExitCodeProcess,
} from '../fixtures/broken-processes.ts';
import { Process } from '../src/process.ts';
import { Thread } from '../src/thread.ts';
import { expectRejected, rejectionBound } from './support/rejects.ts';
import { specify } from './support/specify.ts';

describe.each([
  { name: 'Process', judged: { Runnable: Process, kind: 'process' as const } },
  { name: 'Thread', judged: { Runnable: Thread, kind: 'thread' as const } },
])('The contract of Process as a model ($name)', ({ name, judged }) => {
  specify(processModel, judged, { backend: name });
});

interface BrokenProcess {
  /** The kind of mistake, as issue 32 names it. */
  readonly kind: string;
  readonly name: string;
  readonly Runnable: RunnableClass;
  /** The first line of the model's failure: the step where the class parts from it, and the promise it breaks. */
  readonly why: RegExp;
}

const brokenProcesses: readonly BrokenProcess[] = [
  {
    kind: 'an edge of the input',
    name: 'a lone argument passed bare',
    Runnable: LoneArgumentProcess,
    why: /^Step \d+, after new Process\(perform, \[throw 2\]\), started and joined: one argument is passed as it is\. .*; yours: throws TypeError: Process args must be an array, got object$/,
  },
  {
    kind: 'an edge of the input',
    name: 'args that are not an array taken as one argument',
    Runnable: LenientArgsProcess,
    why: /^Step \d+, after new Process\(perform, "x"\): a bad target or args are refused at once, naming what was given\. .*; yours: makes one$/,
  },
  {
    kind: 'a call out of order',
    name: 'a join() before start() that resolves',
    Runnable: EarlyJoinResolvesProcess,
    why: /^Step 6, after p0\.join\(\) before start\(\): join\(\) before start\(\) is refused: .*; yours: resolves$/,
  },
  {
    kind: 'a call made twice',
    name: 'a second terminate() refused',
    Runnable: TerminateOnceProcess,
    why: /^Step 16, after p0\.terminate\(\): terminate\(\) ends the child, if it runs, and resolves: .*; yours: rejects with Error: the process is already terminated$/,
  },
  {
    kind: 'a default',
    name: "the parent's pid before start()",
    Runnable: ParentPidProcess,
    why: /^Step 4, after p0\.pid: pid is undefined before start\(\), then its own child's, for good\. Ours gives: undefined; yours: \d+$/,
  },
  {
    kind: 'a call made twice',
    name: 'a second join() that resolves',
    Runnable: SecondJoinResolvesProcess,
    why: /^Step \d+, after p1\.join\(\): join\(\) again settles as the first did: .*; yours: resolves$/,
  },
  {
    kind: 'a call made twice',
    name: 'a second start() ignored',
    Runnable: SecondStartIgnoredProcess,
    why: /^Step 9, after p0\.start\(\) again: a second start\(\) is refused: .*; yours: returns undefined$/,
  },
  {
    kind: 'a call made twice',
    name: 'a join() after terminate() that resolves',
    Runnable: TerminateHidesKillProcess,
    why: /^Step \d+, after p2\.join\(\): join\(\) settles as the child ended: .*was killed by SIGKILL; yours: resolves$/,
  },
  {
    kind: 'time',
    name: 'a join() that waits a fixed time, on a timer',
    Runnable: FixedWaitProcess,
    why: /^Step 11, after p0\.join\(\): join\(\) waits for its child however long it lives: past every timer, the clock hours ahead\. Ours gives: pending while p0's child is held; yours: resolves$/,
  },
  {
    kind: 'time',
    name: 'a join() that gives up after 30 s, on a timer of node:timers/promises',
    Runnable: WatchdogProcess,
    why: /^Step 11, after p0\.join\(\): join\(\) waits for its child however long it lives: .*; yours: resolves$/,
  },
  {
    kind: 'a default',
    name: 'an exitCode of 0 before the child has ended',
    Runnable: ZeroExitCodeProcess,
    why: /^Step 5, after p0\.exitCode: exitCode is null until the child has ended.*Ours gives: null; yours: 0$/,
  },
  {
    kind: "an error's identity",
    name: "a plain Error for the child's failure",
    Runnable: PlainErrorProcess,
    why: /^Step \d+, after p1\.join\(\): join\(\) settles as the child ended: .*; yours: rejects with Error: heldThenPerform\(/,
  },
  {
    kind: "an error's identity",
    name: "a TaskError without the child's error as its cause",
    Runnable: CauselessProcess,
    why: /^Step \d+, after p1\.join\(\): join\(\) settles as the child ended: .*; yours: rejects with TaskError: heldThenPerform\(.* failed: download 4 failed$/,
  },
];

describe('Every promise of the model can fail: it rejects each broken process at the step where it parts', () => {
  for (const { kind, name, Runnable, why } of brokenProcesses) {
    it(`the process model rejects ${name} (${kind}; fixtures/broken-processes.ts)`, async () => {
      // The programs run first every time reach each broken promise: the first failing case is the one to read.
      expect(await expectRejected(processModel, { Runnable, kind: 'process' }, await rejectionBound(), name, { shrink: false })).toMatch(why);
    });
  }
});
