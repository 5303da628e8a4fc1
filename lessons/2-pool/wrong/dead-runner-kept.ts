/** Lesson 2 with a runner whose child died kept on: every item it is given after fails, not only the one it ran. */
import { PoolMapError, type TaskError, type TaskRef } from '../../helpers.ts';
import { Pool as Hint } from '../solution.ts';

export class Pool extends Hint {
  override async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    const list = [...items];
    const values: Result[] = new Array(list.length);
    const errors: TaskError[] = [];
    let next = 0;
    const work = async () => {
      const runner = this.start();
      while (next < list.length) {
        const i = next++;
        try {
          values[i] = await runner.run(task, list[i] as Item, i);
        } catch (error) {
          errors.push(error as TaskError);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.size, list.length) }, work));
    if (errors.length > 0) throw new PoolMapError({ values, errors });
    return values;
  }
}
