import type { Endpoint, Exit } from './endpoint.ts';
import { Runner } from './runner.ts';
import type { TaskRef } from './task.ts';

/** A runner that runs one task once and then ends: what a Process, a Thread and the lessons' startChild are. */
export interface Child {
  readonly runner: Runner;
  /** How the runner ended, once it has, all it printed delivered. */
  readonly exit: Promise<Exit>;
  /** Settles once the runner has ended: resolves if the task returned, rejects with its TaskError if it threw. */
  readonly ended: Promise<void>;
}

/** Starts `task(...args)` in a runner on `endpoint`, and returns at once, while it runs. */
export function startChild<Args extends unknown[]>(endpoint: Endpoint, task: TaskRef<Args>, args: Args): Child {
  const runner = new Runner(endpoint);
  let failure: Error | undefined;
  const exit = runner.run(task, { items: [args], spread: true }).then(({ errors }) => {
    failure = errors[0];
    return runner.stop(failure === undefined ? 0 : 1);
  });
  const ended = exit.then(() => {
    if (failure !== undefined) throw failure;
  });
  // A failure is for whoever awaits `ended`; one nobody awaits must not crash the program.
  ended.catch(() => {});
  return { runner, exit, ended };
}
