/** Lesson 1 as its hint shows it (lessons/1-process/lesson.ts reads it from here): the meta-spec judges it, so a hint never teaches a mistake. */
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
