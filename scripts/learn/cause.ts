/**
 * What made a win possible, told from the story alone (the scheduler's own words for each step): a read
 * another thread made between a thread's read of a cell and its write; a wait nobody will end; a lock
 * taken and never given back. Generic, not one sentence per challenge: a learner's own code is told too.
 */
import type { Execution } from '../../scheduler/scheduler.ts';

interface Told {
  readonly thread: number;
  readonly action: string;
  readonly at: number;
}

const reads = (action: string, cell: string) =>
  new RegExp(`^(loads|compare-exchanges|exchanges) ${cell}\\b|^(adds|subtracts) .* (to|from) ${cell}\\b`).test(action);
const writes = (action: string, cell: string) => new RegExp(`^stores .* in ${cell}\\b`).test(action);
/** The shared cells a story names (`balance`, `lock`, `counter[1]`), in the order it first names them. */
function cellsOf(steps: readonly Told[]): string[] {
  const cells = new Set<string>();
  for (const { action } of steps) {
    const cell =
      /^(?:loads|compare-exchanges|exchanges|waits on|notifies) ([a-z]+(?:\[\d+\])?)|^stores .* in ([a-z]+(?:\[\d+\])?)|^(?:adds|subtracts) .* (?:to|from) ([a-z]+(?:\[\d+\])?)/.exec(
        action,
      );
    const name = cell?.slice(1).find((each) => each !== undefined);
    if (name !== undefined) cells.add(name);
  }
  return [...cells];
}

/** A read of `cell` by another thread between one thread's read of it and that thread's next write of it. */
function staleRead(steps: readonly Told[]): string | undefined {
  for (const cell of cellsOf(steps)) {
    for (const first of steps.filter((step) => reads(step.action, cell))) {
      const write = steps.find((step) => step.at > first.at && step.thread === first.thread && (writes(step.action, cell) || reads(step.action, cell)));
      if (write === undefined || !writes(write.action, cell)) continue;
      const between = steps.find((step) => step.at > first.at && step.at < write.at && step.thread !== first.thread && reads(step.action, cell));
      if (between === undefined) continue;
      return `thread ${between.thread} read ${cell} (step ${between.at}) between thread ${first.thread}'s read of it (step ${first.at}) and its write (step ${write.at}): each then acted on what it had read, which the other's write made stale`;
    }
  }
  return undefined;
}

/** A thread asleep in Atomics.wait that no step will wake. */
function endlessWait(execution: Execution, steps: readonly Told[]): string | undefined {
  for (const pending of execution.pending) {
    if (pending.state !== 'waits' || pending.canGoOn) continue;
    const wait = steps.findLast((step) => step.thread === pending.thread && step.action.startsWith('waits on'));
    const [, cell, value] = /^waits on (\S+) while it is (\S+)/.exec(wait?.action ?? '') ?? [];
    if (cell === undefined) continue;
    const changed = steps.find(
      (step) => step.at > (wait as Told).at && step.thread !== pending.thread && (writes(step.action, cell) || /^compare-exchanges/.test(step.action)),
    );
    const notified = steps.find((step) => step.at > (wait as Told).at && step.action.startsWith(`notifies ${cell}`));
    if (changed !== undefined && notified === undefined) {
      return `thread ${pending.thread} waits on ${cell} while it is ${value}; thread ${changed.thread} changed ${cell} (step ${changed.at}) and notified nobody, so nothing will wake thread ${pending.thread}`;
    }
    const held = heldForEver(steps);
    return `thread ${pending.thread} waits on ${cell} while it is ${value}, and no thread is left to change it${held === undefined ? '' : `: ${held}`}`;
  }
  return undefined;
}

/** A lock a thread took (a compare-exchange from 0 that found it 0) and never gave back (one to 0). */
function heldForEver(steps: readonly Told[]): string | undefined {
  for (const taken of steps) {
    const [, cell, holder] = /^compare-exchanges (\S+) from 0 to (\S+): it was 0$/.exec(taken.action) ?? [];
    if (cell === undefined) continue;
    const given = steps.some(
      (step) =>
        step.at > taken.at &&
        step.thread === taken.thread &&
        new RegExp(`^(compare-exchanges ${cell} from ${holder} to 0|stores 0 in ${cell})`).test(step.action),
    );
    if (!given) return `thread ${taken.thread} took ${cell} (step ${taken.at}) and never released it`;
  }
  return undefined;
}

/** What made the fault possible, in a sentence, or undefined when the story shows none of these. */
export function causeOf(execution: Execution): string | undefined {
  const steps = execution.steps.map((step, i) => ({ thread: step.thread, action: step.action, at: i + 1 }));
  return (execution.outcome === 'deadlock' ? endlessWait(execution, steps) : undefined) ?? staleRead(steps) ?? heldForEver(steps);
}
