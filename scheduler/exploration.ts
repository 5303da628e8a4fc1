/**
 * Exploring the schedules of a scheduler's threads: every schedule that preempts a running thread at
 * most a given number of times, each once, as loom does (2 finds most bugs). Each new schedule is an
 * execution already run, up to a step where another thread could have gone, and that thread there; from
 * then on, no thread is preempted. A prefix must replay as it ran, or the exploration fails: a schedule
 * is never skipped. With the reduction, a schedule that only reorders independent steps of one explored
 * is not explored.
 */
import type { Execution } from './execution.ts';
import { type Access, independent } from './independence.ts';
import { stepAt } from './narration.ts';
import { fromChoices, type Pick, ScheduleMisfit } from './schedule.ts';

/**
 * Executions follow one another through promises alone; every so often the exploration lets the event
 * loop's timers run, so that a long exploration starves nothing (a test's timeout, a watchdog's beat).
 */
let yielded = performance.now();
async function letTimersRun(): Promise<void> {
  if (performance.now() - yielded < 100) return;
  await new Promise((resolve) => setImmediate(resolve));
  yielded = performance.now();
}

/** What exploring needs of a scheduler: to run its threads once, in the order a pick chooses. */
export interface Runs {
  run(pick: Pick): Promise<Execution>;
}

const deterministic =
  'Is the judged code deterministic? Its steps may depend only on the shared memory and on performance.now (which the scheduler keeps), not on Date.now, Math.random or memory the scheduler cannot see';

/** A schedule that did not go, when run again, as it went before: what was judged would not be what replays. */
export class Nondeterminism extends Error {
  override name = 'Nondeterminism';
}

export interface ExploreOptions {
  /**
   * Cut schedules that only reorder independent steps (see independence.ts): dynamic partial-order
   * reduction (Flanagan and Godefroid; loom's DPOR). After each execution, wherever two dependent steps of
   * different threads could have come in the other order, that order is explored too, and nowhere else.
   * Under the preemption bound, the other order is also tried where the earlier step's thread began to
   * run, where it may cost no preemption (Coons, Musuvathi and McKinley's bounded partial-order
   * reduction). No sleep sets: with a bound, they cut schedules whose equivalent the bound had cut too
   * (spec/scheduler.spec.ts shows it on the check-then-set lock).
   */
  readonly reduce?: boolean;
  /** Run every explored schedule again and fail unless it tells the same story (as shuttle's check does). */
  readonly checkDeterminism?: boolean;
  /** Counted as the exploration goes. */
  readonly tally?: Tally;
}

export interface Tally {
  schedules: number;
}

/** A step of the reduced exploration's current path: which threads it must still try there, and which it has. */
interface Node {
  readonly enabled: readonly number[];
  /** Whether any other thread there would preempt the one before, and how many preemptions the path took before it. */
  readonly preempts: boolean;
  readonly used: number;
  readonly backtrack: Set<number>;
  readonly done: Set<number>;
}

/** A schedule to explore: a recorded execution's choices up to a step, and another thread there. */
interface Branch {
  readonly prefix: readonly number[];
  /** The execution it branches from: the prefix must replay as it went there. */
  readonly parent: Execution | undefined;
}

/**
 * Every execution whose schedule preempts a running thread at most `preemptions` times, each once
 * (as loom does; 2 finds most bugs). Each new schedule is an execution already run, up to a step where
 * another thread could have gone, and that thread there; from then on, no thread is preempted. With
 * `reduce`, a schedule that only reorders independent steps of one explored is not explored.
 */
export async function* explore(scheduler: Runs, threads: number, preemptions: number, options: ExploreOptions): AsyncGenerator<Execution> {
  if (options.reduce) {
    yield* exploreReduced(scheduler, threads, preemptions, options);
    return;
  }
  const pending: Branch[] = [{ prefix: [], parent: undefined }];
  for (let branch = pending.pop(); branch !== undefined; branch = pending.pop()) {
    await letTimersRun();
    const execution = await replay(scheduler, branch);
    if (options.tally) options.tally.schedules += 1;
    if (options.checkDeterminism) await checkDeterminism(scheduler, execution);
    yield execution;
    // Past its prefix, no thread was preempted: carryOn let the running thread go on wherever it could. So the
    // path's preemptions are all its prefix's, and where the running thread could go on, another would preempt it.
    const used = execution.steps.filter((step) => step.preempted).length;
    // Each step taken records which threads could go on there, and whether the one before could: as many as its choices.
    for (let k = branch.prefix.length; k < execution.choices.length; k++) {
      const preempts = execution.continuable[k] as boolean;
      for (const other of execution.enabled[k] as number[]) {
        if (other === execution.choices[k]) continue;
        if (used + (preempts ? 1 : 0) <= preemptions) pending.push({ prefix: [...execution.choices.slice(0, k), other], parent: execution });
      }
    }
  }
}

