/** Lesson 2 with a dispose that stops nothing: the runners it started are left running. */
import { Pool as Hint } from '../solution.ts';

export class Pool extends Hint {
  override async [Symbol.asyncDispose](): Promise<void> {
    // Forgotten: the runners are left running.
  }
}
