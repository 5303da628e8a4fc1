/** Lesson 2 as its old hint sketched it: each runner's loop awaited with Promise.all, a failure rejecting map at once while the other items still run. */
import type { TaskRef } from '../../helpers.ts';
import { Pool as Hint } from '../solution.ts';

export class Pool extends Hint {
  override async map<Item, Result>(task: TaskRef<[Item], Result>, items: Iterable<Item>): Promise<Result[]> {
    const list = [...items];
    const values: Result[] = new Array(list.length);
    let next = 0;
    const work = async () => {
      const runner = this.start();
      while (next < list.length) {
        const i = next++;
        values[i] = await runner.run(task, list[i] as Item, i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.size, list.length) }, work));
    return values;
  }
}
