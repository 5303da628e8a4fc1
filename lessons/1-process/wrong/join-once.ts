/**
 * Lesson 1 with a join() that waits only once: a second join() returns at once, as if the child had been
 * waited for, though the first may have rejected with the task's error, or still be waiting.
 */
import { Process as Hint } from '../solution.ts';

export class Process<Args extends unknown[] = unknown[]> extends Hint<Args> {
  #joined = false;

  override async join(): Promise<void> {
    if (this.#joined) return;
    this.#joined = true;
    await super.join();
  }
}
