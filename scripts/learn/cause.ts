/**
 * What made a win possible, told from the story alone (what each step did, as the scheduler records it): a read
 * another thread made between a thread's read of a cell and its write; a wait nobody will end; a lock
 * taken and never given back. Generic, not one sentence per challenge: a learner's own code is told too.
 */
import { type Execution, readsCell, type Step, storesIn, valueIn } from '../../scheduler/scheduler.ts';

/** A step, and where in the story it is (counted from 1). */
interface Told extends Step {
  readonly at: number;
}

/** Whether the story names the step's cell: a step on memory of its own, a wait that found its cell changed, an and, or, xor or a wake does not. */
const namesItsCell = ({ operation, cell, slept }: Step) =>
  cell !== undefined && (operation === 'wait' ? slept : !['and', 'or', 'xor', 'wake', 'timeout'].includes(operation));

/** The shared cells a story names (`balance`, `lock`, `counter[1]`), in the order it first names them. */
function cellsOf(steps: readonly Told[]): string[] {
  return [...new Set(steps.filter(namesItsCell).map((step) => step.cell as string))];
}

/** A read of `cell` by another thread between one thread's read of it and that thread's next write of it. */
function staleRead(steps: readonly Told[]): string | undefined {
  for (const cell of cellsOf(steps)) {
    for (const first of steps.filter((step) => readsCell(step, cell))) {
      const write = steps.find((step) => step.at > first.at && step.thread === first.thread && (storesIn(step, cell) || readsCell(step, cell)));
      if (write === undefined || !storesIn(write, cell)) continue;
      const between = steps.find((step) => step.at > first.at && step.at < write.at && step.thread !== first.thread && readsCell(step, cell));
      if (between === undefined) continue;
      return `thread ${between.thread} read ${cell} (step ${between.at}) between thread ${first.thread}'s read of it (step ${first.at}) and its write (step ${write.at}): each then acted on what it had read, which the other's write made stale`;
    }
  }
  return undefined;
}

/** Whether the step changed what `cell` held: a store, or an operation that writes what it computes (a compare-exchange only when it found what it expected). */
const changes = (step: Step, cell: string) =>
  step.cell === cell &&
  (step.operation === 'compareExchange' ? step.result === step.value : ['store', 'add', 'sub', 'and', 'or', 'xor', 'exchange'].includes(step.operation));

/** A thread asleep in Atomics.wait that no step will wake: its cell changed after it went to sleep, and no notify came after the change. */
function endlessWait(execution: Execution, steps: readonly Told[]): string | undefined {
  for (const pending of execution.pending) {
    if (pending.state !== 'waits' || pending.canGoOn) continue;
    const wait = steps.findLast((step) => step.thread === pending.thread && step.operation === 'wait' && step.slept && step.cell !== undefined);
    if (wait === undefined) continue;
    const cell = wait.cell as string;
    const { value } = wait;
    const changed = steps.findLast((step) => step.at > wait.at && step.thread !== pending.thread && changes(step, cell));
    if (changed !== undefined && !steps.some((step) => step.at > changed.at && step.operation === 'notify' && step.cell === cell)) {
      return `thread ${pending.thread} waits on ${cell} while it is ${valueIn(cell, value, execution.threadIds)}; thread ${changed.thread} changed ${cell} (step ${changed.at}) and notified nobody, so nothing will wake thread ${pending.thread}`;
    }
    const held = heldForEver(steps);
    return `thread ${pending.thread} waits on ${cell} while it is ${valueIn(cell, value, execution.threadIds)}, and no thread is left to change it${held === undefined ? '' : `: ${held}`}`;
  }
  return undefined;
}

/** A lock a thread took (a compare-exchange from 0 to another value, that found it 0) and never gave back (one to 0). */
function heldForEver(steps: readonly Told[]): string | undefined {
  for (const taken of steps) {
    const { operation, cell, value, replacement: holder, result } = taken;
    if (operation !== 'compareExchange' || cell === undefined || value !== 0 || result !== 0 || holder === 0) continue;
    const gives = (step: Step) =>
      (step.operation === 'compareExchange' && step.cell === cell && step.value === holder && step.replacement === 0) ||
      (storesIn(step, cell) && step.value === 0);
    const given = steps.some((step) => step.at > taken.at && step.thread === taken.thread && gives(step));
    if (!given) return `thread ${taken.thread} took ${cell} (step ${taken.at}) and never released it`;
  }
  return undefined;
}

/** What made the fault possible, in a sentence, or undefined when the story shows none of these. */
export function causeOf(execution: Execution): string | undefined {
  const steps = execution.steps.map((step, i) => ({ ...step, at: i + 1 }));
  return (execution.outcome === 'deadlock' ? endlessWait(execution, steps) : undefined) ?? staleRead(steps) ?? heldForEver(steps);
}
