/**
 * Our answer to lesson 2, shown whole by `npm run learn -- --solution` (lessons/hint.ts): the meta-spec pastes
 * it in place of a learner's file and judges it. The wrong answers beside it change one thing each.
 */
import { availableParallelism } from 'node:os';
import { PoolMapError, startRunner, type TaskError, type TaskRef, type TaskRunner } from '../helpers.ts';

export class Pool {
  readonly size: number;
  readonly runners: TaskRunner[] = [];

  constructor(size = availableParallelism()) {
    this.size = size;
  }

  async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    const list = [...items];
    const values: Result[] = new Array(list.length);
    const errors: TaskError[] = [];
    let next = 0;
    const work = async () => {
      let runner = this.start();
      while (next < list.length) {
        const i = next++;
        try {
          values[i] = await runner.run(task, list[i] as Item, i);
        } catch (error) {
          errors.push(error as TaskError);
          runner = this.afterFailure(runner);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.size, list.length) }, work));
    if (errors.length > 0) throw new PoolMapError({ values, errors });
    return values;
  }

  /** The runner to go on with once `runner` failed a task: itself, or, if its child died, a new one in its place. */
  afterFailure(runner: TaskRunner): TaskRunner {
    return runner.ended ? this.start() : runner;
  }

  start(): TaskRunner {
    const runner = startRunner();
    this.runners.push(runner);
    return runner;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