/** `explore` with the partial-order reduction (ExploreOptions.reduce). */
async function* exploreReduced(scheduler: Runs, threads: number, preemptions: number, options: ExploreOptions): AsyncGenerator<Execution> {
  const nodes: Node[] = [];
  let execution = await replay(scheduler, { prefix: [], parent: undefined });
  for (;;) {
    if (options.tally) options.tally.schedules += 1;
    if (options.checkDeterminism) await checkDeterminism(scheduler, execution);
    yield execution;
    // Past the replayed prefix, no thread was preempted (as in explore above).
    const used = execution.steps.filter((step) => step.preempted).length;
    for (let k = nodes.length; k < execution.choices.length; k++) {
      const chosen = execution.choices[k] as number;
      const preempts = execution.continuable[k] as boolean;
      nodes.push({ enabled: execution.enabled[k] as number[], preempts, used, backtrack: new Set([chosen]), done: new Set([chosen]) });
    }
    addBacktracks(execution, nodes, threads);
    // The deepest step with a thread still to try there, within the bound.
    let k = nodes.length - 1;
    let next: number | undefined;
    for (; k >= 0 && next === undefined; k--) {
      const node = nodes[k] as Node;
      if (node.used + (node.preempts ? 1 : 0) > preemptions) continue;
      next = [...node.backtrack].find((thread) => !node.done.has(thread));
    }
    if (next === undefined) return;
    k += 1;
    (nodes[k] as Node).done.add(next);
    nodes.length = k + 1;
    await letTimersRun();
    execution = await replay(scheduler, { prefix: [...execution.choices.slice(0, k), next], parent: execution });
  }
}

/** Runs a branch: its prefix must go as it went in the execution it branches from, else the code is not deterministic. */
async function replay(scheduler: Runs, { prefix, parent }: Branch): Promise<Execution> {
  const at = prefix.length - 1;
  let execution: Execution;
  try {
    execution = await scheduler.run(fromChoices(prefix));
  } catch (error) {
    if (!(error instanceof ScheduleMisfit) || parent === undefined) throw error;
    throw new Nondeterminism(`${error.message}, though it could when that schedule was first run. ${deterministic}`, { cause: error });
  }
  if (parent === undefined) return execution;
  const schedule = `Schedule ${prefix.join(',')}`;
  for (let k = 0; k < at; k++) {
    const [was, now] = [stepAt(parent, k), stepAt(execution, k)];
    if (was !== now) throw new Nondeterminism(`${schedule}: step ${k + 1} was ${was} when first run, and ${now} now. ${deterministic}`);
  }
  // A replay may end before its prefix does (every thread ended sooner): from there, no thread could go on.
  for (let k = 0; k <= at; k++) {
    const [was, now] = [parent.enabled[k] as number[], execution.enabled[k] ?? []];
    if (was.join() !== now.join()) {
      const threads = (list: readonly number[]) => (list.length === 0 ? 'none' : list.map((thread) => thread + 1).join(', '));
      throw new Nondeterminism(`${schedule}: at step ${k + 1}, threads ${threads(was)} could go on when first run, and ${threads(now)} now. ${deterministic}`);
    }
  }
  const thread = prefix[at] as number;
  const [was, now] = [(parent.accesses[at] as Access[])[thread], (execution.accesses[at] as Access[])[thread]];
  if (was !== now)
    throw new Nondeterminism(`${schedule}: thread ${thread + 1}'s step ${at + 1} was to touch ${was} when first run, and ${now} now. ${deterministic}`);
  return execution;
}

/** Runs an explored schedule once more, whole: every step, the end and the errors must be as they were. */
async function checkDeterminism(scheduler: Runs, first: Execution): Promise<void> {
  const again = await scheduler.run(fromChoices(first.choices)).catch((error: unknown) => {
    throw error instanceof ScheduleMisfit ? new Nondeterminism(`${error.message} when run again. ${deterministic}`, { cause: error }) : error;
  });
  const schedule = `Schedule ${first.choices.join(',')}`;
  // Every step, and the end: where one run ended and the other went on, the two differ at the shorter's end.
  const length = Math.min(first.steps.length, again.steps.length);
  for (let k = 0; k <= length; k++) {
    const [was, now] = [stepAt(first, k), stepAt(again, k)];
    if (was !== now) throw new Nondeterminism(`${schedule}, run again: step ${k + 1} was ${was}, and is ${now} now. ${deterministic}`);
  }
  // Each error is an object (ThreadError): compared as written, not as `[object Object]`.
  const [were, are] = [JSON.stringify(first.errors), JSON.stringify(again.errors)];
  if (were !== are) throw new Nondeterminism(`${schedule}, run again: its threads' errors were ${were}, and are ${are} now. ${deterministic}`);
}

/**
 * Where the execution's order could have differed: for each step, the latest earlier step of another
 * thread that it depends on and that does not already happen before it (by vector clocks). There, the
 * step's thread must be tried too; or, if it could not go there, every thread that could.
 */
function addBacktracks(execution: Execution, nodes: readonly Node[], threads: number): void {
  const accessOf = (k: number) => execution.touched[k] as Access;
  // clocks[k][t]: the latest step of thread t (its position + 1) that happens before step k, by program order and dependences.
  const clocks: number[][] = [];
  const last = Array.from({ length: threads }, () => new Array<number>(threads).fill(0));
  for (let j = 0; j < execution.choices.length; j++) {
    const thread = execution.choices[j] as number;
    const before = last[thread] as number[];
    const clock = [...before];
    let raced = false;
    for (let i = j - 1; i >= 0; i--) {
      const other = execution.choices[i] as number;
      if (other === thread || independent(accessOf(i), accessOf(j))) continue;
      if (!raced && (before[other] as number) < i + 1) {
        raced = true;
        // Under a preemption bound, the switch is tried at the race and where the other thread's run of steps began,
        // where it may cost no preemption (Coons, Musuvathi and McKinley's bounded partial-order reduction).
        let start = i;
        while (start > 0 && execution.choices[start - 1] === other) start -= 1;
        for (const at of new Set([i, start])) {
          const node = nodes[at] as Node;
          for (const each of node.enabled.includes(thread) ? [thread] : node.enabled) node.backtrack.add(each);
        }
      }
      (clocks[i] as number[]).forEach((count, t) => {
        clock[t] = Math.max(clock[t] as number, count);
      });
    }
    clock[thread] = j + 1;
    clocks.push(clock);
    last[thread] = clock;
  }
}
