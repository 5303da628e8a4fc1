/** Lesson 2 with a dispose that refuses to run twice, as if a second one were a misuse: `await using` after a dispose of your own fails. */
import { Pool as Hint } from '../solution.ts';

export class Pool extends Hint {
  #disposed = false;

  override async [Symbol.asyncDispose](): Promise<void> {
    if (this.#disposed) throw new Error('This pool is already disposed of');
    this.#disposed = true;
    await super[Symbol.asyncDispose]();
  }
}
