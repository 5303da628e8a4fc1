/** Lesson 2 with a runner whose child died kept on: every item it is given after fails, not only the one it ran. */
import type { TaskRunner } from '../../helpers.ts';
import { Pool as Hint } from '../solution.ts';

export class Pool extends Hint {
  override afterFailure(runner: TaskRunner): TaskRunner {
    return runner;
  }
}
