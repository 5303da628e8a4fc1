/**
 * Steps and threads made for a spec, as the scheduler records them (scheduler/execution.ts): what a spec of
 * the story's words, of a win's cause or of the judge's failure needs, without running a schedule.
 */
import type { Act, Pending, Step } from '../../scheduler/scheduler.ts';

/** A step of thread 1 (unless `more` says another), as data. */
export const act = (operation: Act['operation'], cell: string | undefined, more: Partial<Act> = {}): Act => ({
  thread: 1,
  operation,
  cell,
  value: undefined,
  replacement: undefined,
  result: undefined,
  woke: [],
  slept: false,
  ...more,
});

/** A step as a story has it: told in `action`'s words, not a preemption unless `more` says so. */
export const step = (operation: Act['operation'], cell: string | undefined, more: Partial<Step> = {}): Step => ({
  ...act(operation, cell),
  action: '',
  preempted: false,
  ...more,
});

/** A thread where an execution left it, in `state`. */
export const pending = (thread: number, state: Pending['state'], more: Partial<Pending> = {}): Pending => ({
  thread,
  state,
  canGoOn: false,
  next: undefined,
  nextStep: undefined,
  woken: false,
  timeoutMs: undefined,
  error: undefined,
  calls: [],
  ...more,
});
