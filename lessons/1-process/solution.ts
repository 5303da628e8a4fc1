/** Our answer to lesson 1, shown whole by `npm run learn -- --solution` (lessons/hint.ts): the meta-spec pastes it in place of a learner's file and judges it. */
import { type Child, type ChildOptions, startChild, type TaskRef } from '../helpers.ts';

export class Process<Args extends unknown[] = unknown[]> {
  readonly target: TaskRef<Args>;
  readonly args: Args;
  readonly options: ChildOptions;
  #child: Child | undefined;

  constructor(target: TaskRef<Args>, args: Args = [] as unknown[] as Args, options: ChildOptions = {}) {
    this.target = target;
    this.args = args;
    this.options = options;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    this.#child = startChild(this.target, this.args, this.options);
  }

  async join(): Promise<void> {
    await this.#child?.ended;
  }
}
