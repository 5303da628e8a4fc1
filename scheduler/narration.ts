/**
 * The story of an execution, in the words a learner reads: each step told from what it did (an Act), and
 * each paused thread's next step from what it asks for. Only words are made here; nothing reads them back.
 */
import type { Act, Execution } from './execution.ts';
import type { Request } from './layout.ts';

const whereOf = (cell: string | undefined) => cell ?? 'its own memory';

/**
 * A value as the story's reader knows it. In a lock's cell, the thread that holds it, numbered as the story
 * numbers threads, with the raw value in brackets: the cell holds its holder's self (its Node threadId + 1,
 * as our Lock and the lesson's write it), or 0 when free. Any other value, or cell, as it is.
 */
export function valueIn(cell: string | undefined, value: number | undefined, threadIds: readonly number[] = []): string {
  if (cell !== 'lock' || value === undefined) return String(value);
  if (value === 0) return 'free (0)';
  const holder = threadIds.indexOf(value - 1);
  return holder < 0 ? String(value) : `thread ${holder + 1} (${value})`;
}

/** What the step did, as a reader follows it: `loads lock = free (0)`, given each thread's Node threadId. */
export function action(act: Act, threadIds: readonly number[] = []): string {
  const { operation, cell, woke, slept } = act;
  const where = whereOf(cell);
  const [value, replacement, result] = [act.value, act.replacement, act.result].map((each) => valueIn(cell, each, threadIds));
  switch (operation) {
    case 'wake':
      return 'wakes';
    case 'timeout':
      return cell === undefined ? 'wakes from its sleep' : 'stops waiting: its timeout expired';
    case 'load':
      return `loads ${where} = ${result}`;
    case 'store':
      return `stores ${value} in ${where}`;
    case 'compareExchange':
      return `compare-exchanges ${where} from ${value} to ${replacement}: it was ${result}`;
    case 'wait':
      if (!slept) return `finds ${where} is no longer ${value}, so does not wait`;
      return cell === undefined ? 'sleeps' : `waits on ${where} while it is ${value}`;
    case 'notify':
      return `notifies ${where}: ${woke.length === 0 ? 'nobody waits' : `wakes thread ${woke.join(', ')}`}`;
    case 'add':
      return `adds ${value} to ${where}: it was ${result}`;
    case 'sub':
      return `subtracts ${value} from ${where}: it was ${result}`;
    case 'exchange':
      return `exchanges ${where} for ${value}: it was ${result}`;
    default:
      return `${operation}s ${where} with ${value}: it was ${result}`;
  }
}

/** What an asked operation will do, before it is made: `load balance`. */
export function intent(request: Request, cell: string | undefined, threadIds: readonly number[] = []): string {
  const { op, arg2 } = request;
  const where = whereOf(cell);
  const arg1 = valueIn(cell, request.arg1, threadIds);
  const replacement = valueIn(cell, arg2, threadIds);
  switch (op) {
    case 'load':
      return `load ${where}`;
    case 'store':
      return `store ${arg1} in ${where}`;
    case 'compareExchange':
      return `compare-exchange ${where} from ${arg1} to ${replacement}`;
    case 'wait':
      return cell === undefined ? `sleep ${arg2} ms` : `wait on ${where} while it is ${arg1}`;
    case 'notify':
      return `notify ${where}`;
    case 'add':
      return `add ${arg1} to ${where}`;
    case 'sub':
      return `subtract ${arg1} from ${where}`;
    default:
      return `${op} ${where} with ${arg1}`;
  }
}

/** What a waiter's next step does: the end of its wait. */
export function waking(notified: boolean, cell: string | undefined): string {
  if (notified) return 'wake';
  return cell === undefined ? 'wake from its sleep' : 'stop waiting: its timeout expires';
}

/** `thread 1 loads lock = 0, thread 2 loads lock = 0, thread 1 stores 1, ...` */
export function story(execution: Execution): string {
  const steps = execution.steps.map((step) => `thread ${step.thread} ${step.action}`);
  const end = execution.outcome === 'finished' ? '' : `: ${execution.outcome}`;
  // A livelock's thousands of steps: how it began, and how it went on.
  const told = steps.length <= 60 ? steps : [...steps.slice(0, 40), `(${steps.length - 50} steps more)`, ...steps.slice(-10)];
  return `${told.join(', ')}${end}`;
}

/** Step `k` as a reader follows it, or how the execution ended. */
export const stepAt = (execution: Execution, k: number) => {
  const step = execution.steps[k];
  return step === undefined ? `the end (${execution.outcome})` : `"thread ${step.thread} ${step.action}"`;
};
