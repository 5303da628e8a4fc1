/** Lesson 2 with the items cast to an array, to index them: a Set or a generator has no length, so map gives [undefined] for them. */
import type { TaskRef } from '../../helpers.ts';
import { PoolMapError, type TaskError } from '../../helpers.ts';
import { Pool as Hint } from '../solution.ts';

export class Pool extends Hint {
  override async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    const list = items as Item[];
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
}
