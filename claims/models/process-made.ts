/**
 * What the constructor of Process (and Thread) promises: a target that is not a task reference, or args
 * that are not an array, are refused at once, naming what was given; args default to none; one argument is
 * passed as it is; args that cannot be sent fail the task, not the program. Each a step of its own, whose
 * runnable is started and joined within it.
 */
import { performTask } from '../tasks/faults.ts';
import { whoAmITask } from '../tasks/rendezvous.ts';
import { errorText, outcomeOf } from './outcome.ts';
import { part } from './part.ts';
import type { Model, ProcessCommand, Real } from './process-commands.ts';
import type { ModelledRunnable } from './process-ends.ts';
import { said } from './process-ends.ts';

const Kind = (real: Real) => (real.kind === 'process' ? 'Process' : 'Thread');

export type BadInput = { readonly target: undefined | 'download' } | { readonly args: 'x' | 3 };

export class BadNewCommand implements ProcessCommand {
  readonly bad: BadInput;
  constructor(bad: BadInput) {
    this.bad = bad;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const [target, args] = 'target' in this.bad ? [this.bad.target, []] : [performTask, this.bad.args];
    const ours =
      'target' in this.bad
        ? `throws TypeError: A ${Kind(real)} target must be a task reference made by taskRef(moduleUrl, exportName), got ${String(target)}`
        : `throws TypeError: ${Kind(real)} args must be an array, got ${typeof args}`;
    let made: ModelledRunnable;
    try {
      made = new real.Runnable(target as never, args as never);
    } catch (error) {
      const yours = `throws ${errorText(error)}`;
      if (yours !== ours) part(model, String(this), 'a bad target or args are refused at once, naming what was given', ours, yours);
      return;
    }
    real.made.push(made);
    part(model, String(this), 'a bad target or args are refused at once, naming what was given', ours, 'makes one');
  }
  toString = () => ('target' in this.bad ? `new Process(${JSON.stringify(this.bad.target)})` : `new Process(perform, ${JSON.stringify(this.bad.args)})`);
}

export type Args = 'none' | 'one' | 'unsendable';

/** An Error whose message is not known to the letter: a structured clone's words are V8's. */
const unsendable =
  /^rejects with TaskError: perform\(\{"behaviour":"succeed"\}\) from faults\.ts could not be sent to (process \d+|thread \d+ of process \d+): .*could not be cloned.*; cause (DataCloneError|Error): .*could not be cloned/;

const cases = {
  none: {
    made: (real: Real) => new real.Runnable(whoAmITask as never),
    promise: 'args default to none: the target runs with no arguments',
    ours: 'resolves' as string | RegExp,
  },
  one: {
    made: (real: Real) => new real.Runnable(performTask as never, [{ behaviour: 'throw', value: 2, ms: 1 }]),
    promise: 'one argument is passed as it is',
    ours: 'rejects with TaskError: perform({"behaviour":"throw","value":2,"ms":1}) from faults.ts failed: download 2 failed; cause DownloadFailed: download 2 failed; its cause Error: connection reset',
  },
  unsendable: {
    made: (real: Real) => new real.Runnable(performTask as never, [{ behaviour: 'succeed', value: () => 1 }]),
    promise: 'args that cannot be sent fail the task: join rejects saying so, the clone its cause',
    ours: unsendable,
  },
};

export class RunToEndCommand implements ProcessCommand {
  readonly args: Args;
  constructor(args: Args) {
    this.args = args;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const { made, promise, ours } = cases[this.args];
    let runnable: ModelledRunnable;
    try {
      runnable = made(real);
      real.made.push(runnable);
      runnable.start();
    } catch (error) {
      return part(model, String(this), promise, String(ours), `throws ${errorText(error)}`);
    }
    const yours = said(await outcomeOf(() => runnable.join(), real.boundMs, `Step ${model.step}, ${this}`));
    if (typeof ours === 'string' ? yours !== ours : !ours.test(yours)) part(model, String(this), promise, String(ours), yours);
  }
  toString = () =>
    ({
      none: 'new Process(whoAmI), started and joined',
      one: 'new Process(perform, [throw 2]), started and joined',
      unsendable: 'new Process(perform, [a function]), started and joined',
    })[this.args];
}
